using Mediator;
using MicroCred.Application.Features.Assessment;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Assessment.Admin;

/// <summary>The district's schools, and each member's school (members can also pick their own).</summary>
public sealed class SchoolsModel(ISender sender) : PageModel, IReloadable
{
    [BindProperty]
    public SchoolInput Input { get; set; } = new();

    public SchoolsView View { get; private set; } = default!;

    public Task OnGetAsync(CancellationToken ct) => ReloadAsync(ct);

    public async Task ReloadAsync(CancellationToken ct) => View = await sender.Send(new GetSchools(), ct);

    public async Task<IActionResult> OnPostAddAsync(CancellationToken ct)
    {
        await sender.Send(new AddSchool(Input.Name), ct);
        TempData["Status"] = $"{Input.Name.Trim()} added.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRenameAsync(Guid schoolId, string name, CancellationToken ct)
    {
        await sender.Send(new RenameSchool(schoolId, name), ct);
        TempData["Status"] = "School renamed.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostRemoveAsync(Guid schoolId, CancellationToken ct)
    {
        await sender.Send(new RemoveSchool(schoolId), ct);
        TempData["Status"] = "School removed from the list.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostMemberAsync(Guid membershipId, Guid? schoolId, CancellationToken ct)
    {
        await sender.Send(new SetMemberSchool(membershipId, schoolId), ct);
        TempData["Status"] = "School saved.";
        return RedirectToPage();
    }

    public sealed class SchoolInput
    {
        public string Name { get; set; } = "";
    }
}
