using MicroCred.Application.Common;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace MicroCred.Web.Infrastructure;

/// <summary>
/// Absolute links on the public base URL: <c>App:PublicBaseUrl</c> when configured, otherwise the address
/// the app is served on (so <c>PORT=5191 ./run.sh</c> links to http://localhost:5191).
/// </summary>
public sealed class WebLinks(IConfiguration configuration, IServer server) : ILinkBuilder
{
    private Uri? baseUrl;

    public Uri BaseUrl => baseUrl ??= Resolve();

    public string Absolute(string path) => new Uri(BaseUrl, path.TrimStart('/')).ToString();

    private Uri Resolve()
    {
        if (configuration["App:PublicBaseUrl"] is { Length: > 0 } configured) return WithSlash(configured);
        var address = server.Features.Get<IServerAddressesFeature>()?.Addresses
            .OrderBy(a => a.StartsWith("https", StringComparison.Ordinal) ? 1 : 0).FirstOrDefault()
            ?? throw new InvalidOperationException("The server has no address yet; set App:PublicBaseUrl.");
        var uri = new UriBuilder(address.Replace("://+", "://localhost").Replace("://*", "://localhost"));
        if (uri.Host is "0.0.0.0" or "[::]" or "::") uri.Host = "localhost";
        return WithSlash(uri.Uri.GetLeftPart(UriPartial.Authority));
    }

    private static Uri WithSlash(string url) => new(url.EndsWith('/') ? url : url + "/");
}

public static class DistrictRouteExtensions
{
    /// <summary>
    /// The district of the current page, for links to another district page (<c>asp-route-district</c>): routing
    /// does not carry the first route value over to a different page by itself.
    /// </summary>
    public static string? Slug(this Microsoft.AspNetCore.Mvc.Rendering.ViewContext context) => context.RouteData.Values["district"] as string;
}
