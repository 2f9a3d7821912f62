using Mediator;
using MicroCred.Application.Features.Design;
using MicroCred.Domain.Design;
using MicroCred.Web.Infrastructure;
using MicroCred.Web.Pages.Shared;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Design.Credentials;

/// <summary>The earner's view of the draft (or of any version from the history), before it is published.</summary>
public sealed class PreviewModel(ISender sender) : PageModel
{
    [FromRoute]
    public Guid Id { get; set; }

    [FromQuery(Name = "version")]
    public Guid? VersionId { get; set; }

    public CredentialVersionView Version { get; private set; } = default!;
    public string EditorPath => $"/{HttpContext.District()!.Slug}/design/credentials/{Id}";

    public CredentialViewModel View => new(Version.Content)
    {
        VersionNumber = Version.Number,
        PublishedAt = Version.PublishedAt,
        IssuerName = HttpContext.District()!.Name,
    };

    public bool IsDraft => Version.Status == VersionStatus.Draft;

    public async Task OnGetAsync(CancellationToken ct) =>
        Version = await sender.Send(new GetCredentialVersion(Id, VersionId), ct);
}
