using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Domain.Tenancy;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Tenancy;

public sealed class HomeModel(ISender sender, CurrentMember member, ICurrentUser user) : PageModel
{
    public DistrictProfile Profile { get; private set; } = default!;
    public DistrictRole Roles { get; private set; }
    public string UserName => user.Name ?? user.Email ?? "";

    public async Task OnGetAsync(CancellationToken ct)
    {
        Profile = await sender.Send(new GetDistrictProfile(), ct);
        Roles = await member.RolesAsync(ct);
    }
}
