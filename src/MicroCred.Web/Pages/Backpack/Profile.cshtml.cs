using Mediator;
using MicroCred.Application.Features.Issuing;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Backpack;

/// <summary>The teacher's opt-in public profile: a handle, on or off, and which badges it shows.</summary>
public sealed class ProfileModel(ISender sender) : PageModel, IReloadable
{
    [BindProperty] public ProfileInput Input { get; set; } = new();

    public MyPublicProfile Profile { get; private set; } = default!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        await ReloadAsync(ct);
        Input = new ProfileInput
        {
            Handle = Profile.Handle,
            IsPublic = Profile.IsPublic,
            ShownBadgeIds = Profile.Badges.Where(b => b.Shown).Select(b => b.Id).ToList(),
        };
    }

    public async Task ReloadAsync(CancellationToken ct) => Profile = await sender.Send(new GetMyPublicProfile(), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        await sender.Send(new SavePublicProfile(Input.Handle, Input.IsPublic, Input.ShownBadgeIds), ct);
        TempData["Status"] = Input.IsPublic
            ? $"Saved. Your public profile shows {Count(Input.ShownBadgeIds.Count)}."
            : "Saved. Your public profile is off: its address shows nothing.";
        return RedirectToPage();
    }

    private static string Count(int n) => n == 1 ? "1 badge" : $"{n} badges";

    public sealed class ProfileInput
    {
        public string? Handle { get; set; }
        public bool IsPublic { get; set; }
        public List<Guid> ShownBadgeIds { get; set; } = [];
    }
}
