using Mediator;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Tenancy.Admin;

public sealed class AuditModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    public AuditPage Result { get; private set; } = default!;
    public string DistrictName => HttpContext.District()!.Name;

    public async Task OnGetAsync(CancellationToken ct) =>
        Result = await sender.Send(new ListAuditTrail(PageNumber, Action, Actor, From, To), ct);

    public string PageLink(int page)
    {
        var query = new QueryBuilder { { "p", page.ToString(System.Globalization.CultureInfo.InvariantCulture) } };
        if (!string.IsNullOrEmpty(Action)) query.Add("action", Action);
        if (!string.IsNullOrEmpty(Actor)) query.Add("actor", Actor);
        if (From is { } f) query.Add("from", f.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        if (To is { } t) query.Add("to", t.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture));
        return Request.Path + query.ToQueryString().Value;
    }
}
