using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Features.Tenancy;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using MicroCred.Web.Infrastructure;

namespace MicroCred.Web.Pages;

[Throttled(Throttled.DistrictSignup)]
public sealed class SignupModel(ISender sender, ICurrentUser user) : PageModel
{
    [BindProperty]
    public SignupInput Input { get; set; } = new();

    public bool SignedIn => user.Id is not null;
    public string Origin => $"{Request.Host}";

    public void OnGet()
    {
        if (user.Email is { } email) Input.ContactEmail = email;
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var result = await sender.Send(new SignUpDistrict(Input.DistrictName, Input.Slug, Input.IssuerName, Input.Website, Input.ContactEmail,
            Input.Email, Input.DisplayName, Input.Password), ct);
        if (result.MustConfirmEmail)
            return RedirectToPage("/Account/CheckEmail", new { email = Input.Email, district = result.Slug });
        TempData["Status"] = $"Your district is ready. Invite your team from Members.";
        return Redirect("/" + result.Slug);
    }

    public sealed class SignupInput
    {
        public string DistrictName { get; set; } = "";
        public string Slug { get; set; } = "";
        public string IssuerName { get; set; } = "";
        public string? Website { get; set; }
        public string ContactEmail { get; set; } = "";
        public string? DisplayName { get; set; }
        public string? Email { get; set; }
        public string? Password { get; set; }
    }
}
