using Mediator;
using MicroCred.Application.Features.Issuing;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Public;

/// <summary>A teacher's opt-in public profile: the badges they chose, for anyone. Off (or unknown) is a 404.</summary>
public sealed class ProfileModel(ISender sender) : PageModel
{
    [FromRoute] public string Handle { get; set; } = "";

    public PublicProfileView Profile { get; private set; } = default!;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Profile = await sender.Send(new GetPublicProfile(Handle), ct);
        Response.Headers.CacheControl = "no-cache";
    }
}
