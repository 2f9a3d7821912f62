using Mediator;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Operator;

/// <summary>The platform operators' console: every district's size and activity; verify, suspend, lift a suspension.</summary>
public sealed class IndexModel(ISender sender) : PageModel, IReloadable
{
    [BindProperty] public SuspendInput Input { get; set; } = new();
    [BindProperty(SupportsGet = true)] public int PageNumber { get; set; } = 1;

    public OperatorDistrictList List { get; private set; } = new([], 0, 0);

    public Task OnGetAsync(CancellationToken ct) => ReloadAsync(ct);

    public async Task ReloadAsync(CancellationToken ct) => List = await sender.Send(new ListDistrictsForOperator(PageNumber), ct);

    public async Task<IActionResult> OnPostVerifyAsync(Guid districtId, CancellationToken ct)
    {
        await sender.Send(new VerifyDistrict(districtId), ct);
        TempData["Status"] = "District verified: its emails are no longer capped.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostSuspendAsync(CancellationToken ct)
    {
        await sender.Send(new SuspendDistrict(Input.DistrictId, Input.Reason), ct);
        TempData["Status"] = "District suspended: nobody can act in it now.";
        return RedirectToPage();
    }

    public async Task<IActionResult> OnPostUnsuspendAsync(Guid districtId, CancellationToken ct)
    {
        await sender.Send(new UnsuspendDistrict(districtId), ct);
        TempData["Status"] = "Suspension lifted.";
        return RedirectToPage();
    }

    public sealed class SuspendInput
    {
        public Guid DistrictId { get; set; }
        public string? Reason { get; set; }
    }
}
