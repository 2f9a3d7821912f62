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
        var made = await sender.Send(new AssignWaitingWorkNow(), ct);
        TempData["Status"] = made == 0 ? "Nothing could be assigned: no eligible assessor is free for the waiting work." : $"{made} assignment{(made == 1 ? "" : "s")} made.";
        return RedirectToPage();
    }

    public static string Days(TimeSpan? span) => span is { } s ? $"{s.TotalDays:0.0} days" : "—";
}
