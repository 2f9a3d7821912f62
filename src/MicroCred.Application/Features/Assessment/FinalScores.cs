using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Assessment;
using MicroCred.Domain.Design;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Assessment;

/// <summary>
/// The final score of a submission: the score of record (see <see cref="Review"/>), criterion by criterion with
/// the rubric's descriptors, and the recommendation computed from the passing rule. Null until it is scored.
/// </summary>
public sealed record FinalScore(Recommendation Recommendation, int Total, int MaximumTotal, string? PassingLevel,
    IReadOnlyList<CriterionResult> Criteria, string? Overall, bool DoubleScored, bool Adjudicated, DateTimeOffset ScoredAt);

public sealed record CriterionResult(Guid CriterionId, string Title, string Level, bool BelowPassing, string? Feedback, IReadOnlyList<LevelDescriptor> Levels);

public sealed record LevelDescriptor(string Name, string Descriptor, bool Achieved, bool Passing);

/// <summary>The earner's own feedback page: what each criterion was scored and why (principle M), whatever the decision.</summary>
[RequiresRole(DistrictRole.Earner)]
public sealed record GetMyFeedback(Guid SubmissionId) : IQuery<SubmissionFeedback>;

public sealed record SubmissionFeedback(Guid SubmissionId, string Credential, int Attempt, SubmissionStatus Status, DateTimeOffset? SubmittedAt,
    string? DecisionNote, FinalScore? Score);

public sealed class GetMyFeedbackHandler(AppDbContext db, ICurrentUser user) : IQueryHandler<GetMyFeedback, SubmissionFeedback>
{
    public async ValueTask<SubmissionFeedback> Handle(GetMyFeedback query, CancellationToken ct)
    {
        var submission = await db.Submissions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == query.SubmissionId && s.EarnerId == user.Id, ct)
            ?? throw new NotFoundException(nameof(Submission), query.SubmissionId); // someone else's work does not exist for you
        var version = await db.VersionAsync(submission.CredentialVersionId, ct);
        return new SubmissionFeedback(submission.Id, version.Name, submission.Attempt, submission.Status, submission.SubmittedAt, submission.DecisionNote,
            await db.FinalScoreAsync(submission.Id, version.Content.Rubric, ct));
    }
}

/// <summary>
/// The final score and recommendation for the Issuer's decision (and the Admin's review page). This is what the
/// award/deny step reads.
/// </summary>
[RequiresRole(DistrictRole.Issuer | DistrictRole.Admin)]
public sealed record GetFinalScore(Guid SubmissionId) : IQuery<FinalScore?>;

public sealed class GetFinalScoreHandler(AppDbContext db) : IQueryHandler<GetFinalScore, FinalScore?>
{
    public async ValueTask<FinalScore?> Handle(GetFinalScore query, CancellationToken ct)
    {
        var submission = await db.Submissions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == query.SubmissionId, ct)
            ?? throw new NotFoundException(nameof(Submission), query.SubmissionId);
        var version = await db.VersionAsync(submission.CredentialVersionId, ct);
        return await db.FinalScoreAsync(submission.Id, version.Content.Rubric, ct);
    }
}

internal static class FinalScoreReading
{
    public static async Task<FinalScore?> FinalScoreAsync(this AppDbContext db, Guid submissionId, Rubric rubric, CancellationToken ct)
    {
        var review = await db.Reviews.AsNoTracking().Include(r => r.Assignments).SingleOrDefaultAsync(r => r.SubmissionId == submissionId, ct);
        if (review is not { Status: ReviewStatus.Scored, Final: { Sheet: { } sheet } final }) return null;
        return ToFinalScore(rubric, sheet, final.Recommendation!.Value, review.DoubleScored, final.Role == AssignmentRole.Adjudicator, review.ScoredAt!.Value);
    }

    public static FinalScore ToFinalScore(Rubric rubric, ScoreSheet sheet, Recommendation recommendation, bool doubleScored, bool adjudicated, DateTimeOffset scoredAt)
    {
        var outcome = rubric.Evaluate(sheet.Levels);
        var criteria = rubric.Criteria.Select(c =>
        {
            var score = sheet.For(c.Id);
            var level = score?.LevelId;
            return new CriterionResult(c.Id, c.Title, rubric.Levels.FirstOrDefault(l => l.Id == level)?.Name ?? "", level is { } l && rubric.IsBelowPassing(l), score?.Feedback,
                rubric.Levels.Select(l => new LevelDescriptor(l.Name, c.Descriptor(l.Id), l.Id == level, l.Id == rubric.Passing?.MinimumLevelId)).ToList());
        }).ToList();
        return new FinalScore(recommendation, outcome.Total, outcome.MaximumTotal, rubric.PassingLevel?.Name, criteria, sheet.Overall, doubleScored, adjudicated, scoredAt);
    }
}
