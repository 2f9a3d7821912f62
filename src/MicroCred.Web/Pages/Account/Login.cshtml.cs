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
            case LogInOutcome.LockedOut or LogInOutcome.Failed:
                // One answer for an unknown email, a wrong password and a locked account: the form tells a stranger nothing.
                ModelState.AddModelError("", FailedMessage);
                break;
        }
        return Page();
    }

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
