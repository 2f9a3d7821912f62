using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Assessment;
using MicroCred.Domain.Assessment;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Issuing;

/// <summary>
/// The Issuer's queue: scored work waiting for a decision, oldest first, with the recommendation the rubric gave,
/// and the decisions of the last 30 days.
/// </summary>
[RequiresRole(DistrictRole.Issuer)]
public sealed record GetDecisionQueue(Guid? CredentialId = null, Recommendation? Recommendation = null) : IQuery<DecisionQueue>;

public sealed record DecisionQueue(IReadOnlyList<DecisionItem> Waiting, IReadOnlyList<DecisionItem> RecentlyDecided,
    IReadOnlyList<(Guid Id, string Name)> Credentials, bool AutoAward);

public sealed record DecisionItem(Guid SubmissionId, string Code, string Credential, string EarnerName, int Attempt, Recommendation Recommendation,
    bool DoubleScored, bool Adjudicated, DateTimeOffset ScoredAt, SubmissionStatus Status, DateTimeOffset? DecidedAt, string? DecisionNote);

public sealed class GetDecisionQueueHandler(AppDbContext db, TimeProvider clock) : IQueryHandler<GetDecisionQueue, DecisionQueue>
{
    public async ValueTask<DecisionQueue> Handle(GetDecisionQueue query, CancellationToken ct)
    {
        var since = clock.GetUtcNow().AddDays(-30);
        var rows = await (
            from s in db.Submissions.AsNoTracking()
            join r in db.Reviews.AsNoTracking() on s.Id equals r.SubmissionId
            where r.Status == ReviewStatus.Scored
                && (s.Status == SubmissionStatus.Scored || (s.DecidedAt != null && s.DecidedAt >= since))
                && (query.CredentialId == null || s.CredentialId == query.CredentialId)
                && (query.Recommendation == null || r.Recommendation == query.Recommendation)
            select new
            {
                s.Id, s.Code, s.CredentialId, s.EarnerId, s.Attempt, r.Recommendation, r.DoubleScored, r.FinalAssignmentId, r.ScoredAt,
                s.Status, s.DecidedAt, s.DecisionNote,
                Adjudicated = r.Assignments.Any(a => a.Id == r.FinalAssignmentId && a.Role == AssignmentRole.Adjudicator),
            }).ToListAsync(ct);
        var names = await db.CredentialNamesAsync(ct);
        var earners = await db.NamesAsync(rows.Select(r => r.EarnerId), ct);
        var items = rows.Select(r => new DecisionItem(r.Id, r.Code, names.GetValueOrDefault(r.CredentialId, ""), earners.GetValueOrDefault(r.EarnerId, ""),
            r.Attempt, r.Recommendation!.Value, r.DoubleScored, r.Adjudicated, r.ScoredAt!.Value, r.Status, r.DecidedAt, r.DecisionNote)).ToList();
        var policy = await db.DistrictPolicies.AsNoTracking().FirstOrDefaultAsync(ct);
        return new DecisionQueue(
            items.Where(i => i.Status == SubmissionStatus.Scored).OrderBy(i => i.ScoredAt).ToList(),
            items.Where(i => i.Status != SubmissionStatus.Scored).OrderByDescending(i => i.DecidedAt).ToList(),
            names.Select(n => (n.Key, n.Value)).OrderBy(n => n.Value, StringComparer.CurrentCultureIgnoreCase).ToList(),
            policy?.AutoAward ?? false);
    }
}
