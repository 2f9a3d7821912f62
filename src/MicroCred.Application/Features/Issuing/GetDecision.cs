using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Assessment;
using MicroCred.Domain.Assessment;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Issuing;

/// <summary>One scored submission as the Issuer decides it: who, what, the rubric results and the evidence's outline.</summary>
[RequiresRole(DistrictRole.Issuer)]
public sealed record GetDecision(Guid SubmissionId) : IQuery<DecisionDetail>;

public sealed record DecisionDetail(Guid SubmissionId, string Code, Guid CredentialId, string Credential, int VersionNumber, string EarnerName, string? EarnerEmail,
    int Attempt, SubmissionStatus Status, DateTimeOffset? SubmittedAt, DateTimeOffset? DecidedAt, string? DecisionNote, FinalScore? Score,
    IReadOnlyList<EvidenceSection> Evidence)
{
    /// <summary>Awarded although the final score recommended "Not yet"; <see cref="DecisionNote"/> is the reason.</summary>
    public bool AwardedAgainstRecommendation { get; init; }

    /// <summary>Every score given (first and second assessor, adjudicator), so the Issuer sees where assessors differed.</summary>
    public IReadOnlyList<AssessorScore> Scores { get; init; } = [];
}

/// <param name="Role">"First assessor", "Second assessor" or "Adjudicator".</param>
/// <param name="Levels">The level given on each criterion, in the rubric's order (empty where none was given).</param>
/// <param name="IsFinal">This score is the score of record.</param>
public sealed record AssessorScore(string Role, string Assessor, Recommendation? Recommendation, int? Total, IReadOnlyList<string> Levels, string? Overall, bool IsFinal);

public sealed class GetDecisionHandler(AppDbContext db) : IQueryHandler<GetDecision, DecisionDetail>
{
    public async ValueTask<DecisionDetail> Handle(GetDecision query, CancellationToken ct)
    {
        var submission = await db.Submissions.AsNoTracking().Include(s => s.Items).SingleOrDefaultAsync(s => s.Id == query.SubmissionId, ct);
        // Work still being written or scored is not the Issuer's business yet.
        if (submission is null || submission.Status is SubmissionStatus.Draft or SubmissionStatus.Submitted or SubmissionStatus.InReview)
            throw new NotFoundException(nameof(Submission), query.SubmissionId);
        var version = await db.VersionAsync(submission.CredentialVersionId, ct);
        var earner = await db.Users.AsNoTracking().Where(u => u.Id == submission.EarnerId).Select(u => new { u.DisplayName, u.Email }).SingleAsync(ct);
        var kinds = await db.FileKindsAsync(submission.Items, ct);
        var review = await db.Reviews.AsNoTracking().Include(r => r.Assignments).Where(r => r.SubmissionId == submission.Id)
            .OrderByDescending(r => r.Sequence).FirstOrDefaultAsync(ct);
        var given = review?.Assignments.Where(a => a.IsCompleted && a.Sheet is not null).OrderBy(a => a.Role).ToList() ?? [];
        var assessorIds = given.Select(a => a.AssessorId).ToList();
        var names = await db.Users.AsNoTracking().Where(u => assessorIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => u.DisplayName, ct);
        var rubric = version.Content.Rubric;
        var scores = given.Select(a => new AssessorScore(
            a.Role switch { AssignmentRole.Primary => review!.DoubleScored || given.Count > 1 ? "First assessor" : "Assessor", AssignmentRole.Second => "Second assessor", _ => "Adjudicator" },
            names.GetValueOrDefault(a.AssessorId, "a former member"), a.Recommendation, a.Total,
            rubric.Criteria.Select(c => a.Sheet!.For(c.Id)?.LevelId is { } level ? rubric.Levels.FirstOrDefault(l => l.Id == level)?.Name ?? "" : "").ToList(),
            a.Sheet!.Overall, a.Id == review!.FinalAssignmentId)).ToList();
        return new DecisionDetail(submission.Id, submission.Code, submission.CredentialId, version.Name, version.Number, earner.DisplayName, earner.Email,
            submission.Attempt, submission.Status, submission.SubmittedAt, submission.DecidedAt, submission.DecisionNote,
            await db.FinalScoreAsync(submission.Id, version.Content.Rubric, ct),
            EvidenceViews.ForSubmission(version.Content, submission.Items, blind: false, kinds))
        { AwardedAgainstRecommendation = submission.AwardedAgainstRecommendation, Scores = scores };
    }
}
