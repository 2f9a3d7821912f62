using Mediator;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Tenancy.Admin;

public sealed class SettingsModel(ISender sender) : PageModel
{
    [BindProperty]
    public SettingsInput Input { get; set; } = new();

    public string Slug => HttpContext.District()!.Slug;

    public async Task OnGetAsync(CancellationToken ct)
    {
        var profile = await sender.Send(new GetDistrictProfile(), ct);
        Input = new SettingsInput
        {
            Name = profile.Name, IssuerName = profile.IssuerName, Website = profile.Website, ContactEmail = profile.ContactEmail, Color = profile.Color,
        };
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await sender.Send(new UpdateDistrictProfile(Input.Name, Input.IssuerName, Input.Website, Input.ContactEmail, Input.Color), ct);
        TempData["Status"] = "Settings saved.";
        return RedirectToPage();
    }

    public sealed class SettingsInput
    {
        public string Name { get; set; } = "";
        public string IssuerName { get; set; } = "";
        public string? Website { get; set; }
        public string ContactEmail { get; set; } = "";
        public string Color { get; set; } = "";
    }
}
