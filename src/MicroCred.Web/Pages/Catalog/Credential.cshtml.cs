using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Features.Design;
using MicroCred.Domain.Tenancy;
using MicroCred.Web.Infrastructure;
using MicroCred.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Catalog;

/// <summary>A micro-credential's public page: its published version, the same eight sections for every credential.</summary>
public sealed class CredentialModel(ISender sender, CurrentMember member) : PageModel
{
    [FromRoute] public Guid Id { get; set; }

    public PublicCredential Credential { get; private set; } = default!;
    public CredentialViewModel View { get; private set; } = default!;
    public bool IsDeveloper { get; private set; }
    public string Slug => HttpContext.District()!.Slug;

    public async Task OnGetAsync(CancellationToken ct)
    {
        Credential = await sender.Send(new GetPublicCredential(Id), ct);
        var district = HttpContext.District()!;
        View = new CredentialViewModel(Credential.Content)
        {
            ImageUrl = $"/{district.Slug}/credentials/{Id}/image", IssuerName = district.IssuerName,
            VersionNumber = Credential.VersionNumber, PublishedAt = Credential.PublishedAt,
        };
        IsDeveloper = await member.HasAnyAsync(DistrictRole.Developer, ct);
    }
}
