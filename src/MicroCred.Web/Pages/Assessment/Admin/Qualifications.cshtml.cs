using Mediator;
using MicroCred.Application.Features.Assessment;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Assessment.Admin;

/// <summary>Qualify assessors per micro-credential, directly or through calibration on anchors.</summary>
public sealed class QualificationsModel(ISender sender) : PageModel, IReloadable
{
    [FromQuery(Name = "credential")]
    public Guid? Credential { get; set; }

    public QualificationsView View { get; private set; } = default!;

    public Task OnGetAsync(CancellationToken ct) => ReloadAsync(ct);

    public async Task ReloadAsync(CancellationToken ct) => View = await sender.Send(new GetQualifications(Credential), ct);

    /// <summary>What the Admin typed, kept when it is refused.</summary>
    [BindProperty] public int? ValidMonths { get; set; }
    [BindProperty] public int? MinimumComparisons { get; set; }
    [BindProperty] public string? Reason { get; set; }

    public async Task<IActionResult> OnPostQualityAsync(CancellationToken ct)
    {
        await sender.Send(new SetAssessorQuality(ValidMonths, MinimumComparisons ?? 0), ct);
        TempData["Status"] = (ValidMonths is { } m ? $"Qualifications now expire {m} month{(m == 1 ? "" : "s")} after they were earned." : "Qualifications do not expire.")
            + $" Low agreement pauses an assessor after {MinimumComparisons} double-scored submission{(MinimumComparisons == 1 ? "" : "s")}.";
        return RedirectToPage(new { credential = Credential });
    }

    public async Task<IActionResult> OnPostLiftPauseAsync(Guid assessorId, Guid credentialId, CancellationToken ct)
    {
        await sender.Send(new LiftAssessorPause(assessorId, credentialId, Reason), ct);
        TempData["Status"] = "Pause lifted: the assessor can be given work on this micro-credential again. Agreement is counted afresh from now.";
        return RedirectToPage(new { credential = credentialId });
    }

    public async Task<IActionResult> OnPostAsync(Guid assessorId, Guid credentialId, QualificationChange change, CancellationToken ct)
    {
        await sender.Send(new ChangeQualification(assessorId, credentialId, change), ct);
        TempData["Status"] = change switch
        {
            QualificationChange.Qualify => "Qualified.",
            QualificationChange.RequireCalibration => "Calibration required: the assessor sees it on their assessment page.",
            _ => "Qualification revoked. Their open work on this micro-credential went back to the queue.",
        };
        return RedirectToPage(new { credential = credentialId });
    }
}
