using Mediator;
using MicroCred.Application.Features.Assessment;
using MicroCred.Domain.Assessment;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Assessment.Admin;

/// <summary>The reliability report: per credential and per assessor, with drift over time.</summary>
public sealed class ReliabilityModel(ISender sender) : PageModel
{
    [FromQuery(Name = "credential")]
    public Guid? Credential { get; set; }

    public ReliabilityView View { get; private set; } = default!;

    public async Task OnGetAsync(CancellationToken ct) => View = await sender.Send(new GetReliabilityReport(Credential), ct);

    public static string Percent(double? value) => value is { } v ? $"{v:0.0} %" : "—";

    public static string Kappa(KappaResult k) => k.Kappa is { } v ? v.ToString("0.00") : k.Pairs == 0 ? "—" : "not defined";

    public ChartModel DriftChart(string id, string title, IReadOnlyList<DriftPoint> drift) => new(id, title,
        $"Line chart of exact agreement per month, {drift.Count} months, with the district threshold of {View.ThresholdPercent} % as a dashed line.",
        drift.Select(d => new ChartPoint(d.Month.ToString("MMM yyyy"), d.Levels.ExactPercent, $"{d.DoubleScored} double-scored, {d.Levels.Pairs} criterion pairs")).ToList(),
        100, "Month", "Exact agreement", "%", View.ThresholdPercent, $"threshold {View.ThresholdPercent} %");

    public ChartModel CriteriaChart(CredentialReliabilityDetail detail) => new("criteria", $"Exact agreement per criterion: {detail.Name}",
        $"Bar chart of exact agreement for each of the {detail.Criteria.Count} criteria.",
        detail.Criteria.Select((c, i) => new ChartPoint($"C{i + 1}", c.Agreement.ExactPercent, c.Criterion)).ToList(),
        100, "Criterion", "Exact agreement", "%", View.ThresholdPercent, $"threshold {View.ThresholdPercent} %");
}
