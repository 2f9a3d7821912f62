using System.Globalization;
using System.Text;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Tenancy.Admin;

public sealed class AuditModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)] public long? Before { get; set; }
    [BindProperty(SupportsGet = true)] public long? After { get; set; }
    [BindProperty(SupportsGet = true)] public string? Action { get; set; }
    [BindProperty(SupportsGet = true)] public string? Actor { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? From { get; set; }
    [BindProperty(SupportsGet = true)] public DateOnly? To { get; set; }

    public AuditPage Result { get; private set; } = default!;
    public string DistrictName => HttpContext.District()!.Name;
    public bool Filtered => !string.IsNullOrEmpty(Action) || !string.IsNullOrEmpty(Actor) || From is not null || To is not null;

    private AuditFilter Filter => new(Action, Actor, From, To);

    public async Task OnGetAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            // A date or position that does not parse: say so and show the whole trail from the newest entry.
            ModelState.Clear();
            ModelState.AddModelError("", "Enter dates as year-month-day, e.g. 2026-01-31.");
            From = To = null;
            Before = After = null;
        }
        else if (From is { } f && To is { } t && t < f)
        {
            ModelState.AddModelError("", "The “to” date is before the “from” date: no entry can match.");
        }
        Result = await sender.Send(new ListAuditTrail(Filter, Before, After), ct);
    }

    /// <summary>The filtered trail as CSV, in words, for a spreadsheet.</summary>
    public async Task<IActionResult> OnGetCsvAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid) return BadRequest("Dates are written as year-month-day, e.g. 2026-01-31.");
        var rows = await sender.Send(new ExportAuditTrail(Filter), ct);
        var csv = Csv.Write(["When (UTC)", "Who", "Action", "Action code", "Changed", "Details", "Request"],
            rows.Select(r => (IReadOnlyList<CsvCell>)[
                r.At.UtcDateTime.ToString("yyyy-MM-dd HH:mm:ss", CultureInfo.InvariantCulture), r.Actor ?? "system", r.ActionText, r.Action,
                string.Join("\n", r.Changes), string.Join("\n", r.Details.Select(d => $"{d.Label}: {d.Value}")), r.RequestId]));
        Response.Headers.CacheControl = "no-store";
        var name = $"{HttpContext.District()!.Slug}-audit-trail.csv";
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", name);
    }

    public string PageLink(string? handler = null, long? before = null, long? after = null)
    {
        var query = new QueryBuilder();
        if (handler is not null) query.Add("handler", handler);
        if (before is { } b) query.Add("before", b.ToString(CultureInfo.InvariantCulture));
        if (after is { } a) query.Add("after", a.ToString(CultureInfo.InvariantCulture));
        if (!string.IsNullOrEmpty(Action)) query.Add("action", Action);
        if (!string.IsNullOrEmpty(Actor)) query.Add("actor", Actor);
        if (From is { } f) query.Add("from", f.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        if (To is { } t) query.Add("to", t.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture));
        return Request.Path + query.ToQueryString().Value;
    }
}
