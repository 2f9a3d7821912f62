using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Features.Evidence;
using MicroCred.Domain.Evidence;
using MicroCred.Web.Infrastructure;
using Microsoft.Net.Http.Headers;

namespace MicroCred.Web.Endpoints;

/// <summary>
/// Serves evidence files at <c>/{district}/files/{id}</c> (GET and HEAD, with HTTP ranges for seeking in video),
/// only through <see cref="OpenEvidenceFile"/>, which asks <c>IEvidenceAccess</c>: there is no public or
/// static path to a file. Videos, audio, images and PDFs open inline; other kinds download.
/// </summary>
public static class EvidenceFileEndpoints
{
    public static string UrlOf(string district, Guid fileId) => $"/{district}/files/{fileId}";

    public static IEndpointRouteBuilder MapEvidenceFiles(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/{district:slug}/files/{id:guid}", [HttpMethods.Get, HttpMethods.Head], Serve)
            .RequireAuthorization(Policies.Member);
        return app;
    }

    private static async Task<IResult> Serve(HttpContext http, ISender sender, Guid id, CancellationToken ct)
    {
        EvidenceFileContent file;
        try
        {
            file = await sender.Send(new OpenEvidenceFile(id), ct);
        }
        catch (NotFoundException)
        {
            return Results.NotFound();
        }

        var headers = http.Response.Headers;
        var disposition = new ContentDispositionHeaderValue(file.Kind.IsPreviewable() ? "inline" : "attachment");
        disposition.SetHttpFileName(file.FileName);
        headers.ContentDisposition = disposition.ToString();
        headers.CacheControl = "private, no-cache";
        // Uploaded content never runs as a page of this site. A PDF may be framed by our own pages (its preview);
        // the browser's PDF viewer does not work in a sandbox, and the PDF is still served with nosniff.
        http.Items[SecurityHeadersMiddleware.OwnFramingPolicy] = true;
        if (file.Kind == FileKind.Pdf)
        {
            headers.ContentSecurityPolicy = "frame-ancestors 'self'";
            headers.XFrameOptions = "SAMEORIGIN";
        }
        else
        {
            headers.ContentSecurityPolicy = "default-src 'none'; img-src 'self'; media-src 'self'; frame-ancestors 'none'; sandbox";
            headers.XFrameOptions = "DENY";
        }
        return Results.File(file.Content, file.ContentType, lastModified: file.CreatedAt,
            entityTag: new EntityTagHeaderValue($"\"{file.Sha256}\""), enableRangeProcessing: true);
    }
}
