using Mediator;
using MicroCred.Application.Features.Assessment;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Assessment.Assessor;

/// <summary>A candidate's calibration for one credential: start, score each anchor blind, submit, see the agreement.</summary>
public sealed class CalibrationModel(ISender sender) : PageModel
{
    [FromRoute]
    public Guid CredentialId { get; set; }

    public CalibrationView View { get; private set; } = default!;

    public async Task OnGetAsync(CancellationToken ct) => View = await sender.Send(new GetCalibration(CredentialId), ct);

    public async Task<IActionResult> OnPostStartAsync(CancellationToken ct)
    {
        await sender.Send(new StartCalibration(CredentialId), ct);
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSubmitAsync(CancellationToken ct)
    {
        var passed = await sender.Send(new SubmitCalibration(CredentialId), ct);
        TempData["Status"] = passed ? "Calibration passed: you are now qualified for this micro-credential." : "Calibration submitted. Your agreement is below the threshold: look at the differences and try again.";
        return RedirectToPage();
    }
}
