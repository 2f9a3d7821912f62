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

    /// <summary>What the Admin typed, kept when the period is refused.</summary>
    public int? ValidMonths { get; private set; }

    public async Task<IActionResult> OnPostValidityAsync(int? validMonths, CancellationToken ct)
    {
        ValidMonths = validMonths;
        await sender.Send(new SetQualificationValidity(validMonths), ct);
        TempData["Status"] = validMonths is { } m ? $"Qualifications now expire {m} month{(m == 1 ? "" : "s")} after they were earned." : "Qualifications no longer expire.";
        return RedirectToPage(new { credential = Credential });
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
