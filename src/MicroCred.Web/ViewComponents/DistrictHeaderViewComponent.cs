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
        var issues = roles == DistrictRole.None || (await sender.Send(new GetDistrictUse())).IssuesCredentials;
        var menu = district is null ? [] : SiteMenu.For(district.Slug, roles, issues);
        return View(new DistrictHeaderModel(district, districts, roles, menu, issues, user.Name ?? user.Email, user.Id is not null));
    }
}

/// <param name="IssuesCredentials">False for an organisation that only recognizes credit: its members see no catalog.</param>
public sealed record DistrictHeaderModel(
    DistrictSummary? District, IReadOnlyList<MyDistrict> Districts, DistrictRole Roles, IReadOnlyList<MenuGroup> Menu,
    bool IssuesCredentials, string? UserName, bool SignedIn);
