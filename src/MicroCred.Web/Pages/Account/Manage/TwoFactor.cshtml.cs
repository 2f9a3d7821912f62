using Mediator;
using MicroCred.Application.Features.Accounts;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Account.Manage;

/// <summary>Second factors: an authenticator app (with recovery codes) and passkeys.</summary>
public sealed class TwoFactorModel(ISender sender) : PageModel, IReloadable
{
    [BindProperty]
    public SecondFactorInput Input { get; set; } = new();

    /// <summary>Set when a district's policy sent the person here: the district and the role it guards.</summary>
    [BindProperty(SupportsGet = true)]
    public string? District { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? Role { get; set; }

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public SecondFactorsView State { get; private set; } = null!;

    /// <summary>Recovery codes just made: shown on this response only.</summary>
    public IReadOnlyList<string>? RecoveryCodes { get; private set; }

    public string? QrCode => State.AuthenticatorUri is { } uri ? QrCodes.DataUrl(uri) : null;

    public string? ContinueUrl => AccountEmails.LocalPath(ReturnUrl);

    /// <summary>The key in groups of four, as authenticator apps show and accept it.</summary>
    public string? FormattedKey => State.AuthenticatorKey is { } key
        ? string.Join(' ', key.ToLowerInvariant().Chunk(4).Select(c => new string(c)))
        : null;

    public async Task ReloadAsync(CancellationToken ct) => State = await sender.Send(new GetSecondFactors(), ct);

    public async Task OnGetAsync(CancellationToken ct) => await ReloadAsync(ct);

    public async Task<IActionResult> OnPostStartAsync(CancellationToken ct)
    {
        await sender.Send(new StartAuthenticatorSetup(), ct);
        return RedirectToPage(new { District, Role, ReturnUrl });
    }

    public async Task<IActionResult> OnPostEnableAsync(CancellationToken ct)
    {
        RecoveryCodes = await sender.Send(new EnableAuthenticator(Input.Code), ct);
        await ReloadAsync(ct);
        TempData["Status"] = "Your authenticator app is set up: signing in now asks for its code after your password.";
        return Page();
    }

    public async Task<IActionResult> OnPostRegenerateAsync(CancellationToken ct)
    {
        RecoveryCodes = await sender.Send(new RegenerateRecoveryCodes(), ct);
        await ReloadAsync(ct);
        return Page();
    }

    public async Task<IActionResult> OnPostDisableAsync(CancellationToken ct)
    {
        await sender.Send(new DisableAuthenticator(), ct);
        TempData["Status"] = "Your authenticator app is turned off. Signing in asks for your password only.";
        return RedirectToPage();
    }

    /// <summary>The options for the browser's "create a passkey" prompt (a script asks).</summary>
    public async Task<IActionResult> OnPostCreationOptionsAsync(CancellationToken ct) =>
        Content(await sender.Send(new GetPasskeyCreationOptions(), ct), "application/json");

    public async Task<IActionResult> OnPostAddPasskeyAsync(CancellationToken ct)
    {
        await sender.Send(new AddPasskey(Input.CredentialJson ?? "", Input.PasskeyName ?? ""), ct);
        TempData["Status"] = "Passkey added. Next time, choose \"Sign in with a passkey\" on the login page.";
        return RedirectToPage(new { District, Role, ReturnUrl });
    }

    public async Task<IActionResult> OnPostRemovePasskeyAsync(string id, CancellationToken ct)
    {
        await sender.Send(new RemovePasskey(id), ct);
        TempData["Status"] = "Passkey removed.";
        return RedirectToPage();
    }

    public sealed class SecondFactorInput
    {
        public string Code { get; set; } = "";
        public string? PasskeyName { get; set; }
        public string? CredentialJson { get; set; }
    }
}
