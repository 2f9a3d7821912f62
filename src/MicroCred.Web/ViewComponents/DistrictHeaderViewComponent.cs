using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Domain.Tenancy;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;

namespace MicroCred.Web.ViewComponents;

/// <summary>The header's district switcher, the current district's navigation for the person's roles, and the account menu.</summary>
public sealed class DistrictHeaderViewComponent(ISender sender, ICurrentUser user, CurrentMember member) : ViewComponent
{
    public async Task<IViewComponentResult> InvokeAsync()
    {
        var district = HttpContext.District();
        var districts = user.Id is null ? [] : await sender.Send(new GetMyDistricts());
        var roles = district is null ? DistrictRole.None : await member.RolesAsync();
        return View(new DistrictHeaderModel(district, districts, roles, user.Name ?? user.Email, user.Id is not null));
    }
}

public sealed record DistrictHeaderModel(
    DistrictSummary? District, IReadOnlyList<MyDistrict> Districts, DistrictRole Roles, string? UserName, bool SignedIn);
