using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Features.Design;
using MicroCred.Domain.Design;
using MicroCred.Domain.Tenancy;
using MicroCred.Web.Infrastructure;
using MicroCred.Web.Pages.Design.Credentials;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Design;

/// <summary>The district's rubric levels (for new credentials) and the standards frameworks its developers pick from.</summary>
public sealed class SettingsModel(ISender sender, CurrentMember member) : PageModel, IReloadable
{
    [BindProperty]
    public DesignSettingsInput Input { get; set; } = new();

    public string Slug => HttpContext.District()!.Slug;
    /// <summary>Admins come here too, but the workspace is the developers'.</summary>
    public bool IsDeveloper { get; private set; }
    private bool posted;

    public Task OnGetAsync(CancellationToken ct) => ReloadAsync(ct);

    public async Task ReloadAsync(CancellationToken ct)
    {
        IsDeveloper = await member.HasAnyAsync(DistrictRole.Developer, ct);
        if (!posted)
        {
            var settings = await sender.Send(new GetDesignSettings(), ct);
            Input = new DesignSettingsInput
            {
                RubricLevels = [.. settings.RubricLevels],
                Frameworks = settings.Frameworks.Select(f => new FrameworkInput { Name = f.Name, Url = f.Url, Description = f.Description }).ToList(),
            };
        }
        // Spare rows: how a row is added without JavaScript.
        Input.RubricLevels.Add(null);
        Input.Frameworks.Add(new FrameworkInput());
    }

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        posted = true;
        if (!ModelState.IsValid) return await Rerender(ct);
        Input.RubricLevels = Input.RubricLevels.Where(l => !string.IsNullOrWhiteSpace(l)).ToList();
        Input.Frameworks = Input.Frameworks.Where(f => !f.IsBlank).ToList();
        ModelState.Clear();
        await sender.Send(new UpdateDesignSettings(
            Input.RubricLevels.Select(l => l!.Trim()).ToList(),
            Input.Frameworks.Select(f => new StandardsFramework(f.Name?.Trim() ?? "", CredentialInput.Clean(f.Url), CredentialInput.Clean(f.Description))).ToList()), ct);
        TempData["Status"] = "Design settings saved.";
        return Redirect($"/{Slug}/design/settings");
    }

    private async Task<IActionResult> Rerender(CancellationToken ct)
    {
        await ReloadAsync(ct);
        return Page();
    }

    public sealed class DesignSettingsInput
    {
        public List<string?> RubricLevels { get; set; } = [];
        public List<FrameworkInput> Frameworks { get; set; } = [];
    }

    public sealed class FrameworkInput
    {
        public string? Name { get; set; }
        public string? Url { get; set; }
        public string? Description { get; set; }
        public bool IsBlank => string.IsNullOrWhiteSpace(Name) && string.IsNullOrWhiteSpace(Url) && string.IsNullOrWhiteSpace(Description);
    }
}
