using Mediator;
using MicroCred.Application.Features.Assessment;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Assessment.Assessor;

/// <summary>One anchor of a calibration, scored blind: its evidence and the rubric.</summary>
public sealed class CalibrationAnchorModel(ISender sender) : PageModel, IReloadable
{
    [FromRoute]
    public Guid CredentialId { get; set; }

    [FromRoute]
    public Guid AnchorId { get; set; }

    /// <summary>Level chosen per criterion id.</summary>
    [BindProperty]
    public Dictionary<Guid, Guid> Levels { get; set; } = [];

    public CalibrationAnchorView View { get; private set; } = default!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await ReloadAsync(ct);
        Levels = View.Rating.ToDictionary();
    }

    public async Task ReloadAsync(CancellationToken ct) => View = await sender.Send(new GetCalibrationAnchor(CredentialId, AnchorId), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await sender.Send(new RateAnchor(CredentialId, AnchorId, Levels), ct);
        await ReloadAsync(ct);
        TempData["Status"] = $"Saved your levels for {View.Label}.";
        return View.NextAnchorId is { } next
            ? RedirectToPage(new { credentialId = CredentialId, anchorId = next })
            : RedirectToPage("Calibration", new { district = RouteData.Values["district"], credentialId = CredentialId });
    }
}
