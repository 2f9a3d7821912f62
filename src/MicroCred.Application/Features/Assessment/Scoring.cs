using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Issuing;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Domain.Assessment;
using MicroCred.Domain.Design;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Assessment;

/// <summary>
/// The scoring screen of one submission, for the assessor who holds work on it (anyone else: not found). Under
/// blind review nothing names the earner: the pseudonymous code, neutral labels for files and links.
/// </summary>
[RequiresRole(DistrictRole.Assessor)]
public sealed record GetScoringSheet(Guid SubmissionId) : IQuery<ScoringView>;

public sealed record ScoringView(
    Guid SubmissionId, string Code, string Credential, int VersionNumber, string Task, bool IsAdjudication,
    DateTimeOffset DueAt, bool Overdue, bool Completed, DateTimeOffset? SavedAt, DateTimeOffset? SubmittedAt,
    string? EarnerName, string? School,
    IReadOnlyList<EvidenceSection> Evidence, Rubric Rubric, ScoreSheet Sheet, Recommendation Recommendation, int Total,
    IReadOnlyList<OtherScore> OtherScores);

/// <summary>An independent score the adjudicator may see ("Score 1", "Score 2"; scorers stay unnamed).</summary>
public sealed record OtherScore(string Label, ScoreSheet Sheet, Recommendation Recommendation, int Total);

public sealed class GetScoringSheetHandler(AppDbContext db, ITenantContext tenant, ICurrentUser user, TimeProvider clock)
    : IQueryHandler<GetScoringSheet, ScoringView>
{
    public async ValueTask<ScoringView> Handle(GetScoringSheet query, CancellationToken ct)
    {
        var me = user.Id!.Value;
        var review = await db.Reviews.AsNoTracking().Include(r => r.Assignments).SingleOrDefaultAsync(r => r.SubmissionId == query.SubmissionId, ct);
        var mine = review?.Assignments.FirstOrDefault(a => a.AssessorId == me && a.IsActive);
        if (review is null || mine is null) throw new NotFoundException("Submission", query.SubmissionId);
        await db.EnsureStillQualifiedAsync(mine, ct);

        var submission = await db.Submissions.AsNoTracking().Include(s => s.Items).SingleAsync(s => s.Id == review.SubmissionId, ct);
        var version = await db.VersionAsync(review.CredentialVersionId, ct);
        var rubric = version.Content.Rubric;
        var policy = await db.ReadDistrictPolicyAsync(tenant, ct);
        (string Name, string? School)? earner = policy.BlindReview ? null : (await db.EarnersAsync([submission.EarnerId], ct))[submission.EarnerId];
        var sheet = mine.Sheet ?? ScoreSheet.Empty.CheckedAgainst(rubric);
        var outcome = rubric.Evaluate(sheet.Levels);
        var others = review.ScoresVisibleTo(mine).Select((a, i) => new OtherScore($"Score {i + 1}", a.Sheet!, a.Recommendation!.Value, a.Total ?? 0)).ToList();

        return new ScoringView(submission.Id, submission.Code, version.Name, version.Number, AssessmentData.TaskName(mine.Role), mine.Role == AssignmentRole.Adjudicator,
            mine.DueAt, mine.IsOverdue(clock.GetUtcNow()), mine.IsCompleted, mine.SavedAt, mine.CompletedAt, earner?.Name, earner?.School,
            EvidenceViews.ForSubmission(version.Content, submission.Items, policy.BlindReview, await db.FileKindsAsync(submission.Items, ct)), rubric, sheet,
            outcome.Passes ? Recommendation.Award : Recommendation.NotYet, outcome.Total, others);
    }
}

/// <summary>Saves the score as a draft while the assessor works (partial is fine).</summary>
[RequiresRole(DistrictRole.Assessor)]
public sealed record SaveScoreDraft(Guid SubmissionId, IReadOnlyList<CriterionScore> Criteria, string? Overall) : ICommand<Recommendation>, IScoreInput;

/// <summary>
/// Submits the score: a level for every criterion, feedback for every criterion below the passing level. Returns
/// what happened next (scored, waiting for the other independent score, or sent to adjudication).
/// </summary>
[RequiresRole(DistrictRole.Assessor)]
public sealed record SubmitScore(Guid SubmissionId, IReadOnlyList<CriterionScore> Criteria, string? Overall) : ICommand<ReviewProgress>, IScoreInput;

/// <summary>What both score commands carry.</summary>
public interface IScoreInput
{
    IReadOnlyList<CriterionScore> Criteria { get; }
    string? Overall { get; }
}

public abstract class ScoreInputValidator<T> : AbstractValidator<T> where T : IScoreInput
{
    protected ScoreInputValidator()
    {
        RuleFor(c => c.Criteria).NotNull().Must(c => c.Count <= 20).WithMessage("A rubric has at most 20 criteria.");
        RuleForEach(c => c.Criteria).Must(c => c.Feedback is null || c.Feedback.Length <= ScoreSheet.MaxFeedbackLength)
            .WithMessage($"Keep the feedback on each criterion to {ScoreSheet.MaxFeedbackLength:N0} characters.");
        RuleFor(c => c.Overall).MaximumLength(ScoreSheet.MaxOverallLength).WithMessage($"Keep the overall feedback to {ScoreSheet.MaxOverallLength:N0} characters.");
    }
}

public sealed class SaveScoreDraftValidator : ScoreInputValidator<SaveScoreDraft>;

public sealed class SubmitScoreValidator : ScoreInputValidator<SubmitScore>;

public sealed class ScoreHandlers(AppDbContext db, ITenantContext tenant, ICurrentUser user, TimeProvider clock, WorkAssigner assigner, AssessmentEmails emails,
    SubmissionDecider decider, AuditScope audit)
    : ICommandHandler<SaveScoreDraft, Recommendation>, ICommandHandler<SubmitScore, ReviewProgress>
{
    public async ValueTask<Recommendation> Handle(SaveScoreDraft command, CancellationToken ct)
    {
        var (review, mine, _) = await db.MyWorkAsync(command.SubmissionId, user.Id!.Value, ct);
        await db.EnsureStillQualifiedAsync(mine, ct);
        var rubric = (await db.VersionAsync(review.CredentialVersionId, ct)).Content.Rubric;
        review.SaveDraft(mine, new ScoreSheet(command.Criteria, command.Overall), rubric, clock.GetUtcNow());
        await db.SaveReviewAsync(ct);
        return mine.Sheet!.RecommendationUnder(rubric);
    }

    public async ValueTask<ReviewProgress> Handle(SubmitScore command, CancellationToken ct)
    {
        var (review, mine, submission) = await db.MyWorkAsync(command.SubmissionId, user.Id!.Value, ct);
        await db.EnsureStillQualifiedAsync(mine, ct);
        var rubric = (await db.VersionAsync(review.CredentialVersionId, ct)).Content.Rubric;
        var policy = await db.ReadDistrictPolicyAsync(tenant, ct);
        var now = clock.GetUtcNow();
        var progress = review.SubmitScore(mine, new ScoreSheet(command.Criteria, command.Overall), rubric, submission, policy, now);
        // The second scorer may have become impossible since the work was assigned (a qualification revoked, a conflict declared).
        if (progress == ReviewProgress.WaitingForOtherScore
            && review.ProceedWithoutSecondScore(await db.AssessorPoolAsync(policy, ct), submission, now,
                policy.Assignment == AssignmentMode.Automatic ? review.FormerAssessors : null)
            && review.Status == ReviewStatus.Scored)
            progress = ReviewProgress.Scored;
        await db.SaveReviewAsync(ct);
        if (progress == ReviewProgress.Scored)
        {
            using (audit.Begin("AutoAward", new { command.SubmissionId }))
                if (await decider.AutoAwardAsync(review, submission, policy, ct)) await db.SaveChangesAsync(ct);
        }
        if (progress == ReviewProgress.NeedsAdjudication)
        {
            if (policy.Assignment == AssignmentMode.Automatic) await assigner.AssignWaitingWorkAsync(ct);
            var pool = await db.AssessorPoolAsync(policy, ct);
            if (review.AdjudicationBlocked(pool)) await emails.AdjudicationBlockedAsync(review, ct);
            else if (policy.Assignment == AssignmentMode.Claim)
                await emails.AdjudicationNeededAsync(review, pool.Eligible(review.Subject, review.Assignments.Where(a => a.IsActive).Select(a => a.AssessorId)), ct);
            await db.SaveChangesAsync(ct);
        }
        return progress;
    }
}

internal static class QualificationChecks
{
    /// <summary>Open work needs a current qualification: a revoked assessor is refused even if the work were still theirs.</summary>
    public static async Task EnsureStillQualifiedAsync(this AppDbContext db, Assignment assignment, CancellationToken ct)
    {
        if (!assignment.IsOpen) return;
        var qualified = await db.AssessorQualifications.AnyAsync(q =>
            q.AssessorId == assignment.AssessorId && q.CredentialId == assignment.CredentialId && q.Status == QualificationStatus.Qualified, ct);
        if (!qualified) throw new ForbiddenException("You are not qualified to assess this micro-credential.");
    }
}
