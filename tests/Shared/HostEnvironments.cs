using System.Net;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;

namespace MicroCred.Testing;

/// <summary>
/// Makes the app see every request as coming from another machine, as if the test client were on the internet
/// (the tests themselves always connect over loopback). Runs before the app's own middleware.
/// </summary>
public sealed class RemoteClient(IPAddress address) : IStartupFilter
{
    public static readonly IPAddress Internet = IPAddress.Parse("203.0.113.7");

    public static void Pretend(IServiceCollection services, IPAddress? address = null) =>
        services.AddSingleton<IStartupFilter>(new RemoteClient(address ?? Internet));

    public Action<IApplicationBuilder> Configure(Action<IApplicationBuilder> next) => app =>
    {
        app.Use((http, nextMiddleware) =>
        {
            http.Connection.RemoteIpAddress = address;
            return nextMiddleware(http);
        });
        next(app);
    };
}

/// <summary>A class's app in the Development environment (the dev tools exist, for loopback requests).</summary>
public class DevelopmentAppFixture : AppFixture
{
    protected override string Environment => "Development";
}

/// <summary>
/// A class's app in the Production environment, configured the way docs/security.md asks an operator to.
/// </summary>
public class ProductionAppFixture : AppFixture
{
    protected override string Environment => "Production";

    protected override IDictionary<string, string?> Settings => Required(new());

    /// <summary>A key-ring key for this test process (any 32 random bytes).</summary>
    public static readonly string KeyRingKey = Convert.ToBase64String(System.Security.Cryptography.RandomNumberGenerator.GetBytes(32));

    /// <summary>
    /// What Production needs to start (a key-ring key; TLS ending at a proxy on loopback, whose
    /// <c>X-Forwarded-Proto: https</c> the tests send), plus <paramref name="extra"/>.
    /// </summary>
    public static Dictionary<string, string?> Required(Dictionary<string, string?> extra)
    {
        var settings = new Dictionary<string, string?>
        {
            ["DataProtection:Key"] = KeyRingKey,
            ["Transport:TlsTerminatedAtProxy"] = "true",
            ["Transport:KnownProxies:0"] = "127.0.0.1",
        };
        foreach (var (key, value) in extra) settings[key] = value;
        return settings;
    }
}
