using System.Globalization;
using Mediator;
using MicroCred.Application.Features.Design;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Http.Extensions;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Catalog;

/// <summary>The district's public catalog: search and filters live in the query string, so every view can be linked.</summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true, Name = "q")] public string? Q { get; set; }
    [BindProperty(SupportsGet = true, Name = "standard")] public string? Standard { get; set; }
    [BindProperty(SupportsGet = true, Name = "tag")] public string? Tag { get; set; }
    [BindProperty(SupportsGet = true, Name = "grade")] public string? GradeBand { get; set; }
    [BindProperty(SupportsGet = true, Name = "subject")] public string? Subject { get; set; }
    [BindProperty(SupportsGet = true, Name = "stack")] public Guid? Stack { get; set; }
    [BindProperty(SupportsGet = true, Name = "hours")] public string? Hours { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public CatalogPage Result { get; private set; } = default!;
    public string Slug => HttpContext.District()!.Slug;
    public string DistrictName => HttpContext.District()!.Name;
    public bool Filtered => !string.IsNullOrWhiteSpace(Q) || Standard is { Length: > 0 } || Tag is { Length: > 0 } || GradeBand is { Length: > 0 }
        || Subject is { Length: > 0 } || Stack is not null || Hours is { Length: > 0 };

    public async Task OnGetAsync(CancellationToken ct)
    {
        // A hand-edited link gets the nearest sensible view rather than an error page.
        if (Q is { Length: > 200 }) Q = Q[..200];
        if (HoursRange.All.All(r => r.Key != Hours)) Hours = null;
        Result = await sender.Send(new BrowseCatalog(Q, Standard, Tag, GradeBand, Subject, Stack, Hours, PageNumber), ct);
    }

    /// <summary>This view's link with another page number, keeping every filter.</summary>
    public string PageLink(int page)
    {
        var query = new QueryBuilder();
        void Add(string key, string? value) { if (!string.IsNullOrWhiteSpace(value)) query.Add(key, value); }
        Add("q", Q);
        Add("standard", Standard);
        Add("tag", Tag);
        Add("grade", GradeBand);
        Add("subject", Subject);
        Add("stack", Stack?.ToString());
        Add("hours", Hours);
        if (page > 1) query.Add("p", page.ToString(CultureInfo.InvariantCulture));
        return Request.Path + query.ToQueryString().Value;
    }
}
