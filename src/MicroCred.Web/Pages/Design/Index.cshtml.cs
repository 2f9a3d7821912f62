using Mediator;
using MicroCred.Application.Features.Design;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Design;

/// <summary>The developer's workspace: the district's micro-credentials, where each stands, and a new one.</summary>
public sealed class IndexModel(ISender sender) : PageModel, IReloadable
{
    [BindProperty]
    public NewCredentialInput Input { get; set; } = new();

    public IReadOnlyList<CredentialListItem> Credentials { get; private set; } = [];
    public string Slug => HttpContext.District()!.Slug;

    public Task OnGetAsync(CancellationToken ct) => ReloadAsync(ct);

    public async Task ReloadAsync(CancellationToken ct) => Credentials = await sender.Send(new ListCredentials(), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var id = await sender.Send(new CreateCredential(Input.Name), ct);
        TempData["Status"] = $"Created the draft \"{Input.Name.Trim()}\". Fill in each part, then publish it.";
        return Redirect($"/{Slug}/design/credentials/{id}");
    }

    /// <summary>Draft / published vN / new draft in progress / retired, in words.</summary>
    public static (string Text, string Style) StatusOf(CredentialListItem c) => c switch
    {
        { IsPublished: false } => ("Draft", "warn"),
        { IsRetired: true, HasDraft: true } => ($"Retired (v{c.PublishedNumber}); draft v{c.DraftNumber} in progress", "bad"),
        { IsRetired: true } => ($"Retired (v{c.PublishedNumber})", "bad"),
        { HasDraft: true } => ($"Published v{c.PublishedNumber}; draft v{c.DraftNumber} in progress", "ok"),
        _ => ($"Published v{c.PublishedNumber}", "ok"),
    };

    public sealed class NewCredentialInput
    {
        public string Name { get; set; } = "";
    }
}
