using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Tenancy;

/// <summary>The invitation link: works for someone logged in, someone with an account, and someone new.</summary>
[Throttled(Throttled.InvitationAcceptance)]
public sealed class InvitationModel(ISender sender, ICurrentUser user) : PageModel, IReloadable
{
    [FromRoute]
    public string Token { get; set; } = "";

    [BindProperty]
    public NewAccountInput Input { get; set; } = new();

    public InvitationView Invitation { get; private set; } = default!;
    public bool SignedIn => user.Id is not null;
    public string? SignedInAs => user.Email;

    public async Task OnGetAsync(CancellationToken ct) => await ReloadAsync(ct);

    public async Task ReloadAsync(CancellationToken ct) => Invitation = await sender.Send(new GetInvitation(Token), ct);

    public async Task<IActionResult> OnPostAcceptAsync(CancellationToken ct)
    {
        await sender.Send(new AcceptInvitation(Token), ct);
        return Joined();
    }

    public async Task<IActionResult> OnPostRegisterAsync(CancellationToken ct)
    {
        await sender.Send(new AcceptInvitationWithNewAccount(Token, Input.DisplayName, Input.Password), ct);
        return Joined();
    }

    private RedirectResult Joined()
    {
        var district = HttpContext.District()!;
        TempData["Status"] = $"Welcome to {district.Name}.";
        return Redirect("/" + district.Slug);
    }

    public sealed class NewAccountInput
    {
        public string DisplayName { get; set; } = "";
        public string Password { get; set; } = "";
    }
}
