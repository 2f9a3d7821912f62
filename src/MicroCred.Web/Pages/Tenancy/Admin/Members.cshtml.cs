using Mediator;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Domain.Tenancy;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Tenancy.Admin;

[Throttled(Throttled.Invitation)]
public sealed class MembersModel(ISender sender) : PageModel, IReloadable
{
    [BindProperty]
    public InviteInput Input { get; set; } = new();

    public MemberList List { get; private set; } = new([], []);
    public string DistrictName => HttpContext.District()!.Name;

    public Task OnGetAsync(CancellationToken ct) => ReloadAsync(ct);

    public async Task ReloadAsync(CancellationToken ct) => List = await sender.Send(new ListMembers(), ct);

    public async Task<IActionResult> OnPostInviteAsync(CancellationToken ct)
    {
        await sender.Send(new InviteMember(Input.Email, DistrictRoles.Combine(Input.Roles)), ct);
        TempData["Status"] = $"Invitation sent to {Input.Email.Trim()}.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRolesAsync(Guid membershipId, List<DistrictRole> roles, CancellationToken ct)
    {
        await sender.Send(new ChangeMemberRoles(membershipId, DistrictRoles.Combine(roles)), ct);
        TempData["Status"] = "Roles saved.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid membershipId, CancellationToken ct)
    {
        await sender.Send(new RemoveMember(membershipId), ct);
        TempData["Status"] = "Member removed.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostResendAsync(Guid invitationId, CancellationToken ct)
    {
        var email = await sender.Send(new ResendInvitation(invitationId), ct);
        TempData["Status"] = $"Invitation sent again to {email}, with a new link valid for two weeks.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRevokeAsync(Guid invitationId, CancellationToken ct)
    {
        await sender.Send(new RevokeInvitation(invitationId), ct);
        TempData["Status"] = "Invitation withdrawn.";
        return RedirectToPage();
    }

    public sealed class InviteInput
    {
        public string Email { get; set; } = "";
        public List<DistrictRole> Roles { get; set; } = [DistrictRole.Earner];
    }
}
