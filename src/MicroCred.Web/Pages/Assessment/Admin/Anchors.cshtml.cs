using Mediator;
using MicroCred.Application.Features.Assessment;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Assessment.Admin;

/// <summary>A credential's calibration anchors, and scored work that could become one.</summary>
public sealed class AnchorsModel(ISender sender) : PageModel
{
    [FromQuery(Name = "credential")]
    public Guid? Credential { get; set; }

    public AnchorsView View { get; private set; } = default!;

    public async Task OnGetAsync(CancellationToken ct) => View = await sender.Send(new GetAnchors(Credential), ct);

    public async Task<IActionResult> OnPostRetireAsync(Guid anchorId, Guid credentialId, CancellationToken ct)
    {
        await sender.Send(new RetireAnchor(anchorId), ct);
        TempData["Status"] = "Anchor retired: it is no longer used for calibration.";
        return RedirectToPage(new { credential = credentialId });
    }
}
