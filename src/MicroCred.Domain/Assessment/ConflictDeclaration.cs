using MicroCred.Domain.Common;

namespace MicroCred.Domain.Assessment;

/// <summary>
/// A declared conflict of interest between two people of the district (principle N). Either side may declare
/// it (an earner about an assessor, an assessor about an earner) and it works both ways: neither may assess
/// the other. An assessor who recognises the work in front of them declares it on the submission instead
/// (<see cref="SubmissionId"/>): the conflict then holds for every submission of that earner, without the
/// assessor ever learning the earner's name under blind review.
/// </summary>
public sealed class ConflictDeclaration : ITenantOwned
{
    public const int MaxReasonLength = 500;

    private ConflictDeclaration() { }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid DeclaredBy { get; private set; }
    public Guid OtherPersonId { get; private set; }
    /// <summary>Set when an assessor declared it on a submission in front of them.</summary>
    public Guid? SubmissionId { get; private set; }
    public string Reason { get; private set; } = "";
    public DateTimeOffset DeclaredAt { get; private set; }
    public DateTimeOffset? WithdrawnAt { get; private set; }

    public bool IsActive => WithdrawnAt is null;

    public static ConflictDeclaration Declare(Guid tenantId, Guid declaredBy, Guid otherPersonId, string reason, DateTimeOffset now)
    {
        if (declaredBy == otherPersonId) throw new DomainException("Choose someone other than yourself.", nameof(OtherPersonId));
        return new ConflictDeclaration
        {
            Id = Guid.CreateVersion7(now), TenantId = tenantId, DeclaredBy = declaredBy, OtherPersonId = otherPersonId,
            Reason = Guard.Required(reason, nameof(Reason), "The reason", MaxReasonLength), DeclaredAt = now,
        };
    }

    internal static ConflictDeclaration OnSubmission(Guid tenantId, Guid assessorId, Guid earnerId, Guid submissionId, string reason, DateTimeOffset now)
    {
        var declaration = Declare(tenantId, assessorId, earnerId, reason, now);
        declaration.SubmissionId = submissionId;
        return declaration;
    }

    /// <summary>Whether this declaration stands between the two people, in either direction.</summary>
    public bool Between(Guid a, Guid b) => IsActive && ((DeclaredBy == a && OtherPersonId == b) || (DeclaredBy == b && OtherPersonId == a));

    /// <summary>Only the person who declared a conflict can withdraw it.</summary>
    public void Withdraw(Guid by, DateTimeOffset now)
    {
        if (by != DeclaredBy) throw new DomainException("Only the person who declared a conflict can withdraw it.");
        if (!IsActive) throw new DomainException("This conflict was already withdrawn.");
        WithdrawnAt = now;
    }
}
