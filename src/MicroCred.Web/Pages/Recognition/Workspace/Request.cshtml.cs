using Mediator;
using MicroCred.Application.Features.Recognition;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Recognition.Workspace;

/// <summary>One credit request: the stored verification report, the matching rules, and the decision.</summary>
public sealed class RequestModel(ISender sender) : PageModel, IReloadable
{
    [BindProperty(SupportsGet = false)]
    public DecisionInput Input { get; set; } = new();

    public CreditRequestView View { get; private set; } = default!;

    public async Task OnGetAsync(Guid requestId, CancellationToken ct)
    {
        await LoadAsync(requestId, ct);
        // Offer what the first matching rule grants; the recognizer can change it.
        if (View.Matches.FirstOrDefault() is { } match)
        {
            Input.CreditTypeId = match.CreditTypeId;
            // Written as typed ("4", not "4.00").
            Input.Units = decimal.Parse(match.Units.ToString("0.##", System.Globalization.CultureInfo.InvariantCulture), System.Globalization.CultureInfo.InvariantCulture);
        }
    }

    public Task ReloadAsync(CancellationToken ct) =>
        LoadAsync(Guid.TryParse(RouteData.Values["requestId"]?.ToString(), out var id) ? id : Guid.Empty, ct);

    private async Task LoadAsync(Guid requestId, CancellationToken ct) => View = await sender.Send(new GetCreditRequest(requestId), ct);

    public async Task<IActionResult> OnPostApproveAsync(Guid requestId, CancellationToken ct)
    {
        await sender.Send(new ApproveCreditRequest(requestId, Input.CreditTypeId, Input.Units), ct);
        TempData["Status"] = "Credit granted. The teacher has been emailed.";
        return RedirectToPage("Index", new { district = RouteData.Values["district"] });
    }

    public async Task<IActionResult> OnPostDeclineAsync(Guid requestId, CancellationToken ct)
    {
        await sender.Send(new DeclineCreditRequest(requestId, Input.Reason), ct);
        TempData["Status"] = "Request declined. The teacher has been emailed with your reason.";
        return RedirectToPage("Index", new { district = RouteData.Values["district"] });
    }

    public sealed class DecisionInput
    {
        public Guid? CreditTypeId { get; set; }
        public decimal? Units { get; set; }
        public string? Reason { get; set; }
    }
}
