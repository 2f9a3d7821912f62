using Mediator;
using MicroCred.Application.Features.Issuing;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Issuing.Import;

/// <summary>One import: the preview with row-level errors, "Issue N badges", then the progress and each row's outcome.</summary>
public sealed class DetailsModel(ISender sender) : PageModel, IReloadable
{
    [FromRoute] public Guid Id { get; set; }

    public BadgeImportView Import { get; private set; } = default!;

    public Task OnGetAsync(CancellationToken ct) => ReloadAsync(ct);

    public async Task ReloadAsync(CancellationToken ct) => Import = await sender.Send(new GetBadgeImport(Id), ct);

    /// <summary>What the progress bar polls: <c>?handler=Progress</c>, JSON, never cached.</summary>
    public async Task<IActionResult> OnGetProgressAsync(CancellationToken ct)
    {
        var progress = await sender.Send(new GetBadgeImportProgress(Id), ct);
        Response.Headers.CacheControl = "no-store";
        return new JsonResult(new
        {
            status = progress.Status.ToString(),
            planned = progress.Planned,
            processed = progress.Processed,
            issued = progress.Issued,
            skipped = progress.Skipped,
            failed = progress.Failed,
            percent = progress.Percent,
            finished = progress.Finished,
            stopReason = progress.StopReason,
        });
    }

    public async Task<IActionResult> OnPostStartAsync(CancellationToken ct)
    {
        var planned = await sender.Send(new StartBadgeImport(Id), ct);
        TempData["Status"] = $"Issuing {(planned == 1 ? "1 badge" : $"{planned} badges")}. You can leave this page: the import goes on without it.";
        return RedirectToPage(new { Id });
    }
}
