using Mediator;
using MicroCred.Application.Features.Design;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Design.Stacks;

/// <summary>Starts a stack from two or more of the district's published micro-credentials (reordered on the next page).</summary>
public sealed class NewModel(ISender sender) : PageModel, IReloadable
{
    [BindProperty] public NewStackInput Input { get; set; } = new();

    public IReadOnlyList<CredentialChoice> Choices { get; private set; } = [];
    public string Slug => HttpContext.District()!.Slug;

    public async Task OnGetAsync(CancellationToken ct) => await ReloadAsync(ct);

    public async Task ReloadAsync(CancellationToken ct) => Choices = await sender.Send(new GetStackableCredentials(), ct);

    public async Task<IActionResult> OnPostAsync(CancellationToken ct)
    {
        var id = await sender.Send(new CreateStack(Input.Name, Input.Description ?? "", Input.Sequential, Input.CredentialIds), ct);
        TempData["Status"] = $"Stack \"{Input.Name.Trim()}\" created. Put its micro-credentials in order, then publish it.";
        return Redirect($"/{Slug}/design/stacks/{id}");
    }

    public sealed class NewStackInput
    {
        public string Name { get; set; } = "";
        public string? Description { get; set; }
        public bool Sequential { get; set; }
        public List<Guid> CredentialIds { get; set; } = [];
    }
}
