using Mediator;
using MicroCred.Application.Features.Recognition;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Recognition.Workspace;

/// <summary>The credit types the organisation grants.</summary>
public sealed class CreditTypesModel(ISender sender) : PageModel, IReloadable
{
    [BindProperty]
    public CreditTypeInput Input { get; set; } = new();

    public IReadOnlyList<CreditTypeRow> Types { get; private set; } = [];

    public Task OnGetAsync(CancellationToken ct) => ReloadAsync(ct);

    public async Task ReloadAsync(CancellationToken ct) => Types = await sender.Send(new GetCreditTypes(), ct);

    public async Task<IActionResult> OnPostDefineAsync(CancellationToken ct)
    {
        await sender.Send(new DefineCreditType(Input.Name, Input.Unit), ct);
        TempData["Status"] = $"{Input.Name.Trim()} added.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRenameAsync(Guid creditTypeId, CancellationToken ct)
    {
        await sender.Send(new RenameCreditType(creditTypeId, Input.Name, Input.Unit), ct);
        TempData["Status"] = "Credit type saved.";
        return RedirectToPage();
    }

    public sealed class CreditTypeInput
    {
        public string Name { get; set; } = "";
        public string Unit { get; set; } = "";
    }
}
