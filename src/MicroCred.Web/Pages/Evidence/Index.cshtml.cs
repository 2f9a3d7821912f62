using Mediator;
using MicroCred.Application.Features.Evidence;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Evidence;

/// <summary>"My credentials": progress per credential and stack, what needs attention, the personal plan and the district's recommendations.</summary>
public sealed class IndexModel(ISender sender) : PageModel, IReloadable
{
    public MyCredentials Mine { get; private set; } = default!;
    public string Slug => HttpContext.District()!.Slug;

    /// <summary>The plan row whose target date was posted (its field shows the message and what was typed).</summary>
    [BindProperty]
    public Guid PlanCredentialId { get; set; }

    [BindProperty]
    public DateOnly? TargetDate { get; set; }

    public Task OnGetAsync(CancellationToken ct) => ReloadAsync(ct);

    public async Task ReloadAsync(CancellationToken ct) => Mine = await sender.Send(new GetMyCredentials(), ct);

    public async Task<IActionResult> OnPostTargetAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) // a date the browser could not send as one
        {
            ModelState.AddModelError(nameof(TargetDate), "Enter the target date as a date, for example 30 June 2027.");
            await ReloadAsync(ct);
            return Page();
        }
        await sender.Send(new PlanCredential(PlanCredentialId, TargetDate), ct);
        TempData["Status"] = TargetDate is { } d ? $"Target date set to {d:d MMMM yyyy}." : "Target date cleared.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostPlanAsync(CancellationToken ct)
    {
        await sender.Send(new PlanCredential(PlanCredentialId, null), ct);
        TempData["Status"] = "Added to your plan.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostUnplanAsync(CancellationToken ct)
    {
        await sender.Send(new UnplanCredential(PlanCredentialId), ct);
        TempData["Status"] = "Removed from your plan.";
        return RedirectToPage();
    }
}
