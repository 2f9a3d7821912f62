using Mediator;
using MicroCred.Application.Features.Assessment;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Assessment.Assessor;

/// <summary>The assessor's dashboard: my queue with due dates, work to claim, calibrations, my throughput and agreement.</summary>
public sealed class IndexModel(ISender sender) : PageModel, IReloadable
{
    public MyAssessmentWork Work { get; private set; } = default!;

    public string District => HttpContext.District()!.Slug;

    public Task OnGetAsync(CancellationToken ct) => ReloadAsync(ct);

    public async Task ReloadAsync(CancellationToken ct) => Work = await sender.Send(new GetMyAssessmentWork(), ct);

    public async Task<IActionResult> OnPostClaimAsync(Guid submissionId, CancellationToken ct)
    {
        await sender.Send(new ClaimWork(submissionId), ct);
        TempData["Status"] = "The work is yours: it is on your list.";
        return RedirectToPage("Score", new { district = RouteData.Values["district"], submissionId });
    }

    public ChartModel ThroughputChart => new("throughput", "Scores I submitted per week",
        $"Bar chart of scores submitted in each of the last {Work.Throughput.Count} weeks, oldest first.",
        Work.Throughput.Select(w => new ChartPoint(w.WeekStart.ToString("d MMM"), w.Scored)).ToList(),
        Math.Max(4, Work.Throughput.Max(w => w.Scored)), "Week starting", "Scores");
}
