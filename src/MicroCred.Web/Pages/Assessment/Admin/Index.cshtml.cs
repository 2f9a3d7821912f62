using Mediator;
using MicroCred.Application.Features.Assessment;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Assessment.Admin;

/// <summary>Queue health: waiting, in review, overdue, median turnaround; assign and reassign work.</summary>
public sealed class IndexModel(ISender sender) : PageModel, IReloadable
{
    public QueueHealth Health { get; private set; } = default!;

    public Task OnGetAsync(CancellationToken ct) => ReloadAsync(ct);

    public async Task ReloadAsync(CancellationToken ct) => Health = await sender.Send(new GetQueueHealth(), ct);

    public async Task<IActionResult> OnPostAssignAsync(Guid submissionId, Guid assessorId, CancellationToken ct)
    {
        await sender.Send(new AssignWork(submissionId, assessorId), ct);
        TempData["Status"] = "Assigned.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostReassignAsync(Guid assignmentId, Guid assessorId, CancellationToken ct)
    {
        await sender.Send(new ReassignWork(assignmentId, assessorId), ct);
        TempData["Status"] = "Reassigned. The new assessor has been told by email.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostAssignAllAsync(CancellationToken ct)
    {
        var run = await sender.Send(new AssignWaitingWorkNow(), ct);
        if (run.Made > 0) TempData["Status"] = $"{run.Made} assignment{(run.Made == 1 ? "" : "s")} made.";
        if (run.NotAssigned.Count > 0)
            TempData["Warning"] = (run.Made == 0 ? "Nothing could be assigned. " : "Some work could not be assigned. ") + string.Join(" ", run.NotAssigned);
        else if (run.Made == 0) TempData["Warning"] = "Nothing could be assigned: no work is waiting for an assessor.";
        return RedirectToPage();
    }

    public static string Days(TimeSpan? span) => span is { } s ? $"{s.TotalDays:0.0} days" : "—";
}
