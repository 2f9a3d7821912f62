using MicroCred.Domain.Common;

namespace MicroCred.Domain.Evidence;

/// <summary>
/// The district recommends a micro-credential to every member, or to the members of one school; it shows on
/// their personal plan as "recommended by your district". An Admin withdraws it when it no longer applies.
/// </summary>
public sealed class CredentialRecommendation : ITenantOwned
{
    public const int MaxNote = 500;

    private CredentialRecommendation() { }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid CredentialId { get; private set; }
    /// <summary>Only the members of this school; null = every member of the district.</summary>
    public Guid? SchoolId { get; private set; }
    public string? Note { get; private set; }
    public Guid RecommendedBy { get; private set; }
    public DateTimeOffset RecommendedAt { get; private set; }
    public DateTimeOffset? WithdrawnAt { get; private set; }

    public bool IsActive => WithdrawnAt is null;

    public static CredentialRecommendation Make(Guid tenantId, Guid credentialId, Guid? schoolId, string? note, Guid by, DateTimeOffset now)
    {
        if (note is { Length: > MaxNote }) throw new DomainException($"Keep the note to {MaxNote} characters.", nameof(Note));
        return new()
        {
            Id = Guid.CreateVersion7(now), TenantId = tenantId, CredentialId = credentialId, SchoolId = schoolId,
            Note = string.IsNullOrWhiteSpace(note) ? null : note.Trim(), RecommendedBy = by, RecommendedAt = now,
        };
    }

    /// <summary>Does it reach a member of <paramref name="schoolId"/> (null: a member without a school)?</summary>
    public bool Reaches(Guid? schoolId) => IsActive && (SchoolId is null || SchoolId == schoolId);

    public void Withdraw(DateTimeOffset now)
    {
        if (!IsActive) throw new DomainException("This recommendation was already withdrawn.");
        WithdrawnAt = now;
    }
}
