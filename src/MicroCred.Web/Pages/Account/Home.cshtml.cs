using Mediator;
using MicroCred.Application.Features.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Account;

/// <summary>
/// Where signing in leads when nothing asked for a page: a person who belongs to exactly one district goes to that
/// district's home; anyone else (no district, several) to the front page, where the switcher lists them. A separate
/// request because the sign-in cookie is only read from the next request on.
/// </summary>
public sealed class HomeModel(ISender sender) : PageModel
{
    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (User.Identity?.IsAuthenticated != true) return Redirect("/");
        var districts = await sender.Send(new GetMyDistricts(), ct);
        return Redirect(districts.Count == 1 ? $"/{districts[0].Slug}" : "/");
    }
}
