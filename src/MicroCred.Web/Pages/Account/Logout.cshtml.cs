using Mediator;
using MicroCred.Application.Features.Accounts;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Account;

public sealed class LogoutModel(ISender sender) : PageModel
{
    public void OnGet() { }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await sender.Send(new LogOut(), ct);
        TempData["Status"] = "You are logged out.";
        return Redirect("/");
    }
}
