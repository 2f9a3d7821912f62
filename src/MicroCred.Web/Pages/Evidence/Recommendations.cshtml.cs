using Mediator;
using MicroCred.Application.Features.Evidence;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Evidence;

/// <summary>Admins recommend micro-credentials to every member or to one school; members see them on their plan.</summary>
public sealed class RecommendationsModel(ISender sender) : PageModel, IReloadable
{
    [BindProperty]
    public RecommendInput Input { get; set; } = new();

    public RecommendationsView View { get; private set; } = default!;

    public Task OnGetAsync(CancellationToken ct) => ReloadAsync(ct);

    public async Task ReloadAsync(CancellationToken ct) => View = await sender.Send(new GetRecommendations(), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await sender.Send(new RecommendCredential(Input.CredentialId ?? Guid.Empty, Input.SchoolId, Input.Note), ct);
        TempData["Status"] = "Recommended.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid recommendationId, CancellationToken ct)
    {
        await sender.Send(new WithdrawRecommendation(recommendationId), ct);
        TempData["Status"] = "Recommendation withdrawn.";
        return RedirectToPage();
    }
}

public sealed class RecommendInput
{
    public Guid? CredentialId { get; set; }
    public Guid? SchoolId { get; set; }
    public string? Note { get; set; }
}
