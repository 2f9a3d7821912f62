using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Features.Design;
using MicroCred.Application.Features.Evidence;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Domain.Tenancy;
using MicroCred.Web.Endpoints;
using MicroCred.Web.Infrastructure;
using MicroCred.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Catalog;

/// <summary>
/// A micro-credential's public page: its published version, the same eight sections for every credential. For a
/// signed-in member it also says where they stand and lets an Earner start it (or continue) and plan it.
/// </summary>
public sealed class CredentialModel(ISender sender, CurrentMember member, ICurrentUser user) : PageModel, IReloadable
{
    [FromRoute] public Guid Id { get; set; }

    public PublicCredential Credential { get; private set; } = default!;
    public CredentialViewModel View { get; private set; } = default!;
    public bool IsDeveloper { get; private set; }
    public bool SignedIn => user.Id is not null;
    /// <summary>The member's standing with this credential; null for visitors and people from other districts.</summary>
    public MyCredentialStatus? Mine { get; private set; }
    public string Slug => HttpContext.District()!.Slug;

    public Task OnGetAsync(CancellationToken ct) => ReloadAsync(ct);

    public async Task ReloadAsync(CancellationToken ct)
    {
        Credential = await sender.Send(new GetPublicCredential(Id), ct);
        var district = HttpContext.District()!;
        View = new CredentialViewModel(Credential.Content)
        {
            ImageUrl = $"/{district.Slug}/credentials/{Id}/image", IssuerName = district.IssuerName,
            VersionNumber = Credential.VersionNumber, PublishedAt = Credential.PublishedAt, Approval = Credential.Approval,
            FileUrl = file => CredentialResourceEndpoints.UrlOf(district.Slug, Id, file),
        };
        var roles = await member.RolesAsync(ct);
        IsDeveloper = roles.HasFlag(DistrictRole.Developer);
        Mine = roles == DistrictRole.None ? null : await sender.Send(new GetMyCredentialStatus(Id), ct);
        // A Developer of another district may adapt this credential into a draft of theirs.
        AdaptInto = SignedIn
            ? (await sender.Send(new GetMyDistricts(), ct)).Where(d => d.Roles.HasFlag(DistrictRole.Developer) && d.Slug != district.Slug).ToList()
            : [];
    }

    /// <summary>The signed-in person's other districts where they are a Developer.</summary>
    public IReadOnlyList<MyDistrict> AdaptInto { get; private set; } = [];

    public async Task<IActionResult> OnPostStartAsync(CancellationToken ct)
    {
        if (!SignedIn) return Challenge();
        var submission = await sender.Send(new StartCredential(Id), ct);
        TempData["Status"] = "Started. Your evidence saves as you go; submit it when every required item is there.";
        return RedirectToPage("/Evidence/Submission", new { district = Slug, submissionId = submission });
    }

    public async Task<IActionResult> OnPostPlanAsync(CancellationToken ct)
    {
        if (!SignedIn) return Challenge();
        await sender.Send(new PlanCredential(Id, null), ct);
        TempData["Status"] = "Added to your plan. Set a target date under My credentials.";
        return RedirectToPage();
    }
}
