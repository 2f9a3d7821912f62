using MicroCred.Application.Data;
using MicroCred.Domain.Assessment;
using MicroCred.Domain.Design;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Assessment;

internal static class ReliabilityData
{
    /// <summary>
    /// Every double-scored submission whose two independent scores are both in, as level points on its own
    /// version's rubric. Adjudicators' scores are not pairs: they saw both scores.
    /// </summary>
    public static async Task<List<ScorePair>> ScorePairsAsync(this AppDbContext db, CancellationToken ct, Guid? credentialId = null)
    {
        var reviews = await db.Reviews.AsNoTracking().Include(r => r.Assignments)
            .Where(r => r.DoubleScored && (credentialId == null || r.CredentialId == credentialId)
                && r.Assignments.Count(a => a.EndedAt == null && a.CompletedAt != null && a.Role != AssignmentRole.Adjudicator) == 2)
            .ToListAsync(ct);
        var versionIds = reviews.Select(r => r.CredentialVersionId).Distinct().ToList();
        var rubrics = await db.CredentialVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id))
            .Select(v => new { v.Id, v.Content }).ToDictionaryAsync(v => v.Id, v => v.Content.Rubric, ct);
        var pairs = new List<ScorePair>();
        foreach (var review in reviews)
        {
            if (review.IndependentPair is not var (a, b)) continue;
            var rubric = rubrics[review.CredentialVersionId];
            pairs.Add(new ScorePair(review.SubmissionId, review.CredentialId, a.AssessorId, b.AssessorId,
                a.CompletedAt!.Value > b.CompletedAt!.Value ? a.CompletedAt.Value : b.CompletedAt.Value,
                Criteria(rubric, a.Sheet!, b.Sheet!), a.Recommendation!.Value, b.Recommendation!.Value));
        }
        return pairs;
    }

    private static List<CriterionPair> Criteria(Rubric rubric, ScoreSheet a, ScoreSheet b) =>
        rubric.Criteria
            .Where(c => a.For(c.Id)?.LevelId is not null && b.For(c.Id)?.LevelId is not null)
            .Select(c => new CriterionPair(c.Id, rubric.PointsOf(a.For(c.Id)!.LevelId!.Value), rubric.PointsOf(b.For(c.Id)!.LevelId!.Value)))
            .ToList();
}
