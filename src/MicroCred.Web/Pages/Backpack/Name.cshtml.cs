using Mediator;
using MicroCred.Application.Features.Issuing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Backpack;

/// <summary>The backpack's "show my name" switch, posted in the badge's district (where its row may be written).</summary>
public sealed class NameModel(ISender sender) : PageModel
{
    public IActionResult OnGet() => Redirect("/backpack");

    public async Task<IActionResult> OnPostAsync(Guid id, bool show, CancellationToken ct)
    {
        await sender.Send(new ShowMyNameOnBadge(id, show), ct);
        TempData["Status"] = show ? "Your name now appears on the badge's public page." : "Your name no longer appears on the badge's public page.";
        return Redirect("/backpack");
    }
}
