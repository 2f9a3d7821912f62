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

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        Outcome = await sender.Send(new LogIn(Input.Email, Input.Password, Input.RememberMe), ct);
        switch (Outcome)
        {
            case LogInOutcome.Succeeded:
                return LocalRedirect(AccountEmails.LocalPath(ReturnUrl) ?? "/");
            case LogInOutcome.LockedOut:
                ModelState.AddModelError("", "Too many failed attempts: this account is locked for 15 minutes. Reset your password to unlock it now.");
                break;
            case LogInOutcome.Failed:
                ModelState.AddModelError("", "That email and password do not match an account. Check them and try again.");
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
