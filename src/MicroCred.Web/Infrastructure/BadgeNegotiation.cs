using Microsoft.AspNetCore.Routing.Matching;
using Microsoft.Net.Http.Headers;

namespace MicroCred.Web.Infrastructure;

/// <summary>The representations of a public Open Badges document.</summary>
public enum BadgeRepresentation { LdJson, Json, Html, NotAcceptable }

/// <summary>
/// The one content negotiation of the site, by q-value (RFC 9110 §12.5.1): each representation gets the quality of the
/// most specific media range that matches it; the highest wins. Ties (and <c>*/*</c>, and a missing header) go to the
/// URL's default: <c>application/ld+json</c> for Open Badges documents (then <c>application/json</c>, then HTML), HTML for
/// pages that also answer JSON (the verifier). Never "text/html appears somewhere".
/// </summary>
public static class BadgeNegotiation
{
    public const string LdJson = "application/ld+json";
    public const string Json = "application/json";

    /// <param name="accept">The request's Accept header.</param>
    /// <param name="htmlAvailable">Whether the URL has an HTML page at all.</param>
    /// <param name="htmlByDefault">Whether HTML is the URL's default (a page that answers JSON to tools that ask for it).</param>
    public static BadgeRepresentation Choose(string? accept, bool htmlAvailable, bool htmlByDefault = false)
    {
        var fallback = htmlAvailable && htmlByDefault ? BadgeRepresentation.Html : BadgeRepresentation.LdJson;
        if (string.IsNullOrWhiteSpace(accept)) return fallback;
        if (!MediaTypeHeaderValue.TryParseList([accept], out var ranges) || ranges.Count == 0) return fallback;
        var ld = Quality(ranges, "application", "ld+json");
        var json = Quality(ranges, "application", "json");
        var html = htmlAvailable ? Math.Max(Quality(ranges, "text", "html"), Quality(ranges, "application", "xhtml+xml")) : 0;
        var best = Math.Max(ld, Math.Max(json, html));
        if (best <= 0) return BadgeRepresentation.NotAcceptable;
        if (htmlByDefault && html == best) return BadgeRepresentation.Html;
        return ld == best ? BadgeRepresentation.LdJson : json == best ? BadgeRepresentation.Json : BadgeRepresentation.Html;
    }

    /// <summary>
    /// Whether a page that is HTML by default (the verifier) should answer JSON: only when the client ranks a JSON type
    /// above HTML (a browser's <c>*/*</c> never wins over its <c>text/html</c>; a tie, or nothing acceptable, gets HTML).
    /// </summary>
    public static bool PrefersJson(string? accept) =>
        Choose(accept, htmlAvailable: true, htmlByDefault: true) is BadgeRepresentation.Json or BadgeRepresentation.LdJson;

    /// <summary>The JSON media type to answer with (HTML is not on offer for this document).</summary>
    public static BadgeRepresentation ChooseJson(string? accept) => Choose(accept, htmlAvailable: false);

    private static double Quality(IList<MediaTypeHeaderValue> ranges, string type, string subtype)
    {
        var specificity = -1;
        double quality = 0;
        foreach (var range in ranges)
        {
            var rangeType = range.Type.Value ?? "";
            var rangeSubtype = range.SubType.Value ?? "";
            int s;
            if (rangeType == "*" && rangeSubtype == "*") s = 0;
            else if (rangeType.Equals(type, StringComparison.OrdinalIgnoreCase) && rangeSubtype == "*") s = 1;
            else if (rangeType.Equals(type, StringComparison.OrdinalIgnoreCase) && rangeSubtype.Equals(subtype, StringComparison.OrdinalIgnoreCase)) s = 2;
            else continue;
            if (s > specificity)
            {
                specificity = s;
                quality = range.Quality ?? 1;
            }
        }
        return quality;
    }
}

/// <summary>Marks an endpoint as one representation of a negotiated URL (the JSON endpoint, or the HTML page).</summary>
[AttributeUsage(AttributeTargets.Class | AttributeTargets.Method)]
public sealed class NegotiatedRepresentationAttribute(bool html) : Attribute
{
    public bool Html { get; } = html;
}

/// <summary>
/// Picks between the JSON endpoint and the HTML page that share one URL (<c>/public/assertions/{id}</c>) by the
/// request's Accept header, before either runs. Only GET/HEAD ever see both (the page alone takes POST).
/// </summary>
public sealed class NegotiatedRepresentationPolicy : MatcherPolicy, IEndpointSelectorPolicy
{
    public override int Order => 100;

    public bool AppliesToEndpoints(IReadOnlyList<Endpoint> endpoints) =>
        endpoints.Any(e => e.Metadata.GetMetadata<NegotiatedRepresentationAttribute>() is not null);

    public Task ApplyAsync(HttpContext httpContext, CandidateSet candidates)
    {
        bool anyHtml = false, anyJson = false;
        for (var i = 0; i < candidates.Count; i++)
        {
            if (!candidates.IsValidCandidate(i)) continue;
            var meta = candidates[i].Endpoint.Metadata.GetMetadata<NegotiatedRepresentationAttribute>();
            if (meta is null) continue;
            anyHtml |= meta.Html;
            anyJson |= !meta.Html;
        }
        if (!anyHtml || !anyJson) return Task.CompletedTask;

        var wantHtml = BadgeNegotiation.Choose(httpContext.Request.Headers.Accept.ToString(), htmlAvailable: true) == BadgeRepresentation.Html;
        for (var i = 0; i < candidates.Count; i++)
        {
            var meta = candidates[i].Endpoint.Metadata.GetMetadata<NegotiatedRepresentationAttribute>();
            if (meta is not null && meta.Html != wantHtml) candidates.SetValidity(i, false);
        }
        return Task.CompletedTask;
    }
}
