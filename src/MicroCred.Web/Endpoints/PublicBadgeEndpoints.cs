using System.Text;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Features.Design;
using MicroCred.Application.Features.Issuing;
using MicroCred.Application.Features.Public;
using MicroCred.OpenBadges;
using MicroCred.Web.Infrastructure;
using Microsoft.Net.Http.Headers;

namespace MicroCred.Web.Endpoints;

/// <summary>
/// The public Open Badges 2.0 documents (no login, global URLs): issuer profiles, BadgeClasses, assertions, keys,
/// revocation lists and images, served from <see cref="PublicDocumentCache"/> with strong ETags (conditional GET
/// answers 304) and <c>Cache-Control: no-cache</c>, so clients always revalidate and see a revocation at once.
/// The assertion URL also has an HTML page (Pages/Public/Badge); <see cref="NegotiatedRepresentationPolicy"/> picks one.
/// </summary>
public static class PublicBadgeEndpoints
{
    public static void MapPublicBadges(this IEndpointRouteBuilder app, IConfiguration configuration)
    {
        app.MapGet("/public/issuers/{id:guid}", (Guid id, HttpContext http, ISender sender, PublicDocumentCache cache) =>
            Json(http, cache, "issuer:" + id, async () => Make(await sender.Send(new GetPublicIssuer(id), http.RequestAborted))));
        app.MapGet("/public/issuers/{id:guid}/revocations", (Guid id, HttpContext http, ISender sender, PublicDocumentCache cache) =>
            Json(http, cache, "revocations:" + id, async () => Make(await sender.Send(new GetPublicRevocationList(id), http.RequestAborted))));
        app.MapGet("/public/badges/{id:guid}", (Guid id, HttpContext http, ISender sender, PublicDocumentCache cache) =>
            Json(http, cache, "badge:" + id, async () => Make(await sender.Send(new GetPublicBadgeClass(id), http.RequestAborted))));
        app.MapGet("/public/keys/{id:guid}", (Guid id, HttpContext http, ISender sender, PublicDocumentCache cache) =>
            Json(http, cache, "key:" + id, async () => Make(await sender.Send(new GetPublicKey(id), http.RequestAborted))));

        app.MapGet("/public/assertions/{id:guid}", (Guid id, HttpContext http, ISender sender, PublicDocumentCache cache) =>
                Json(http, cache, "assertion:" + id, () => AssertionAsync(id, http, sender)))
            .WithMetadata(new NegotiatedRepresentationAttribute(html: false));
        app.MapGet("/public/assertions/{id:guid}.json", (Guid id, HttpContext http, ISender sender, PublicDocumentCache cache) =>
            Json(http, cache, "assertion:" + id, () => AssertionAsync(id, http, sender), forceJson: true));

        app.MapGet("/public/badges/{id:guid}/image", (Guid id, HttpContext http, ISender sender, PublicDocumentCache cache) =>
            Image(http, cache, "badge-image:" + id, async () => await sender.Send(new GetPublicBadgeImage(id), http.RequestAborted), null));
        app.MapGet("/public/assertions/{id:guid}/image", (Guid id, HttpContext http, ISender sender, PublicDocumentCache cache) =>
            Image(http, cache, "baked-png:" + id, async () => await sender.Send(new GetBakedBadge(id, Svg: false), http.RequestAborted), $"badge-{id}.png"));
        app.MapGet("/public/assertions/{id:guid}/image.svg", (Guid id, HttpContext http, ISender sender, PublicDocumentCache cache) =>
            Image(http, cache, "baked-svg:" + id, async () => await sender.Send(new GetBakedBadge(id, Svg: true), http.RequestAborted), $"badge-{id}.svg"));
        app.MapGet("/public/assertions/{id:guid}/qr.svg", (Guid id, HttpContext http, BadgeLinks links, PublicDocumentCache cache) =>
            Image(http, cache, "qr:" + id, () => ValueTask.FromResult(QrCode(links.Assertion(id))), null));

        // A constant document for the benchmark's baseline (bench/public-documents.sh), only when asked for.
        if (configuration.GetValue<bool>("Benchmark:ConstantEndpoint"))
        {
            var constant = PublicDocumentCache.Make(Encoding.UTF8.GetBytes(
                """{"@context":"https://w3id.org/openbadges/v2","type":"Assertion","id":"https://example.org/constant","note":"A constant document of about the size of an assertion, for the benchmark baseline; nothing is looked up to serve it.","recipient":{"type":"email","hashed":true,"salt":"0123456789abcdef0123456789abcdef","identity":"sha256$0000000000000000000000000000000000000000000000000000000000000000"}}"""));
            app.MapGet("/public/constant.json", (HttpContext http, PublicDocumentCache cache) =>
                Json(http, cache, "constant", () => ValueTask.FromResult<PublicDocumentCache.Entry?>(constant)));
        }
    }

    private static PublicDocumentCache.Entry Make(System.Text.Json.Nodes.JsonObject document) =>
        PublicDocumentCache.Make(BadgeJson.SerializeToUtf8Bytes(document));

    private static async ValueTask<PublicDocumentCache.Entry?> AssertionAsync(Guid id, HttpContext http, ISender sender)
    {
        var assertion = await sender.Send(new GetPublicAssertion(id), http.RequestAborted);
        // A revoked hosted assertion answers 410 Gone with its body (revoked: true, revocationReason).
        return PublicDocumentCache.Make(BadgeJson.SerializeToUtf8Bytes(assertion.Json),
            assertion.IsRevoked ? StatusCodes.Status410Gone : StatusCodes.Status200OK);
    }

    private static async Task Json(HttpContext http, PublicDocumentCache cache, string key, Func<ValueTask<PublicDocumentCache.Entry?>> load, bool forceJson = false)
    {
        var representation = forceJson ? BadgeRepresentation.Json : BadgeNegotiation.ChooseJson(http.Request.Headers.Accept.ToString());
        var entry = await LoadAsync(cache, key, load);
        var headers = http.Response.Headers;
        headers.Vary = "Accept";
        if (entry is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        if (representation == BadgeRepresentation.NotAcceptable)
        {
            http.Response.StatusCode = StatusCodes.Status406NotAcceptable;
            http.Response.ContentType = "text/plain; charset=utf-8";
            await http.Response.WriteAsync("This document is available as application/ld+json, application/json or (assertions) text/html.");
            return;
        }
        WriteCachingHeaders(http, entry);
        if (entry.Status == StatusCodes.Status200OK && NotModified(http, entry)) return;
        http.Response.StatusCode = entry.Status;
        http.Response.ContentType = (representation == BadgeRepresentation.Json ? BadgeNegotiation.Json : BadgeNegotiation.LdJson) + "; charset=utf-8";
        http.Response.ContentLength = entry.Body.Length;
        await http.Response.Body.WriteAsync(entry.Body, http.RequestAborted);
    }

    private static async Task Image(HttpContext http, PublicDocumentCache cache, string key, Func<ValueTask<ImageFile>> load, string? downloadName)
    {
        var entry = await LoadAsync(cache, key, async () =>
        {
            var image = await load();
            return PublicDocumentCache.Make(image.Data, contentType: image.ContentType);
        });
        if (entry is null)
        {
            http.Response.StatusCode = StatusCodes.Status404NotFound;
            return;
        }
        WriteCachingHeaders(http, entry);
        if (entry.ContentType == BadgeImageFile.Svg) http.Response.Headers.ContentSecurityPolicy = BadgeImageEndpoints.SvgContentSecurityPolicy;
        if (downloadName is not null && http.Request.Query.ContainsKey("download"))
            http.Response.Headers.ContentDisposition = new ContentDispositionHeaderValue("attachment") { FileName = downloadName }.ToString();
        if (NotModified(http, entry)) return;
        http.Response.ContentType = entry.ContentType;
        http.Response.ContentLength = entry.Body.Length;
        await http.Response.Body.WriteAsync(entry.Body, http.RequestAborted);
    }

    private static async ValueTask<PublicDocumentCache.Entry?> LoadAsync(PublicDocumentCache cache, string key, Func<ValueTask<PublicDocumentCache.Entry?>> load)
    {
        try
        {
            return await cache.GetAsync(key, load);
        }
        catch (NotFoundException)
        {
            return null;
        }
    }

    private static void WriteCachingHeaders(HttpContext http, PublicDocumentCache.Entry entry)
    {
        var headers = http.Response.Headers;
        headers.ETag = entry.ETag;
        // Anyone may cache, but must revalidate every time (cheap with the ETag): a revocation shows at once.
        headers.CacheControl = "public, no-cache";
        // Public documents are read by verifiers and backpacks running in other sites' pages.
        headers.AccessControlAllowOrigin = "*";
    }

    private static bool NotModified(HttpContext http, PublicDocumentCache.Entry entry)
    {
        var ifNoneMatch = http.Request.Headers.IfNoneMatch;
        if (ifNoneMatch.Count == 0) return false;
        var etag = new EntityTagHeaderValue(entry.ETag);
        if (!EntityTagHeaderValue.TryParseList(ifNoneMatch, out var tags)
            || !tags.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false))) return false;
        http.Response.StatusCode = StatusCodes.Status304NotModified;
        return true;
    }

    /// <summary>The assertion URL as a QR code (SVG).</summary>
    private static ImageFile QrCode(string url)
    {
        var bytes = Encoding.UTF8.GetBytes(QrCodes.Svg(url));
        return new ImageFile(BadgeImageFile.Svg, bytes, DefaultBadge.Tag(bytes), true);
    }
}
