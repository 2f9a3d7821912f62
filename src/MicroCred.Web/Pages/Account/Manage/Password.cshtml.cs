using Mediator;
using MicroCred.Application.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Account.Manage;

public sealed class PasswordModel(ISender sender) : PageModel
{
    [BindProperty]
    public PasswordInput Input { get; set; } = new();

    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await sender.Send(new ChangePassword(Input.CurrentPassword, Input.NewPassword), ct);
        TempData["Status"] = "Your password is changed. We emailed you a note about it.";
        return RedirectToPage();
    }

    public sealed class PasswordInput
    {
        public string CurrentPassword { get; set; } = "";
        public string NewPassword { get; set; } = "";
    }
}
