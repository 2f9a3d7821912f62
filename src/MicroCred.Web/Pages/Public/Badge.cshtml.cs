using System.Globalization;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Features.Issuing;
using MicroCred.Application.Features.Public;
using MicroCred.Domain.Issuing;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;
using Microsoft.AspNetCore.OutputCaching;

namespace MicroCred.Web.Pages.Public;

/// <summary>
/// The badge's public verification page: what a browser gets at the assertion URL (machines get the JSON there,
/// chosen by q-value). Anyone can read it; the recipient's email never appears, but a visitor can check an email
/// against the badge's salted hash. Cached (output cache) until the badge changes or expires.
/// </summary>
[NegotiatedRepresentation(html: true)]
[OutputCache(PolicyName = PublicDocumentCache.PagePolicy)]
[IgnoreAntiforgeryToken] // the email check changes nothing and answers only "yes" or "no"
public sealed class BadgeModel(ISender sender, TimeProvider clock, BadgeLinks links) : PageModel
{
    public PublicAssertion Badge { get; private set; } = default!;
    public AssertionStatus Status { get; private set; }

    [BindProperty]
    public string? Email { get; set; }

    /// <summary>Null until an email was checked.</summary>
    public bool? EmailMatches { get; private set; }

    public string PngUrl => links.BakedPng(Badge.Id) + "?download=1";
    public string SvgUrl => links.BakedSvg(Badge.Id) + "?download=1";
    public string JsonUrl => links.AssertionJson(Badge.Id);
    public string QrUrl => $"/public/assertions/{Badge.Id}/qr.svg";
    public string VerifyUrl => "/verify?url=" + Uri.EscapeDataString(Badge.AssertionUrl);

    public async Task<IActionResult> OnGetAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        var cache = HttpContext.Features.Get<IOutputCacheFeature>()?.Context;
        if (cache is not null)
        {
            cache.Tags.Add(PublicDocumentCache.AssertionTag(id));
            cache.Tags.Add(PublicDocumentCache.IssuerTag(Badge.DistrictId));
            // The page says "valid" until the badge expires: never serve it from the cache past that moment.
            if (Badge.Expires is { } expires && Status == AssertionStatus.Valid && expires - clock.GetUtcNow() < TimeSpan.FromMinutes(10))
                cache.ResponseExpirationTimeSpan = expires - clock.GetUtcNow();
        }
        Response.Headers.Vary = "Accept";
        Response.Headers.CacheControl = "public, no-cache";
        Response.Headers.ETag = "\"page-" + Badge.Id.ToString("N")[..12] + "-" + (int)Status + "-" + PublicDocumentCache.Make(
            System.Text.Encoding.UTF8.GetBytes(Badge.Json.ToJsonString())).ETag.Trim('"')[..12] + "\"";
        return Page();
    }

    public async Task<IActionResult> OnPostAsync(Guid id, CancellationToken ct)
    {
        if (!await LoadAsync(id, ct)) return NotFound();
        Response.Headers.CacheControl = "no-store";
        if (string.IsNullOrWhiteSpace(Email))
            ModelState.AddModelError(nameof(Email), "Enter the email address the badge was awarded to.");
        else
            EmailMatches = Badge.IsFor(Email);
        return Page();
    }

    private async Task<bool> LoadAsync(Guid id, CancellationToken ct)
    {
        try
        {
            Badge = await sender.Send(new GetPublicAssertion(id), ct);
        }
        catch (NotFoundException)
        {
            return false;
        }
        Status = Badge.StatusAt(clock.GetUtcNow());
        // The URL of a revoked badge is gone, for people as for machines; the page says why.
        if (Badge.IsRevoked) Response.StatusCode = StatusCodes.Status410Gone;
        ViewData["Title"] = Badge.BadgeName;
        ViewData["CacheablePage"] = true;
        return true;
    }

    public static string Date(DateTimeOffset value) => value.UtcDateTime.ToString("d MMMM yyyy", CultureInfo.InvariantCulture);

    /// <summary>"Add to profile" on LinkedIn, prefilled as a certification with this badge's URL.</summary>
    public string LinkedInUrl
    {
        get
        {
            var query = new Dictionary<string, string?>
            {
                ["startTask"] = "CERTIFICATION_NAME",
                ["name"] = Badge.BadgeName,
                ["organizationName"] = Badge.IssuerName,
                ["issueYear"] = Badge.IssuedOn.UtcDateTime.Year.ToString(CultureInfo.InvariantCulture),
                ["issueMonth"] = Badge.IssuedOn.UtcDateTime.Month.ToString(CultureInfo.InvariantCulture),
                ["expirationYear"] = Badge.Expires?.UtcDateTime.Year.ToString(CultureInfo.InvariantCulture),
                ["expirationMonth"] = Badge.Expires?.UtcDateTime.Month.ToString(CultureInfo.InvariantCulture),
                ["certUrl"] = Badge.AssertionUrl,
                ["certId"] = Badge.Id.ToString(),
            };
            return Microsoft.AspNetCore.WebUtilities.QueryHelpers.AddQueryString("https://www.linkedin.com/profile/add",
                query.Where(p => p.Value is not null));
        }
    }

    /// <summary>The criteria narrative's paragraphs, with its Markdown emphasis turned into plain text.</summary>
    public IEnumerable<string> CriteriaParagraphs =>
        Badge.CriteriaNarrative.Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries)
            .Select(p => p.Replace("**", "", StringComparison.Ordinal));
}
