using Mediator;
using MicroCred.Application.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MicroCred.Web.Infrastructure;

namespace MicroCred.Web.Pages.Account;

[Throttled(Throttled.Registration)]
public sealed class RegisterModel(ISender sender) : PageModel
{
    [BindProperty]
    public RegisterInput Input { get; set; } = new();

    [BindProperty(SupportsGet = true)]
    public string? ReturnUrl { get; set; }

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await sender.Send(new RegisterAccount(Input.Email, Input.DisplayName, Input.Password, AccountEmails.LocalPath(ReturnUrl)), ct);
        return RedirectToPage("/Account/CheckEmail", new { email = Input.Email });
    }

    public sealed class RegisterInput
    {
        public string DisplayName { get; set; } = "";
        public string Email { get; set; } = "";
        public string Password { get; set; } = "";
    }
}
