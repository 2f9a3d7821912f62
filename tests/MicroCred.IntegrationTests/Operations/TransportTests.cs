using System.Net;
using System.Xml.Linq;
using MicroCred.Application.Data;
using MicroCred.Testing;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroCred.IntegrationTests.Operations;

/// <summary>Production behind a TLS proxy on loopback (the way ProductionAppFixture configures it).</summary>
public sealed class ProductionTransportTests(ProductionAppFixture fixture) : IClassFixture<ProductionAppFixture>
{
    internal static HttpClient Client(Uri baseAddress, string? forwardedProto = "https", string? forwardedFor = null)
    {
        var http = new HttpClient(new SocketsHttpHandler { AllowAutoRedirect = false, UseCookies = false }) { BaseAddress = baseAddress };
        if (forwardedProto is not null) http.DefaultRequestHeaders.Add("X-Forwarded-Proto", forwardedProto);
        if (forwardedFor is not null) http.DefaultRequestHeaders.Add("X-Forwarded-For", forwardedFor);
        return http;
    }

    [Fact]
    public async Task Over_https_through_the_proxy_pages_carry_hsts_and_every_cookie_is_secure()
    {
        using var http = Client(fixture.BaseAddress);
        var response = await http.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("max-age=31536000", Assert.Single(response.Headers.GetValues("Strict-Transport-Security")));
        var cookies = response.Headers.GetValues("Set-Cookie").ToList();
        Assert.NotEmpty(cookies);
        Assert.All(cookies, cookie => Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task Even_a_plain_http_request_gets_only_secure_cookies_and_no_redirect_loop_when_tls_ends_at_the_proxy()
    {
        using var http = Client(fixture.BaseAddress, forwardedProto: null);
        var response = await http.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode); // the proxy redirects to HTTPS, not the app
        Assert.False(response.Headers.Contains("Strict-Transport-Security")); // HSTS only means something over HTTPS
        Assert.All(response.Headers.GetValues("Set-Cookie"), cookie => Assert.Contains("; secure", cookie, StringComparison.OrdinalIgnoreCase));
    }

    [Fact]
    public async Task New_keys_of_the_key_ring_are_stored_encrypted_and_only_the_configured_key_reads_them()
    {
        var keys = fixture.App.Services.GetRequiredService<IKeyManager>();
        var created = keys.CreateNewKey(DateTimeOffset.UtcNow, DateTimeOffset.UtcNow.AddDays(90));

        await using var scope = fixture.App.Scope();
        var stored = await scope.ServiceProvider.GetRequiredService<AppDbContext>().DataProtectionKeys
            .SingleAsync(k => k.FriendlyName == "key-" + created.KeyId.ToString());
        Assert.DoesNotContain("masterKey", stored.Xml);
        var encrypted = XElement.Parse(stored.Xml!).Descendants("encryptedKey").Single();
        Assert.Equal(fixture.App.Services.GetRequiredService<KeyRingKey>().Id, (string?)encrypted.Attribute("keyId"));

        // Read back with the configured key; refused with any other.
        var decrypted = new KeyRingDecryptor(fixture.App.Services).Decrypt(encrypted);
        Assert.Equal("masterKey", decrypted.Name.LocalName);
        var otherKey = new ServiceCollection().AddSingleton(new KeyRingKey(Convert.ToBase64String(new byte[32]))).BuildServiceProvider();
        var refused = Assert.Throws<InvalidOperationException>(() => new KeyRingDecryptor(otherKey).Decrypt(encrypted));
        Assert.Contains("another DataProtection:Key", refused.Message);
    }
}

/// <summary>Production where the app itself serves HTTPS (no proxy): plain HTTP is redirected.</summary>
public sealed class ProductionWithoutProxyTests(ProductionWithoutProxyTests.Fixture fixture) : IClassFixture<ProductionWithoutProxyTests.Fixture>
{
    public sealed class Fixture : ProductionAppFixture
    {
        protected override IDictionary<string, string?> Settings => Required(new()
        {
            ["Transport:TlsTerminatedAtProxy"] = "false",
            ["Transport:KnownProxies:0"] = null,
            ["https_port"] = "8443",
        });
    }

    [Fact]
    public async Task Plain_http_is_redirected_to_https_and_forwarded_headers_from_anyone_change_nothing()
    {
        using var http = ProductionTransportTests.Client(fixture.BaseAddress); // claims X-Forwarded-Proto: https, but no proxy is trusted
        var response = await http.GetAsync("/account/login?returnUrl=%2Fbackpack");
        Assert.Equal(HttpStatusCode.TemporaryRedirect, response.StatusCode);
        Assert.Equal("https", response.Headers.Location!.Scheme);
        Assert.Equal(8443, response.Headers.Location.Port);
        Assert.Equal("/account/login?returnUrl=%2Fbackpack", response.Headers.Location.PathAndQuery);
    }
}

/// <summary>Production behind a proxy at another address: a client on loopback cannot pretend to be that proxy.</summary>
public sealed class UntrustedProxyTests(UntrustedProxyTests.Fixture fixture) : IClassFixture<UntrustedProxyTests.Fixture>
{
    public sealed class Fixture : ProductionAppFixture
    {
        protected override IDictionary<string, string?> Settings => Required(new() { ["Transport:KnownProxies:0"] = "10.20.30.40" });
    }

    [Fact]
    public async Task Forwarded_headers_from_an_address_not_named_in_configuration_are_ignored()
    {
        using var http = ProductionTransportTests.Client(fixture.BaseAddress);
        var response = await http.GetAsync("/account/login");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.False(response.Headers.Contains("Strict-Transport-Security")); // the scheme stayed http: X-Forwarded-Proto was not believed
    }
}

/// <summary>What Production refuses to start without, or with.</summary>
public sealed class ProductionStartupTests
{
    [Theory]
    [InlineData("DataProtection:Key", null, "The data-protection key ring must be encrypted in Production")]
    [InlineData("DataProtection:Key", "c2hvcnQ=", "DataProtection:Key must hold at least 32 random bytes")]
    [InlineData("Transport:AllowPlainHttp", "true", "Production always requires HTTPS")]
    [InlineData("Transport:KnownProxies:0", "", "needs the proxy named in Transport:KnownProxies")]
    public async Task Production_refuses_to_start(string key, string? value, string message)
    {
        var database = await TestPostgres.CreateDatabaseAsync(MicroCredApp.MigrateTemplate);
        try
        {
            await using var app = new MicroCredApp(database, extra: ProductionAppFixture.Required(new() { [key] = value }), environment: "Production");
            var refused = Assert.ThrowsAny<Exception>(() => app.Start());
            Assert.Contains(message, DevToolsOutsideDevelopmentTests.Flatten(refused));
        }
        finally
        {
            await TestPostgres.DropDatabaseAsync(database);
        }
    }
}
