using Mediator;
using MicroCred.Application.Features.Accounts;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Account.Manage;

public sealed class IndexModel(ISender sender, IConfiguration configuration) : PageModel
{
    public string AbsoluteLifetimeText
    {
        get
        {
            var lifetime = configuration.GetSection(SessionLifetimeOptions.Section).Get<SessionLifetimeOptions>()?.AbsoluteLifetime
                ?? new SessionLifetimeOptions().AbsoluteLifetime;
            return lifetime.TotalHours >= 1 ? $"{lifetime.TotalHours:0.#} hours" : $"{lifetime.TotalMinutes:0} minutes";
        }
    }

    public void OnGet() { }

    public async Task<IActionResult> OnPostSignOutEverywhereAsync(CancellationToken ct)
    {
        await sender.Send(new SignOutEverywhere(), ct);
        TempData["Status"] = "You are signed out everywhere. Sign in again on the devices you use.";
        return Redirect("/account/login");
    }
}
