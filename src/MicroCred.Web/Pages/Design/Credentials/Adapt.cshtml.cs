using Mediator;
using MicroCred.Application.Features.Design;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Design.Credentials;

/// <summary>A Developer confirms adapting another district's published micro-credential into a new draft of their own.</summary>
public sealed class AdaptModel(ISender sender) : PageModel, IReloadable
{
    [FromRoute] public string From { get; set; } = "";
    [FromRoute] public Guid CredentialId { get; set; }

    public CatalogCredential Original { get; private set; } = default!;
    public int FilesLeftBehind => Original.Content.Resources.Count(r => r.FileId is not null);
    public string Slug => HttpContext.District()!.Slug;
    public string DistrictName => HttpContext.District()!.Name;

    public Task OnGetAsync(CancellationToken ct) => ReloadAsync(ct);

    public async Task ReloadAsync(CancellationToken ct) => Original = await sender.Send(new GetCredentialToAdapt(From, CredentialId), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var id = await sender.Send(new AdaptCredential(From, CredentialId), ct);
        TempData["Status"] = "Adapted into a new draft of your district, credited to the original. Change what you need, then publish it.";
        return Redirect($"/{Slug}/design/credentials/{id}");
    }
}
