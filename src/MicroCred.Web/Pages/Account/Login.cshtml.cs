using Mediator;
using MicroCred.Application.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MicroCred.Web.Infrastructure;

namespace MicroCred.Web.Pages.Account;

[Throttled(Throttled.Login)]
public sealed class LoginModel(ISender sender) : PageModel
{
    [BindProperty]
    public LoginInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public LogInOutcome? Outcome { get; private set; }

    public const string FailedMessage = "We could not sign you in with that email and password. Check them and try again. " +
        "After several wrong tries sign-in pauses for 15 minutes; resetting your password lets you in at once.";

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Outcome = await sender.Send(new LogIn(Input.Email, Input.Password, Input.RememberMe), ct);
        switch (Outcome)
        {
            case LogInOutcome.Succeeded:
                return LocalRedirect(AccountEmails.LocalPath(ReturnUrl) ?? "/account/home");
            case LogInOutcome.RequiresSecondFactor:
                return RedirectToPage("/Account/LoginSecondFactor", new { returnUrl = AccountEmails.LocalPath(ReturnUrl), rememberMe = Input.RememberMe });
            case LogInOutcome.LockedOut or LogInOutcome.Failed:
                // One answer for an unknown email, a wrong password and a locked account: the form tells a stranger nothing.
                ModelState.AddModelError("", FailedMessage);
                break;
        }
        return Page();
    }

    /// <summary>The options for the browser's passkey prompt (a script asks; the challenge is kept in a cookie).</summary>
    public async Task<IActionResult> OnPostPasskeyOptionsAsync(CancellationToken ct) =>
        Content(await sender.Send(new GetPasskeyRequestOptions(), ct), "application/json");

    /// <summary>Passwordless sign-in with the passkey the browser returned.</summary>
    public async Task<IActionResult> OnPostPasskeyAsync(string? credentialJson, CancellationToken ct)
    {
        Outcome = await sender.Send(new LogInWithPasskey(credentialJson ?? ""), ct);
        if (Outcome == LogInOutcome.Succeeded) return LocalRedirect(AccountEmails.LocalPath(ReturnUrl) ?? "/account/home");
        if (Outcome != LogInOutcome.EmailNotConfirmed) ModelState.AddModelError("", PasskeyFailedMessage);
        return Page();
    }

    public const string PasskeyFailedMessage = "We could not sign you in with that passkey. Try again, or sign in with your email and password.";

    public async Task<IActionResult> OnPostResendAsync(CancellationToken ct)
    {
        await sender.Send(new ResendConfirmation(Input.Email), ct);
        return RedirectToPage("/Account/CheckEmail", new { email = Input.Email });
    }

    public sealed class LoginInput
    {
        public string Email { get; set; } = "";
        public string Password { get; set; } = "";
        public bool RememberMe { get; set; }
    }
}
