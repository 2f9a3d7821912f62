using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Features.Issuing;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Backpack;

/// <summary>
/// The link from a "you were issued a badge" email. The token comes in the query string (request logs record paths
/// only) and goes back in the form's body; anyone holding the link may look, claiming needs the matching account.
/// </summary>
[Throttled(Throttled.InvitationAcceptance)]
public sealed class ClaimModel(ISender sender, ICurrentUser user) : PageModel, IReloadable
{
    [BindProperty(SupportsGet = true)]
    public string? Token { get; set; }

    public BadgeClaimView? Claim { get; private set; }
    public bool SignedIn => user.Id is not null;
    public string? SignedInAs => user.Email;
    public string ReturnPath => BadgeClaimLinks.ClaimPath(HttpContext.District()!.Slug, Token ?? "");

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        await ReloadAsync(ct);
        return Claim is null ? NotFoundPage() : Page();
    }

    public async Task ReloadAsync(CancellationToken ct)
    {
        try { Claim = string.IsNullOrEmpty(Token) ? null : await sender.Send(new GetBadgeClaim(Token), ct); }
        catch (NotFoundException) { Claim = null; }
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        if (!SignedIn) return Challenge();
        await sender.Send(new ClaimBadge(Token ?? ""), ct);
        TempData["Status"] = $"The badge is in your backpack.";
        return Redirect("/backpack");
    }

    /// <summary>An unknown link gets this page with a 404 status, not the generic one: it says what to do.</summary>
    private PageResult NotFoundPage()
    {
        Response.StatusCode = StatusCodes.Status404NotFound;
        return Page();
    }
}
