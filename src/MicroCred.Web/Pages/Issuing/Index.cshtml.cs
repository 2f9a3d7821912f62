using Mediator;
using MicroCred.Application.Features.Issuing;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Issuing;

/// <summary>The district's issued badges for its Issuers: filter by status, micro-credential and name or email.</summary>
public sealed class IndexModel(ISender sender) : PageModel
{
    [BindProperty(SupportsGet = true)] public BadgeFilter Status { get; set; }
    [BindProperty(SupportsGet = true)] public Guid? Credential { get; set; }
    [BindProperty(SupportsGet = true)] public string? Search { get; set; }
    [BindProperty(SupportsGet = true, Name = "p")] public int PageNumber { get; set; } = 1;

    public IssuedBadgePage Badges { get; private set; } = default!;
    public string Slug => HttpContext.District()!.Slug;

    public async Task OnGetAsync(CancellationToken ct) =>
        Badges = await sender.Send(new ListIssuedBadges(Status, Credential, Search, PageNumber), ct);

    public string PageLink(int page) =>
        $"/{Slug}/issuing?status={Status}&credential={Credential}&search={Uri.EscapeDataString(Search ?? "")}&p={page}";
}
