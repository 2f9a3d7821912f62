using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Domain.Assessment;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Assessment;

/// <summary>
/// The reliability report (principle O): per credential and per assessor, exact and adjacent agreement per
/// criterion, Cohen's kappa on the recommendations, the number of double-scored submissions and drift month by
/// month; assessors below the district's agreement threshold are flagged.
/// </summary>
[RequiresRole(DistrictRole.Admin)]
public sealed record GetReliabilityReport(Guid? CredentialId) : IQuery<ReliabilityView>;

/// <summary>
/// <see cref="Sampling"/> says how the double-scoring share worked out: submissions selected for it that went on with
/// one score because too few assessors were eligible are counted apart, and the rate is measured against what was possible.
/// </summary>
public sealed record ReliabilityView(int ThresholdPercent, int DoubleScoringPercent, IReadOnlyList<CredentialReliabilityRow> Credentials,
    CredentialReliabilityDetail? Selected, IReadOnlyList<AssessorReliabilityRow> Assessors, IReadOnlyList<DriftPoint> Drift, Sampling Sampling);

/// <summary>
/// Reviews opened; of those, double-scored (two independent scores planned); selected but not double-scored: too
/// few assessors. The achieved rate counts double-scored work among the reviews where a second scorer was possible.
/// </summary>
public sealed record Sampling(int Reviewed, int DoubleScored, int TooFewAssessors)
{
    public int Possible => Reviewed - TooFewAssessors;
    public double? AchievedPercent => Possible == 0 ? null : 100.0 * DoubleScored / Possible;
}

public sealed record CredentialReliabilityRow(Guid CredentialId, string Name, ReliabilitySummary Summary, int AwaitingAdjudication, int TooFewAssessors = 0);

public sealed record CredentialReliabilityDetail(Guid CredentialId, string Name, ReliabilitySummary Summary, IReadOnlyList<CriterionReliabilityRow> Criteria,
    IReadOnlyList<AssessorReliabilityRow> Assessors, IReadOnlyList<DriftPoint> Drift);

public sealed record CriterionReliabilityRow(string Criterion, AgreementStats Agreement);

public sealed record AssessorReliabilityRow(Guid AssessorId, string Name, AssessorReliability Reliability);

public sealed class GetReliabilityReportHandler(AppDbContext db, ITenantContext tenant) : IQueryHandler<GetReliabilityReport, ReliabilityView>
{
    public async ValueTask<ReliabilityView> Handle(GetReliabilityReport query, CancellationToken ct)
    {
        var policy = await db.ReadDistrictPolicyAsync(tenant, ct);
        var pairs = await db.ScorePairsAsync(ct);
        var credentials = await db.PublishedCredentialsAsync(ct);
        var adjudicating = await db.Reviews.AsNoTracking().Where(r => r.Status == ReviewStatus.AwaitingAdjudication)
            .GroupBy(r => r.CredentialId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        var sampling = await db.Reviews.AsNoTracking().GroupBy(r => r.CredentialId)
            .Select(g => new { g.Key, Reviewed = g.Count(), Double = g.Count(r => r.DoubleScored), Waived = g.Count(r => r.SecondScoreWaivedAt != null) })
            .ToDictionaryAsync(g => g.Key, ct);
        var names = await db.NamesAsync(pairs.SelectMany(p => new[] { p.AssessorA, p.AssessorB }), ct);
        List<AssessorReliabilityRow> Assessors(IReadOnlyCollection<ScorePair> set) =>
            ReliabilityReport.ByAssessor(set, policy.AgreementThresholdPercent).Select(a => new AssessorReliabilityRow(a.AssessorId, names.GetValueOrDefault(a.AssessorId, ""), a)).ToList();

        var rows = credentials.Select(c => new CredentialReliabilityRow(c.Id, c.Name, ReliabilityReport.Summarise(pairs.Where(p => p.CredentialId == c.Id).ToList()),
            adjudicating.GetValueOrDefault(c.Id), sampling.TryGetValue(c.Id, out var sc) ? sc.Waived : 0)).ToList();

        CredentialReliabilityDetail? selected = null;
        var selectedId = query.CredentialId is { } id && rows.Any(r => r.CredentialId == id) ? id
            : rows.Where(r => r.Summary.DoubleScored > 0).OrderByDescending(r => r.Summary.DoubleScored).FirstOrDefault()?.CredentialId;
        if (selectedId is { } sid)
        {
            var mine = pairs.Where(p => p.CredentialId == sid).ToList();
            var version = await db.CredentialVersions.AsNoTracking().Where(v => v.CredentialId == sid).OrderByDescending(v => v.Number).ToListAsync(ct);
            string Title(Guid criterionId) => version.Select(v => v.Content.Rubric.Criteria.FirstOrDefault(c => c.Id == criterionId)?.Title).FirstOrDefault(t => t is not null) ?? "Criterion";
            selected = new CredentialReliabilityDetail(sid, rows.Single(r => r.CredentialId == sid).Name, ReliabilityReport.Summarise(mine),
                ReliabilityReport.ByCriterion(mine).Select(c => new CriterionReliabilityRow(Title(c.CriterionId), c.Agreement)).ToList(),
                Assessors(mine), ReliabilityReport.ByMonth(mine));
        }
        var totals = new Sampling(sampling.Values.Sum(v => v.Reviewed), sampling.Values.Sum(v => v.Double), sampling.Values.Sum(v => v.Waived));
        return new ReliabilityView(policy.AgreementThresholdPercent, policy.DoubleScoringPercent, rows, selected, Assessors(pairs), ReliabilityReport.ByMonth(pairs), totals);
    }
}
