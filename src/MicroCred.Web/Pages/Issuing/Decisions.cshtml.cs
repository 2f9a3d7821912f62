using Mediator;
using MicroCred.Application.Features.Issuing;
using MicroCred.Domain.Assessment;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Issuing;

/// <summary>The Issuer's queue of scored work: award or deny one by one or in bulk, with a note.</summary>
public sealed class DecisionsModel(ISender sender) : PageModel, IReloadable
{
    [BindProperty(SupportsGet = true)]
    public Guid? Credential { get; set; }

    [BindProperty(SupportsGet = true)]
    public Recommendation? Recommendation { get; set; }

    [BindProperty]
    public List<Guid> SubmissionIds { get; set; } = [];

    [BindProperty]
    public string? Note { get; set; }

    public DecisionQueue Queue { get; private set; } = default!;

    public Task OnGetAsync(CancellationToken ct) => ReloadAsync(ct);

    public async Task ReloadAsync(CancellationToken ct) => Queue = await sender.Send(new GetDecisionQueue(Credential, Recommendation), ct);

    public Task<IActionResult> OnPostAwardAsync(CancellationToken ct) => DecideAsync(Decision.Award, ct);

    public Task<IActionResult> OnPostNotYetAsync(CancellationToken ct) => DecideAsync(Decision.NotYet, ct);

    private async Task<IActionResult> DecideAsync(Decision decision, CancellationToken ct)
    {
        var count = await sender.Send(new DecideSubmissions(SubmissionIds, decision, Note), ct);
        var what = count == 1 ? "1 submission" : $"{count} submissions";
        TempData["Status"] = decision == Decision.Award ? $"Awarded {what}. The earners have been told by email." : $"Marked {what} \"Not yet\". The earners have been sent their feedback.";
        return RedirectToPage(new { Credential, Recommendation });
    }
}
