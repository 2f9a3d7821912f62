using System.Net;
using Microsoft.AspNetCore.HttpOverrides;

namespace MicroCred.Web.Infrastructure;

/// <summary>
/// How requests reach the app (configuration section <c>Transport</c>). Outside Development every cookie is
/// <c>Secure</c>, HTTPS responses carry HSTS and plain HTTP is redirected to HTTPS, unless TLS ends at a proxy in front of
/// the app: then the proxy's <c>X-Forwarded-Proto</c> tells the scheme. Forwarded headers (scheme and client address) are
/// believed only from the proxies named here, so nobody else can pick the address the rate limits count.
/// </summary>
public sealed class TransportOptions
{
    public const string Section = "Transport";

    /// <summary>TLS is terminated by a reverse proxy (named in <see cref="KnownProxies"/>); the app itself listens on HTTP.</summary>
    public bool TlsTerminatedAtProxy { get; set; }

    /// <summary>IP addresses of the proxies whose <c>X-Forwarded-For</c> and <c>X-Forwarded-Proto</c> are believed.</summary>
    public List<string> KnownProxies { get; set; } = [];

    /// <summary>Networks (CIDR, e.g. <c>10.0.0.0/8</c>) whose forwarded headers are believed.</summary>
    public List<string> KnownNetworks { get; set; } = [];

    /// <summary>HSTS max-age (one year by default).</summary>
    public TimeSpan HstsMaxAge { get; set; } = TimeSpan.FromDays(365);

    /// <summary>For the automated tests only (they talk plain HTTP to a loopback port): the app refuses it in Production.</summary>
    public bool AllowPlainHttp { get; set; }

    public static TransportOptions Read(IConfiguration configuration, IHostEnvironment environment)
    {
        var options = configuration.GetSection(Section).Get<TransportOptions>() ?? new TransportOptions();
        if (options.AllowPlainHttp && environment.IsProduction())
            throw new InvalidOperationException("Transport:AllowPlainHttp is for the tests; Production always requires HTTPS.");
        // TLS at a proxy whose headers nobody may send: every request would look like plain HTTP from the proxy's address.
        if (options.TlsTerminatedAtProxy && !environment.IsDevelopment() && !options.KnownProxies.Concat(options.KnownNetworks).Any(p => !string.IsNullOrWhiteSpace(p)))
            throw new InvalidOperationException("Transport:TlsTerminatedAtProxy needs the proxy named in Transport:KnownProxies (or Transport:KnownNetworks), so that only its forwarded headers are believed.");
        return options;
    }

    /// <summary>Secure cookies, HSTS and HTTPS redirection apply.</summary>
    public bool HttpsOnly(IHostEnvironment environment) => !environment.IsDevelopment() && !AllowPlainHttp;
}

public static class TransportSetup
{
    public static IServiceCollection AddTransportSecurity(this IServiceCollection services, TransportOptions transport, IHostEnvironment environment)
    {
        services.Configure<ForwardedHeadersOptions>(options =>
        {
            options.ForwardedHeaders = ForwardedHeaders.XForwardedFor | ForwardedHeaders.XForwardedProto;
            // The framework trusts loopback by default; trust exactly what the operator named instead.
            options.KnownProxies.Clear();
            options.KnownIPNetworks.Clear();
            foreach (var proxy in transport.KnownProxies.Where(p => !string.IsNullOrWhiteSpace(p)))
                options.KnownProxies.Add(IPAddress.TryParse(proxy, out var address) ? address
                    : throw new InvalidOperationException($"Transport:KnownProxies: \"{proxy}\" is not an IP address."));
            foreach (var network in transport.KnownNetworks.Where(n => !string.IsNullOrWhiteSpace(n)))
                options.KnownIPNetworks.Add(System.Net.IPNetwork.TryParse(network, out var parsed) ? parsed
                    : throw new InvalidOperationException($"Transport:KnownNetworks: \"{network}\" is not a network such as 10.0.0.0/8."));
        });
        if (!transport.HttpsOnly(environment)) return services;

        services.Configure<CookiePolicyOptions>(options => options.Secure = CookieSecurePolicy.Always);
        services.AddHsts(options =>
        {
            options.MaxAge = transport.HstsMaxAge;
            options.ExcludedHosts.Clear(); // the framework skips localhost; Production has no reason to
        });
        return services;
    }

    /// <summary>First in the pipeline: the right scheme and client address before anything reads them.</summary>
    public static WebApplication UseTransportSecurity(this WebApplication app, TransportOptions transport)
    {
        // With no proxy named, the middleware would believe anyone (its empty lists mean "all"): leave it out.
        if (transport.KnownProxies.Concat(transport.KnownNetworks).Any(p => !string.IsNullOrWhiteSpace(p))) app.UseForwardedHeaders();
        if (!transport.HttpsOnly(app.Environment)) return app;
        app.UseCookiePolicy();
        app.UseHsts();
        if (!transport.TlsTerminatedAtProxy) app.UseHttpsRedirection();
        return app;
    }
}
