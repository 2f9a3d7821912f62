using Mediator;
using MicroCred.Application.Features.Issuing;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Issuing;

/// <summary>One issued badge for the Issuer, with the revoke form.</summary>
public sealed class BadgeModel(ISender sender) : PageModel, IReloadable
{
    [BindProperty] public RevokeInput Input { get; set; } = new();

    public IssuedBadgeDetail Badge { get; private set; } = default!;
    public string Slug => HttpContext.District()!.Slug;

    [FromRoute] public Guid Id { get; set; }

    public Task OnGetAsync(CancellationToken ct) => ReloadAsync(ct);

    public async Task ReloadAsync(CancellationToken ct) => Badge = await sender.Send(new GetIssuedBadge(Id), ct);

    public async Task<IActionResult> OnPostRevokeAsync(CancellationToken ct)
    {
        await sender.Send(new RevokeBadge(Id, Input.Reason ?? ""), ct);
        TempData["Status"] = "The badge is revoked. Its public page and data now say so.";
        return Redirect($"/{Slug}/issuing/badges/{Id}");
    }

    public sealed class RevokeInput
    {
        public string? Reason { get; set; }
    }
}
