using Mediator;
using MicroCred.Application.Features.Assessment;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Tenancy;

/// <summary>A member's school and declared conflicts of interest, for fair assessment.</summary>
public sealed class ProfileModel(ISender sender) : PageModel, IReloadable
{
    [BindProperty]
    public ConflictInput Input { get; set; } = new();

    public MyAssessmentProfile Profile { get; private set; } = default!;

    public Task OnGetAsync(CancellationToken ct) => ReloadAsync(ct);

    public async Task ReloadAsync(CancellationToken ct) => Profile = await sender.Send(new GetMyAssessmentProfile(), ct);

    public async Task<IActionResult> OnPostSchoolAsync(Guid? schoolId, CancellationToken ct)
    {
        await sender.Send(new ChooseMySchool(schoolId), ct);
        TempData["Status"] = "Your school is saved.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostDeclareAsync(CancellationToken ct)
    {
        await sender.Send(new DeclareConflict(Input.PersonId ?? Guid.Empty, Input.Reason), ct);
        TempData["Status"] = "Conflict of interest declared: neither of you will assess the other.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostWithdrawAsync(Guid declarationId, CancellationToken ct)
    {
        await sender.Send(new WithdrawConflict(declarationId), ct);
        TempData["Status"] = "Conflict withdrawn.";
        return RedirectToPage();
    }

    public sealed class ConflictInput
    {
        public Guid? PersonId { get; set; }
        public string Reason { get; set; } = "";
    }
}
