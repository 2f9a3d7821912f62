using Mediator;
using MicroCred.Application.Features.Accounts;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Account;

/// <summary>After a right password, for accounts with an authenticator app: its code or a recovery code. Counted with logins.</summary>
[Throttled(Throttled.Login)]
public sealed class LoginSecondFactorModel(ISender sender) : PageModel
{
    [BindProperty]
    public CodeInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    [BindProperty(SupportsGet = true)]
    public bool RememberMe { get; set; }

    public const string FailedMessage = "That code did not work. Type the code your app shows now (it changes every 30 seconds), " +
        "or a recovery code you have not used yet with the box ticked. If this keeps failing, start again from the login page.";

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var outcome = await sender.Send(new LogInWithSecondFactor(Input.Code, Input.UseRecoveryCode, RememberMe), ct);
        if (outcome == LogInOutcome.Succeeded) return LocalRedirect(AccountEmails.LocalPath(ReturnUrl) ?? "/account/home");
        // Same answer for a wrong code, a used recovery code and a locked account, as on the password step.
        ModelState.AddModelError("", FailedMessage);
        return Page();
    }

    public sealed class CodeInput
    {
        public string Code { get; set; } = "";
        public bool UseRecoveryCode { get; set; }
    }
}
