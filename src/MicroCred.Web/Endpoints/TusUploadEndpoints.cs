using System.Globalization;
using System.Text;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Evidence;
using MicroCred.Application.Features.Evidence;
using MicroCred.Domain.Evidence;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Antiforgery;
using Microsoft.AspNetCore.Diagnostics;
using Microsoft.AspNetCore.Http.Features;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace MicroCred.Web.Endpoints;

/// <summary>
/// Resumable evidence uploads over the tus 1.0.0 protocol (core, plus the creation, termination and expiration
/// extensions) at <c>/{district}/uploads</c>, for signed-in members of the district. Each endpoint only
/// translates HTTP to a Mediator request; the rules live in the Application layer and the domain.
/// <list type="bullet">
/// <item>POST with <c>Upload-Length</c> and <c>Upload-Metadata</c> (<c>filename</c>, <c>purpose</c>, optional
/// <c>context</c>, a GUID) → 201 and <c>Location</c>.</item>
/// <item>HEAD <c>/{id}</c> → <c>Upload-Offset</c>, <c>Upload-Length</c>, <c>Upload-Expires</c>.</item>
/// <item>PATCH <c>/{id}</c> with <c>Upload-Offset</c> and <c>Content-Type: application/offset+octet-stream</c>: the body
/// streams straight to the store → 204 and the new <c>Upload-Offset</c>.</item>
/// <item>DELETE <c>/{id}</c> → 204.</item>
/// </list>
/// Once the last byte is stored, PATCH and HEAD also answer <c>MicroCred-File-Id</c> and <c>MicroCred-File-Url</c>.
/// Writes need the page's antiforgery token in the <c>RequestVerificationToken</c> header (on top of the
/// SameSite cookie and the custom headers a cross-site form cannot send). A refusal answers its message as text.
/// </summary>
public static class TusUploadEndpoints
{
    public const string TusVersion = "1.0.0";
    public const string FileIdHeader = "MicroCred-File-Id";
    public const string FileUrlHeader = "MicroCred-File-Url";

    public static IEndpointRouteBuilder MapTusUploads(this IEndpointRouteBuilder app)
    {
        var uploads = app.MapGroup("/{district:slug}/uploads")
            .RequireAuthorization(Policies.Member)
            .WithMetadata(new NoLoginRedirectAttribute())
            .AddEndpointFilter(Protocol);
        uploads.MapMethods("", [HttpMethods.Options], Discover);
        uploads.MapPost("", Create).WithMetadata(new ThrottledAttribute(Throttled.UploadCreation));
        uploads.MapMethods("/{id:guid}", [HttpMethods.Head], Status);
        uploads.MapPatch("/{id:guid}", Append);
        uploads.MapDelete("/{id:guid}", Terminate);
        return app;
    }

    private static IResult Discover(HttpContext http, IOptions<UploadOptions> options)
    {
        var headers = http.Response.Headers;
        headers["Tus-Version"] = TusVersion;
        headers["Tus-Extension"] = "creation,termination,expiration";
        headers["Tus-Max-Size"] = options.Value.MaxBytes.ToString(CultureInfo.InvariantCulture);
        return Results.NoContent();
    }

    private static async Task<IResult> Create(HttpContext http, ISender sender, string district, CancellationToken ct)
    {
        var request = http.Request.Headers;
        if (request.ContainsKey("Upload-Defer-Length")) return Refuse(400, "Say how long the file is when starting the upload (Upload-Length).");
        if (!long.TryParse(request["Upload-Length"], NumberStyles.None, CultureInfo.InvariantCulture, out var length))
            return Refuse(400, "Upload-Length must be the file's length in bytes.");
        if (ParseMetadata(request["Upload-Metadata"]) is not { } metadata) return Refuse(400, "Upload-Metadata is not valid tus metadata.");
        Guid? context = null;
        if (metadata.TryGetValue("context", out var contextText) && !string.IsNullOrEmpty(contextText))
        {
            if (!Guid.TryParse(contextText, out var parsed)) return Refuse(400, "The upload's context must be an id.");
            context = parsed;
        }

        var status = await sender.Send(new CreateUpload(metadata.GetValueOrDefault("filename"), length, metadata.GetValueOrDefault("purpose") ?? "", context), ct);
        http.Response.Headers.Location = $"/{district}/uploads/{status.Id}";
        http.Response.Headers["Upload-Expires"] = HttpDate(status.ExpiresAt);
        return Results.StatusCode(StatusCodes.Status201Created);
    }

    private static async Task<IResult> Status(HttpContext http, ISender sender, string district, Guid id, CancellationToken ct)
    {
        var status = await sender.Send(new GetUploadStatus(id), ct);
        if (status.State == UploadState.Refused || status.Expired) return Results.StatusCode(StatusCodes.Status410Gone);
        var headers = http.Response.Headers;
        headers["Upload-Offset"] = status.Offset.ToString(CultureInfo.InvariantCulture);
        headers["Upload-Length"] = status.Length.ToString(CultureInfo.InvariantCulture);
        Describe(http, district, status);
        return Results.StatusCode(StatusCodes.Status200OK);
    }

    private static async Task<IResult> Append(HttpContext http, ISender sender, IOptions<UploadOptions> options, string district, Guid id, CancellationToken ct)
    {
        if (!string.Equals(http.Request.ContentType, "application/offset+octet-stream", StringComparison.OrdinalIgnoreCase))
            return Refuse(415, "Send the file's bytes as application/offset+octet-stream.");
        if (!long.TryParse(http.Request.Headers["Upload-Offset"], NumberStyles.None, CultureInfo.InvariantCulture, out var offset))
            return Refuse(400, "Upload-Offset must be the position of these bytes in the file.");

        // The body streams through to the store: lift Kestrel's 30 MB default for this request only, up to the largest file allowed.
        if (http.Features.Get<IHttpMaxRequestBodySizeFeature>() is { IsReadOnly: false } limit) limit.MaxRequestBodySize = options.Value.MaxBytes;

        var status = await sender.Send(new AppendToUpload(id, offset, http.Request.ContentLength, http.Request.Body), ct);
        http.Response.Headers["Upload-Offset"] = status.Offset.ToString(CultureInfo.InvariantCulture);
        Describe(http, district, status);
        return Results.NoContent();
    }

    private static async Task<IResult> Terminate(ISender sender, Guid id, CancellationToken ct)
    {
        await sender.Send(new CancelUpload(id), ct);
        return Results.NoContent();
    }

    private static void Describe(HttpContext http, string district, UploadStatus status)
    {
        var headers = http.Response.Headers;
        if (status.State == UploadState.Receiving) headers["Upload-Expires"] = HttpDate(status.ExpiresAt);
        if (status.FileId is { } fileId)
        {
            headers[FileIdHeader] = fileId.ToString();
            headers[FileUrlHeader] = EvidenceFileEndpoints.UrlOf(district, fileId);
        }
    }

    /// <summary>Every answer says which protocol it speaks; requests must say it too; refusals become statuses with their message.</summary>
    private static async ValueTask<object?> Protocol(EndpointFilterInvocationContext context, EndpointFilterDelegate next)
    {
        var http = context.HttpContext;
        http.Response.Headers["Tus-Resumable"] = TusVersion;
        http.Response.Headers.CacheControl = "no-store";
        // Statuses here are the protocol's answers, not pages.
        if (http.Features.Get<IStatusCodePagesFeature>() is { } pages) pages.Enabled = false;

        var method = http.Request.Method;
        if (!HttpMethods.IsOptions(method) && http.Request.Headers["Tus-Resumable"] != TusVersion)
        {
            http.Response.Headers["Tus-Version"] = TusVersion;
            return Refuse(412, "This server speaks tus 1.0.0: send Tus-Resumable: 1.0.0.");
        }
        if (HttpMethods.IsPost(method) || HttpMethods.IsPatch(method) || HttpMethods.IsDelete(method))
        {
            try
            {
                await http.RequestServices.GetRequiredService<IAntiforgery>().ValidateRequestAsync(http);
            }
            catch (AntiforgeryValidationException)
            {
                return Refuse(403, "The page's security token is missing or out of date. Reload the page, then choose the file again: the upload continues where it stopped.");
            }
        }

        try
        {
            return await next(context);
        }
        catch (UploadRefusedException refusal)
        {
            // An unread body is not worth receiving: close the connection rather than drain it.
            if (HttpMethods.IsPatch(method)) http.Response.Headers.Connection = "close";
            return Refuse(StatusFor(refusal.Problem), refusal.Message);
        }
        catch (NotFoundException)
        {
            return Refuse(404, "There is no such upload of yours in this district.");
        }
        catch (ForbiddenException forbidden)
        {
            return Refuse(403, forbidden.Message);
        }
        catch (ValidationFailedException invalid)
        {
            return Refuse(400, string.Join(" ", invalid.Errors.Select(e => e.Message)));
        }
        catch (DbUpdateConcurrencyException)
        {
            return Refuse(409, "This upload moved on meanwhile: ask where it stands (HEAD) and continue from there.");
        }
    }

    public static int StatusFor(UploadProblem problem) => problem switch
    {
        UploadProblem.NotAllowed => StatusCodes.Status403Forbidden,
        UploadProblem.Empty => StatusCodes.Status400BadRequest,
        UploadProblem.TooLarge => StatusCodes.Status413PayloadTooLarge,
        UploadProblem.WrongKind => StatusCodes.Status415UnsupportedMediaType,
        UploadProblem.OffsetMismatch => StatusCodes.Status409Conflict,
        UploadProblem.Expired or UploadProblem.Finished or UploadProblem.Lost => StatusCodes.Status410Gone,
        UploadProblem.Busy => StatusCodes.Status423Locked,
        _ => StatusCodes.Status400BadRequest,
    };

    private static IResult Refuse(int status, string message) => Results.Text(message, "text/plain; charset=utf-8", Encoding.UTF8, status);

    private static string HttpDate(DateTimeOffset at) => at.UtcDateTime.ToString("R", CultureInfo.InvariantCulture);

    /// <summary>
    /// tus metadata: comma-separated pairs of a key and an optional base64 value. Null when malformed; a missing
    /// header is empty metadata.
    /// </summary>
    public static Dictionary<string, string>? ParseMetadata(string? header)
    {
        var pairs = new Dictionary<string, string>(StringComparer.Ordinal);
        if (string.IsNullOrWhiteSpace(header)) return pairs;
        foreach (var pair in header.Split(','))
        {
            var parts = pair.Trim().Split(' ', StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length is 0 or > 2 || pairs.ContainsKey(parts[0])) return null;
            try
            {
                pairs[parts[0]] = parts.Length == 2 ? Encoding.UTF8.GetString(Convert.FromBase64String(parts[1])) : "";
            }
            catch (FormatException)
            {
                return null;
            }
        }
        return pairs;
    }
}
