using Mediator;
using MicroCred.Application.Features.Issuing;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Issuing;

/// <summary>One scored submission: rubric results, the evidence's outline, award or deny with a note.</summary>
public sealed class DecisionModel(ISender sender) : PageModel, IReloadable
{
    [FromRoute]
    public Guid SubmissionId { get; set; }

    [BindProperty]
    public string? Note { get; set; }

    public DecisionDetail Detail { get; private set; } = default!;

    public Task OnGetAsync(CancellationToken ct) => ReloadAsync(ct);

    public async Task ReloadAsync(CancellationToken ct) => Detail = await sender.Send(new GetDecision(SubmissionId), ct);

    public Task<IActionResult> OnPostAwardAsync(CancellationToken ct) => DecideAsync(Decision.Award, ct);

    public Task<IActionResult> OnPostNotYetAsync(CancellationToken ct) => DecideAsync(Decision.NotYet, ct);

    private async Task<IActionResult> DecideAsync(Decision decision, CancellationToken ct)
    {
        await sender.Send(new DecideSubmissions([SubmissionId], decision, Note), ct);
        TempData["Status"] = decision == Decision.Award ? "Awarded. The earner has been told by email." : "Marked \"Not yet\". The earner has been sent the feedback.";
        return RedirectToPage();
    }
}
