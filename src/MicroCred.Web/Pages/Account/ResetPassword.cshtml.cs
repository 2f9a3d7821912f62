using Mediator;
using MicroCred.Application.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Account;

public sealed class ResetPasswordModel(ISender sender) : PageModel
{
    [BindProperty]
    public ResetInput Input { get; set; } = new();

    public void OnGet(string? email, string? code)
    {
        Input.Email = email ?? "";
        Input.Code = code ?? "";
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await sender.Send(new ResetPassword(Input.Email, Input.Code, Input.Password), ct);
        TempData["Status"] = "Your password is changed. Log in with the new one.";
        return RedirectToPage("/Account/Login");
    }

    public sealed class ResetInput
    {
        public string Email { get; set; } = "";
        public string Code { get; set; } = "";
        public string Password { get; set; } = "";
    }
}
