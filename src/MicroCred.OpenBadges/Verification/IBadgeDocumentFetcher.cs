namespace MicroCred.OpenBadges.Verification;

/// <summary>Which Badge Object the verifier is about to fetch (lets the app pick Accept headers, logging, limits).</summary>
public enum BadgeDocumentKind
{
    Assertion,
    BadgeClass,
    Issuer,
    CryptographicKey,
    RevocationList,
    /// <summary>The baked image a signed assertion names (<c>image</c>), read for the signed badge it carries.</summary>
    BakedImage,
}

/// <summary>
/// Fetches Badge Objects for <see cref="BadgeVerifier"/>. The library has no HTTP policy of its own: the
/// app's implementation decides timeouts, size limits, redirect limits and which addresses may be
/// reached. The verifier only ever asks for absolute http/https URLs.
/// </summary>
public interface IBadgeDocumentFetcher
{
    /// <summary>
    /// GETs <paramref name="url"/> (asking for <c>application/ld+json, application/json</c>), following
    /// redirects, and returns the final response whatever its status code. A transport failure (timeout,
    /// refused or blocked address, body too large) is returned as <see cref="FetchedDocument.Failed"/>;
    /// exceptions are also caught and reported, except cancellation through <paramref name="ct"/>.
    /// </summary>
    Task<FetchedDocument> FetchAsync(Uri url, BadgeDocumentKind kind, CancellationToken ct);
}

/// <summary>The outcome of one fetch.</summary>
public sealed record FetchedDocument
{
    /// <summary>The URL of the response after redirects (the requested URL when there were none).</summary>
    public required Uri FinalUrl { get; init; }
    /// <summary>The HTTP status code; 0 when there was no response.</summary>
    public int StatusCode { get; init; }
    public string? ContentType { get; init; }
    public byte[] Body { get; init; } = [];
    /// <summary>Why there is no response (timeout, blocked address, too large…); null when there is one.</summary>
    public string? Error { get; init; }

    public static FetchedDocument Response(Uri finalUrl, int statusCode, string? contentType, byte[] body) =>
        new() { FinalUrl = finalUrl, StatusCode = statusCode, ContentType = contentType, Body = body };

    public static FetchedDocument Failed(Uri url, string error) => new() { FinalUrl = url, Error = error };
}
