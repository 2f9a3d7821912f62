using MicroCred.Domain.Common;
using MicroCred.Domain.Design;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;

namespace MicroCred.Domain.Assessment;

public enum ReviewStatus { Scoring, AwaitingAdjudication, Scored }

/// <summary>What a submitted score led to.</summary>
public enum ReviewProgress { WaitingForOtherScore, NeedsAdjudication, Scored }

/// <summary>
/// The review of one submission, from the moment it enters review to its final score: who holds which part of
/// the work, their scores, and the outcome the Issuer decides on.
/// <list type="bullet">
/// <item>Double scoring is decided once, when the work enters review (<see cref="DoubleScoring"/>).</item>
/// <item>Every assignment, whatever its path (automatic, claim, Admin, adjudicator), passes the
/// <see cref="AssessorPool"/> rules, and nobody holds two roles on one submission (independent scores; an
/// adjudicator other than the two scorers).</item>
/// <item>Due dates keep the district's promise to the earner (<see cref="DistrictPolicy.TurnaroundBusinessDays"/>
/// from submission): a reassigned or re-claimed piece of work keeps its date, so late work stays visibly late.
/// Adjudication is a new step: it is due that many business days after the disagreement.</item>
/// <item>Outcome: a single score decides; with two agreeing recommendations the Primary's score is the score
/// of record (the Second exists to measure reliability); when they differ, the Adjudicator's score decides.</item>
/// </list>
/// </summary>
public sealed class Review : ITenantOwned
{
    private readonly List<Assignment> assignments = [];

    private Review() { }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid SubmissionId { get; private set; }
    public Guid CredentialId { get; private set; }
    public Guid CredentialVersionId { get; private set; }
    public Guid EarnerId { get; private set; }
    /// <summary>The how-many-th submission of its credential to enter review (1-based): drives the double-scoring selection.</summary>
    public int Sequence { get; private set; }
    public bool DoubleScored { get; private set; }
    /// <summary>
    /// Set when the submission was selected for double scoring but went on with one score because no second
    /// independent assessor was eligible (see <see cref="ProceedWithoutSecondScore"/>); DoubleScored is then false.
    /// </summary>
    public DateTimeOffset? SecondScoreWaivedAt { get; private set; }
    public DateTimeOffset OpenedAt { get; private set; }
    /// <summary>The turnaround target from submission.</summary>
    public DateTimeOffset DueAt { get; private set; }
    public ReviewStatus Status { get; private set; }
    public DateTimeOffset? AdjudicationRequestedAt { get; private set; }
    public DateTimeOffset? AdjudicationDueAt { get; private set; }
    public DateTimeOffset? ScoredAt { get; private set; }
    /// <summary>The assignment whose score is final (see the outcome rule above).</summary>
    public Guid? FinalAssignmentId { get; private set; }
    public Recommendation? Recommendation { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public IReadOnlyList<Assignment> Assignments => assignments;

    public ReviewSubject Subject => new(SubmissionId, EarnerId, CredentialId);

    public Assignment? Final => FinalAssignmentId is { } id ? assignments.Single(a => a.Id == id) : null;

    /// <summary>The submission enters review. <paramref name="sequence"/> counts the credential's reviews, this one included.</summary>
    public static Review Open(Submission submission, int sequence, DistrictPolicy policy, DateTimeOffset now)
    {
        if (submission.Status != SubmissionStatus.Submitted || submission.SubmittedAt is not { } submittedAt)
            throw new DomainException("Only submitted work enters review.");
        return new Review
        {
            Id = Guid.CreateVersion7(now), TenantId = submission.TenantId, SubmissionId = submission.Id, CredentialId = submission.CredentialId,
            CredentialVersionId = submission.CredentialVersionId, EarnerId = submission.EarnerId, Sequence = sequence,
            DoubleScored = DoubleScoring.Selects(sequence, policy.DoubleScoringPercent), OpenedAt = now, DueAt = policy.DueDate(submittedAt),
            Status = ReviewStatus.Scoring, UpdatedAt = now,
        };
    }

    /// <summary>The active assignment holding a role (in progress or completed), if any.</summary>
    public Assignment? Holder(AssignmentRole role) => assignments.FirstOrDefault(a => a.Role == role && a.IsActive);

    /// <summary>Roles that need an assessor now, in the order they are filled.</summary>
    public IReadOnlyList<AssignmentRole> OpenRoles
    {
        get
        {
            if (Status == ReviewStatus.Scored) return [];
            var roles = new List<AssignmentRole>();
            if (Holder(AssignmentRole.Primary) is null) roles.Add(AssignmentRole.Primary);
            if (DoubleScored && Holder(AssignmentRole.Second) is null) roles.Add(AssignmentRole.Second);
            if (Status == ReviewStatus.AwaitingAdjudication && Holder(AssignmentRole.Adjudicator) is null) roles.Add(AssignmentRole.Adjudicator);
            return roles;
        }
    }

    /// <summary>People who held part of this work and gave it up: automatic assignment does not hand it straight back to them.</summary>
    public IReadOnlyCollection<Guid> FormerAssessors => assignments.Where(a => !a.IsActive).Select(a => a.AssessorId).ToHashSet();

    /// <summary>Due date of work in a role.</summary>
    public DateTimeOffset DueFor(AssignmentRole role) => role == AssignmentRole.Adjudicator ? AdjudicationDueAt ?? DueAt : DueAt;

    /// <summary>Why this person may not take this work now (conflict of interest, qualification, independence), or null.</summary>
    public Ineligibility? Check(Guid assessorId, AssessorPool pool) =>
        pool.Check(assessorId, Subject) ?? (assignments.Any(a => a.IsActive && a.AssessorId == assessorId) ? Ineligibility.AlreadyScoring : null);

    /// <summary>Gives a role to an assessor: automatically, on their claim, or by an Admin. The one way work reaches anyone.</summary>
    public Assignment Assign(AssignmentRole role, Guid assessorId, AssignmentSource source, Guid? by, Submission submission, AssessorPool pool, DateTimeOffset now)
    {
        EnsureOwn(submission);
        if (Status == ReviewStatus.Scored) throw new DomainException("This submission has been scored already.");
        if (submission.Status is not (SubmissionStatus.Submitted or SubmissionStatus.InReview))
            throw new DomainException("This submission is not waiting for review any more.");
        if (!OpenRoles.Contains(role))
            throw new DomainException(role == AssignmentRole.Adjudicator && Status != ReviewStatus.AwaitingAdjudication
                ? "This submission does not need adjudication."
                : "Someone else already has this work.");
        if (Check(assessorId, pool) is { } reason) throw new AssessorRefusedException(reason);
        var assignment = Assignment.Create(this, role, assessorId, source, by, DueFor(role), now);
        assignments.Add(assignment);
        submission.StartReview(now);
        UpdatedAt = now;
        return assignment;
    }

    /// <summary>An assessor takes the first open part of this work from the queue.</summary>
    public Assignment Claim(Guid assessorId, Submission submission, AssessorPool pool, DateTimeOffset now)
    {
        if (OpenRoles.Count == 0) throw new DomainException("Someone else has already taken this work.");
        return Assign(OpenRoles[0], assessorId, AssignmentSource.Claimed, assessorId, submission, pool, now);
    }

    /// <summary>The assessor gives the work back before scoring: it returns to the queue (their draft is set aside).</summary>
    public void Release(Assignment assignment, Submission submission, DateTimeOffset now) =>
        End(assignment, AssignmentEnd.Released, submission, now);

    /// <summary>
    /// The assessor recognises a conflict of interest in the work in front of them: the work goes back to the
    /// queue and the conflict holds for every submission of the same earner from now on.
    /// </summary>
    public ConflictDeclaration DeclareConflict(Assignment assignment, string reason, Submission submission, DateTimeOffset now)
    {
        EnsureOwn(assignment);
        var declaration = ConflictDeclaration.OnSubmission(TenantId, assignment.AssessorId, EarnerId, SubmissionId, reason, now);
        End(assignment, AssignmentEnd.ConflictDeclared, submission, now);
        return declaration;
    }

    /// <summary>
    /// The assessor may no longer assess this work (qualification revoked, a conflict declared since, a change of
    /// school): their open work here goes back to the queue.
    /// </summary>
    public void Withdraw(Assignment assignment, Submission submission, DateTimeOffset now) =>
        End(assignment, AssignmentEnd.NoLongerEligible, submission, now);

    /// <summary>An Admin moves open work to another assessor, through the same rules; the due date stays.</summary>
    public Assignment Reassign(Assignment current, Guid assessorId, Guid by, Submission submission, AssessorPool pool, DateTimeOffset now)
    {
        EnsureOwn(current);
        EnsureOwn(submission);
        if (!current.IsOpen) throw new DomainException("Only work that has not been scored yet can be reassigned.");
        if (assessorId == current.AssessorId) throw new DomainException("Choose a different assessor.", "AssessorId");
        if (Check(assessorId, pool) is { } reason) throw new AssessorRefusedException(reason);
        current.End(AssignmentEnd.Reassigned, now);
        var next = Assignment.Create(this, current.Role, assessorId, AssignmentSource.Admin, by, current.DueAt, now);
        assignments.Add(next);
        UpdatedAt = now;
        return next;
    }

    public void SaveDraft(Assignment assignment, ScoreSheet sheet, Rubric rubric, DateTimeOffset now)
    {
        EnsureOwn(assignment);
        assignment.SaveDraft(sheet.CheckedAgainst(rubric), now);
    }

    /// <summary>
    /// Submits a complete score (every criterion, feedback wherever below passing) and moves the review on: to
    /// Scored, to waiting for the other independent score, or to adjudication when the two recommendations differ.
    /// </summary>
    public ReviewProgress SubmitScore(Assignment assignment, ScoreSheet sheet, Rubric rubric, Submission submission, DistrictPolicy policy, DateTimeOffset now)
    {
        EnsureOwn(assignment);
        EnsureOwn(submission);
        assignment.EnsureOpen();
        var checkedSheet = sheet.CheckedAgainst(rubric);
        var problems = checkedSheet.ProblemsBeforeSubmitting(rubric);
        if (problems.Count > 0) throw new ScoreIncompleteException(problems);
        assignment.Complete(checkedSheet, rubric.Evaluate(checkedSheet.Levels), now);
        UpdatedAt = now;

        if (assignment.Role == AssignmentRole.Adjudicator || !DoubleScored)
            return Finish(assignment, submission, now);
        var primary = Holder(AssignmentRole.Primary);
        var second = Holder(AssignmentRole.Second);
        if (primary is not { IsCompleted: true } || second is not { IsCompleted: true }) return ReviewProgress.WaitingForOtherScore;
        if (primary.Recommendation == second.Recommendation) return Finish(primary, submission, now);
        Status = ReviewStatus.AwaitingAdjudication;
        AdjudicationRequestedAt = now;
        AdjudicationDueAt = policy.DueDate(now);
        return ReviewProgress.NeedsAdjudication;
    }

    /// <summary>
    /// A submission selected for double scoring whose second independent score nobody eligible can give (no other
    /// qualified, conflict-free assessor apart from <paramref name="unavailable"/>) goes on with one score, so a
    /// district with a single assessor still reaches its Issuer. The reliability report counts it as "not
    /// double-scored: too few assessors". Returns whether it changed anything; when the one score is already in,
    /// the review is scored.
    /// </summary>
    public bool ProceedWithoutSecondScore(AssessorPool pool, Submission submission, DateTimeOffset now, IEnumerable<Guid>? unavailable = null)
    {
        EnsureOwn(submission);
        if (!DoubleScored || Status != ReviewStatus.Scoring || Holder(AssignmentRole.Primary) is not { } primary || Holder(AssignmentRole.Second) is not null)
            return false;
        var excluded = unavailable?.ToHashSet() ?? [];
        if (pool.Assessors.Any(a => !excluded.Contains(a.UserId) && Check(a.UserId, pool) is null)) return false;
        DoubleScored = false;
        SecondScoreWaivedAt = now;
        UpdatedAt = now;
        if (primary.IsCompleted) Finish(primary, submission, now);
        return true;
    }

    /// <summary>
    /// Adjudication nobody can do: the two scores disagree and no third qualified, conflict-free assessor exists.
    /// It waits for an Admin to qualify one (shown as blocked, never dropped).
    /// </summary>
    public bool AdjudicationBlocked(AssessorPool pool) =>
        Status == ReviewStatus.AwaitingAdjudication && Holder(AssignmentRole.Adjudicator) is null && !pool.Assessors.Any(a => Check(a.UserId, pool) is null);

    /// <summary>
    /// The other scores the holder of <paramref name="assignment"/> may see: an adjudicator sees both independent
    /// scores; the two scorers never see each other's.
    /// </summary>
    public IReadOnlyList<Assignment> ScoresVisibleTo(Assignment assignment) =>
        assignment.Role == AssignmentRole.Adjudicator
            ? assignments.Where(a => a.IsCompleted && a.Role != AssignmentRole.Adjudicator).OrderBy(a => a.Role).ToList()
            : [];

    /// <summary>Both independent scores of a double-scored submission, once both are in.</summary>
    public (Assignment First, Assignment Second)? IndependentPair =>
        DoubleScored && Holder(AssignmentRole.Primary) is { IsCompleted: true } p && Holder(AssignmentRole.Second) is { IsCompleted: true } s ? (p, s) : null;

    private ReviewProgress Finish(Assignment final, Submission submission, DateTimeOffset now)
    {
        Status = ReviewStatus.Scored;
        FinalAssignmentId = final.Id;
        Recommendation = final.Recommendation;
        ScoredAt = now;
        submission.MarkScored(now);
        return ReviewProgress.Scored;
    }

    private void End(Assignment assignment, AssignmentEnd reason, Submission submission, DateTimeOffset now)
    {
        EnsureOwn(assignment);
        EnsureOwn(submission);
        assignment.End(reason, now);
        if (!assignments.Any(a => a.IsActive)) submission.ReturnToQueue(now);
        UpdatedAt = now;
    }

    private void EnsureOwn(Assignment assignment)
    {
        if (!assignments.Contains(assignment)) throw new DomainException("That assignment belongs to another submission.");
    }

    private void EnsureOwn(Submission submission)
    {
        if (submission.Id != SubmissionId) throw new DomainException("That is another submission.");
    }
}
