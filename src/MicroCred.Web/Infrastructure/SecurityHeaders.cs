namespace MicroCred.Web.Infrastructure;

/// <summary>Headers on every response: a strict CSP (no inline script or style), no sniffing, no framing.</summary>
public sealed class SecurityHeadersMiddleware(RequestDelegate next)
{
    public const string ContentSecurityPolicy =
        "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; media-src 'self' blob:; " +
        "font-src 'self'; connect-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; frame-ancestors 'none'";

    /// <summary>Set in <c>HttpContext.Items</c> by an endpoint that sets Content-Security-Policy and X-Frame-Options itself.</summary>
    public const string OwnFramingPolicy = "SecurityHeaders.OwnFramingPolicy";

    public Task InvokeAsync(HttpContext http)
    {
        http.Response.OnStarting(() =>
        {
            var headers = http.Response.Headers;
            // Evidence files set their own framing rules (PDF previews in our pages); an endpoint may also set a
            // stricter policy of its own (badge SVGs: no scripts, no fetches at all).
            if (!http.Items.ContainsKey(OwnFramingPolicy))
            {
                if (string.IsNullOrEmpty(headers.ContentSecurityPolicy)) headers.ContentSecurityPolicy = ContentSecurityPolicy;
                headers.XFrameOptions = "DENY";
            }
            headers.XContentTypeOptions = "nosniff";
            headers["Referrer-Policy"] = "strict-origin-when-cross-origin";
            headers["Permissions-Policy"] = "camera=(), microphone=(), geolocation=()";
            headers["Cross-Origin-Opener-Policy"] = "same-origin";
            return Task.CompletedTask;
        });
        return next(http);
    }
}
