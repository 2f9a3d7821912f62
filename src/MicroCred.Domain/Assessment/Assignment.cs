using MicroCred.Domain.Common;
using MicroCred.Domain.Design;

namespace MicroCred.Domain.Assessment;

/// <summary>
/// What an assessor does on a submission. Primary and Second are the two independent scores of a double-scored
/// submission (the Second only there); the Adjudicator decides when their recommendations differ. Assessors are
/// never told whether they are Primary or Second (the selection stays invisible): both simply "score".
/// </summary>
public enum AssignmentRole { Primary, Second, Adjudicator }

/// <summary>How the work reached the assessor.</summary>
public enum AssignmentSource { Automatic, Claimed, Admin }

/// <summary>Why an assignment ended before its score was submitted.</summary>
public enum AssignmentEnd
{
    Released,
    ConflictDeclared,
    Reassigned,
    /// <summary>The assessor may no longer assess it: qualification revoked, a conflict declared since, or a change of school.</summary>
    NoLongerEligible,
}

/// <summary>
/// One assessor's part in the review of one submission, and their score. Active while it holds its role (in
/// progress, or completed with a submitted score); ended when released, declined for a conflict, reassigned
/// or withdrawn because the assessor is no longer eligible. Changed only through its <see cref="Review"/>.
/// </summary>
public sealed class Assignment : ITenantOwned
{
    private Assignment() { }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid ReviewId { get; private set; }
    public Guid SubmissionId { get; private set; }
    public Guid CredentialId { get; private set; }
    public Guid AssessorId { get; private set; }
    public AssignmentRole Role { get; private set; }
    public AssignmentSource Source { get; private set; }
    public DateTimeOffset AssignedAt { get; private set; }
    /// <summary>The Admin who assigned it, or the assessor who claimed it; null when the system assigned it.</summary>
    public Guid? AssignedBy { get; private set; }
    public DateTimeOffset DueAt { get; private set; }
    public DateTimeOffset? EndedAt { get; private set; }
    public AssignmentEnd? EndReason { get; private set; }
    /// <summary>The score: a draft until <see cref="CompletedAt"/>, then the submitted score.</summary>
    public ScoreSheet? Sheet { get; private set; }
    public DateTimeOffset? SavedAt { get; private set; }
    public DateTimeOffset? CompletedAt { get; private set; }
    public Recommendation? Recommendation { get; private set; }
    /// <summary>Rubric points of the submitted score.</summary>
    public int? Total { get; private set; }

    /// <summary>Holds its role: in progress, or completed.</summary>
    public bool IsActive => EndedAt is null;
    /// <summary>Work the assessor still has to do.</summary>
    public bool IsOpen => EndedAt is null && CompletedAt is null;
    public bool IsCompleted => EndedAt is null && CompletedAt is not null;
    public bool IsOverdue(DateTimeOffset now) => IsOpen && now > DueAt;

    internal static Assignment Create(Review review, AssignmentRole role, Guid assessorId, AssignmentSource source, Guid? by, DateTimeOffset due, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), TenantId = review.TenantId, ReviewId = review.Id, SubmissionId = review.SubmissionId, CredentialId = review.CredentialId,
        AssessorId = assessorId, Role = role, Source = source, AssignedAt = now, AssignedBy = by, DueAt = due,
    };

    internal void SaveDraft(ScoreSheet sheet, DateTimeOffset now)
    {
        EnsureOpen();
        Sheet = sheet;
        SavedAt = now;
    }

    internal void Complete(ScoreSheet sheet, RubricOutcome outcome, DateTimeOffset now)
    {
        EnsureOpen();
        Sheet = sheet;
        SavedAt = now;
        CompletedAt = now;
        Recommendation = outcome.Passes ? Assessment.Recommendation.Award : Assessment.Recommendation.NotYet;
        Total = outcome.Total;
    }

    internal void End(AssignmentEnd reason, DateTimeOffset now)
    {
        EnsureOpen();
        EndedAt = now;
        EndReason = reason;
    }

    internal void EnsureOpen()
    {
        if (EndedAt is not null) throw new DomainException("This work is no longer assigned to this assessor.");
        if (CompletedAt is not null) throw new DomainException("This score has been submitted and can no longer change.");
    }
}
