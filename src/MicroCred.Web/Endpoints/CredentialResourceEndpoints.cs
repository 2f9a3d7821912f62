using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Features.Design;
using Microsoft.Net.Http.Headers;

namespace MicroCred.Web.Endpoints;

/// <summary>
/// Serves a published credential's resource files at <c>/{district}/credentials/{id}/files/{fileId}</c> to anyone (the
/// credential page is public), only through <see cref="OpenCredentialResource"/>. Always a download with the file's own
/// name and type: uploaded content never runs as a page of this site.
/// </summary>
public static class CredentialResourceEndpoints
{
    public static string UrlOf(string district, Guid credentialId, Guid fileId) => $"/{district}/credentials/{credentialId}/files/{fileId}";

    public static IEndpointRouteBuilder MapCredentialResources(this IEndpointRouteBuilder app)
    {
        app.MapMethods("/{district:slug}/credentials/{id:guid}/files/{fileId:guid}", [HttpMethods.Get, HttpMethods.Head], Serve).AllowAnonymous();
        return app;
    }

    private static async Task<IResult> Serve(HttpContext http, ISender sender, Guid id, Guid fileId, CancellationToken ct)
    {
        Application.Features.Evidence.EvidenceFileContent file;
        try
        {
            file = await sender.Send(new OpenCredentialResource(id, fileId), ct);
        }
        catch (NotFoundException)
        {
            return Results.NotFound();
        }
        var headers = http.Response.Headers;
        var disposition = new ContentDispositionHeaderValue("attachment");
        disposition.SetHttpFileName(file.FileName);
        headers.ContentDisposition = disposition.ToString();
        headers.CacheControl = "public, max-age=300";
        headers.ContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'; sandbox";
        return Results.File(file.Content, file.ContentType, lastModified: file.CreatedAt, entityTag: new EntityTagHeaderValue($"\"{file.Sha256}\""));
    }
}
