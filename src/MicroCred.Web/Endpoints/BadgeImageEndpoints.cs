using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Features.Design;
using MicroCred.Domain.Tenancy;
using Microsoft.Net.Http.Headers;

namespace MicroCred.Web.Endpoints;

/// <summary>
/// Badge images: public ones for published credentials and stacks (cacheable, with an ETag), and previews of
/// drafts for the district's developers. SVGs go out with a CSP of their own that forbids every script and fetch,
/// so even an SVG opened directly is inert.
/// </summary>
public static class BadgeImageEndpoints
{
    public const string SvgContentSecurityPolicy = "default-src 'none'; style-src 'unsafe-inline'";

    public static void MapBadgeImages(this IEndpointRouteBuilder app)
    {
        app.MapGet("/{district:slug}/credentials/{id:guid}/image",
            (Guid id, ISender sender, HttpContext http) => Serve(http, () => sender.Send(new GetCredentialImage(id), http.RequestAborted), isPublic: true));
        app.MapGet("/{district:slug}/stacks/{id:guid}/image",
            (Guid id, ISender sender, HttpContext http) => Serve(http, () => sender.Send(new GetStackImage(id), http.RequestAborted), isPublic: true));
        app.MapGet("/{district:slug}/design/credentials/{id:guid}/image/preview",
                (Guid id, ISender sender, HttpContext http) => Serve(http, () => sender.Send(new PreviewCredentialImage(id), http.RequestAborted), isPublic: false))
            .RequireAuthorization(nameof(DistrictRole.Developer));
        app.MapGet("/{district:slug}/design/stacks/{id:guid}/image/preview",
                (Guid id, ISender sender, HttpContext http) => Serve(http, () => sender.Send(new PreviewStackImage(id), http.RequestAborted), isPublic: false))
            .RequireAuthorization(nameof(DistrictRole.Developer));
    }

    /// <summary>Writes an image with its caching and safety headers; 304 when the caller already has these bytes.</summary>
    public static async Task<IResult> Serve(HttpContext http, Func<ValueTask<ImageFile>> load, bool isPublic)
    {
        ImageFile image;
        try
        {
            image = await load();
        }
        catch (NotFoundException)
        {
            return Results.NotFound();
        }
        catch (ForbiddenException)
        {
            return Results.StatusCode(StatusCodes.Status403Forbidden);
        }

        var headers = http.Response.Headers;
        var etag = new EntityTagHeaderValue($"\"{image.ETag}\"");
        headers.ETag = etag.ToString();
        // Public images change when a new version is published: short freshness, then revalidate by ETag.
        headers.CacheControl = isPublic ? "public, max-age=300" : "private, no-cache";
        headers.XContentTypeOptions = "nosniff";
        if (image.IsSvg) headers.ContentSecurityPolicy = SvgContentSecurityPolicy;

        var ifNoneMatch = http.Request.GetTypedHeaders().IfNoneMatch;
        if (ifNoneMatch.Any(t => t.Equals(EntityTagHeaderValue.Any) || t.Compare(etag, useStrongComparison: false)))
            return Results.StatusCode(StatusCodes.Status304NotModified);
        return Results.Bytes(image.Data, image.ContentType);
    }
}
