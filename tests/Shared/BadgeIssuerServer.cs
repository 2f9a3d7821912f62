using System.Collections.Concurrent;
using System.Net;
using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MicroCred.OpenBadges;
using MicroCred.OpenBadges.Baking;
using MicroCred.OpenBadges.Documents;
using MicroCred.OpenBadges.Signing;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace MicroCred.Testing;

/// <summary>
/// Another Open Badges issuer, on 127.0.0.1 and a free port, for verifier tests: the 1EdTech fixture
/// documents rewritten to this origin under <c>/example/</c>, and an issuer of its own built with the
/// library (hosted, revoked, expired and misplaced assertions, signed badges, baked images). Anything else
/// can be served through <see cref="Handle"/>. Every request path is recorded.
/// </summary>
public sealed class BadgeIssuerServer : IAsyncLifetime
{
    public const string Email = "teacher@capital-city.test";
    public const string FixtureEmail = "nobody@example.org";
    public const string RevocationReason = "Awarded in error: the evidence belonged to someone else.";
    public const string SignedRevocationReason = "The signed badge was issued twice.";

    /// <summary>A 1×1 PNG (the well-known smallest RGBA image).</summary>
    public static readonly byte[] Png = Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    public static readonly byte[] Svg = Encoding.UTF8.GetBytes(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"64\" height=\"64\" viewBox=\"0 0 64 64\"><circle cx=\"32\" cy=\"32\" r=\"30\" fill=\"#1f5f8b\"/></svg>");

    private readonly ConcurrentDictionary<string, RequestDelegate> routes = new(StringComparer.Ordinal);
    private WebApplication? app;

    public Uri Origin { get; private set; } = default!;
    public ConcurrentQueue<string> Requests { get; } = new();
    public RSA Key { get; } = RSA.Create(2048);
    public DateTimeOffset Now { get; } = DateTimeOffset.UtcNow;

    public string Url(string path) => new Uri(Origin, path.TrimStart('/')).ToString();

    public string IssuerUrl => Url("issuers/capital-city");
    public string BadgeClassUrl => Url("badges/formative-assessment");
    public string BadgeImageUrl => Url("badges/formative-assessment/image.png");
    public string KeyUrl => Url("keys/1");
    public string RevocationListUrl => Url("issuers/capital-city/revocations");

    public string ValidUrl => Url("assertions/valid");
    public string RevokedUrl => Url("assertions/revoked");
    public string ExpiredUrl => Url("assertions/expired");
    /// <summary>Serves an assertion whose id is <see cref="ElsewhereUrl"/>, which answers 404.</summary>
    public string MisplacedUrl => Url("assertions/misplaced");
    public string ElsewhereUrl => Url("assertions/elsewhere");
    /// <summary>The 1EdTech example assertion, its badge class and issuer rewritten to this server.</summary>
    public string FixtureAssertionUrl => Url("example/beths-robotics-badge.json");

    public string ValidJws { get; private set; } = "";
    public string TamperedJws { get; private set; } = "";
    public string RevokedJws { get; private set; } = "";
    public byte[] BakedPng { get; private set; } = [];
    public byte[] TamperedPng { get; private set; } = [];
    public byte[] BakedSvg { get; private set; } = [];
    public byte[] SignedPng { get; private set; } = [];

    public async ValueTask InitializeAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.WebHost.UseKestrel(options => options.Listen(IPAddress.Loopback, 0));
        builder.Logging.ClearProviders();
        app = builder.Build();
        app.Run(async http =>
        {
            var path = http.Request.Path.Value ?? "/";
            Requests.Enqueue(path);
            if (routes.TryGetValue(path, out var route)) await route(http);
            else http.Response.StatusCode = StatusCodes.Status404NotFound;
        });
        await app.StartAsync();
        var address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        Origin = new Uri(address.EndsWith('/') ? address : address + "/");
        PublishFixtures();
        PublishIssuer();
    }

    /// <summary>Serves anything at <paramref name="path"/> (a path on this server, starting with /).</summary>
    public void Handle(string path, RequestDelegate handler) => routes[path] = handler;

    public void Serve(string path, byte[] body, string contentType, int status = 200) => Handle(path, async http =>
    {
        http.Response.StatusCode = status;
        http.Response.ContentType = contentType;
        http.Response.ContentLength = body.Length;
        await http.Response.Body.WriteAsync(body);
    });

    public void Serve(string url, JsonNode document, int status = 200) =>
        Serve(new Uri(url).AbsolutePath, Encoding.UTF8.GetBytes(BadgeJson.Serialize(document)), "application/ld+json", status);

    public int RequestCount(string url)
    {
        var path = new Uri(url).AbsolutePath;
        return Requests.Count(p => p == path);
    }

    private void PublishFixtures()
    {
        var example = Url("example/");
        foreach (var name in new[] { "basic-assertion.json", "robotics-badge.json", "organization.json" })
        {
            var text = File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "openbadges", name))
                .Replace("https://example.org/", example, StringComparison.Ordinal)
                .Replace("http://example.org/", example, StringComparison.Ordinal);
            var served = name == "basic-assertion.json" ? "beths-robotics-badge.json" : name;
            Serve("/example/" + served, Encoding.UTF8.GetBytes(text), "application/ld+json");
        }
        Serve("/example/robotics-badge.png", Png, "image/png");
    }

    private void PublishIssuer()
    {
        var revokedSignedId = "urn:uuid:" + Guid.NewGuid();
        Serve(IssuerUrl, new IssuerProfile
        {
            Id = IssuerUrl,
            Name = "Capital City Teacher Academy",
            Url = Url("/"),
            Email = "badges@capital-city.test",
            PublicKeys = [KeyUrl],
            RevocationList = RevocationListUrl,
        }.ToJson());
        Serve(BadgeClassUrl, new BadgeClassDocument
        {
            Id = BadgeClassUrl,
            Name = "Formative Assessment",
            Description = "Uses formative assessment to adjust instruction.",
            Image = BadgeImageUrl,
            Criteria = new BadgeCriteria(null, "Submit three lesson artefacts with reflections."),
            Issuer = IssuerUrl,
        }.ToJson());
        Serve(new Uri(BadgeImageUrl).AbsolutePath, Png, "image/png");
        Serve(KeyUrl, new CryptographicKeyDocument(KeyUrl, IssuerUrl, PublicKeyPem.Export(Key)).ToJson());
        Serve(RevocationListUrl, new RevocationListDocument(RevocationListUrl, IssuerUrl, [new RevokedAssertion(revokedSignedId, SignedRevocationReason)]).ToJson());

        var valid = Hosted(ValidUrl);
        Serve(ValidUrl, valid.ToJson());
        Serve(RevokedUrl, (Hosted(RevokedUrl) with { Revoked = true, RevocationReason = RevocationReason }).ToJson(), status: 410);
        Serve(ExpiredUrl, (Hosted(ExpiredUrl) with { IssuedOn = Now.AddDays(-400), Expires = Now.AddDays(-35) }).ToJson());
        Serve(MisplacedUrl, Hosted(ElsewhereUrl).ToJson());

        ValidJws = SignedBadge.Sign(Signed("urn:uuid:" + Guid.NewGuid()).ToJson(), Key);
        RevokedJws = SignedBadge.Sign(Signed(revokedSignedId).ToJson(), Key);
        // Someone changes the recipient of a genuine signed badge and keeps its signature.
        var parts = ValidJws.Split('.');
        var payload = JsonNode.Parse(Encoding.UTF8.GetString(Base64Url(parts[1])))!.AsObject();
        payload["recipient"] = Recipient.HashedEmail("impostor@example.test", Recipient.NewSalt()).ToJson();
        TamperedJws = $"{parts[0]}.{CompactJws.Encode(Encoding.UTF8.GetBytes(payload.ToJsonString()))}.{parts[2]}";

        var validJson = BadgeJson.Serialize(valid.ToJson());
        BakedPng = PngBadge.Bake(Png, validJson);
        BakedSvg = SvgBadge.BakeHosted(Svg, ValidUrl, validJson);
        SignedPng = PngBadge.Bake(Png, ValidJws);
        // Someone bakes the genuine assertion's URL with their own email into an image.
        var altered = (valid with { Recipient = Recipient.HashedEmail("impostor@example.test", Recipient.NewSalt()) }).ToJson();
        TamperedPng = PngBadge.Bake(Png, BadgeJson.Serialize(altered));
    }

    private AssertionDocument Hosted(string id) => new()
    {
        Id = id,
        Recipient = Recipient.HashedEmail(Email, Recipient.NewSalt()),
        Badge = BadgeClassUrl,
        Verification = AssertionVerification.Hosted,
        IssuedOn = Now.AddDays(-30),
    };

    private AssertionDocument Signed(string id) => new()
    {
        Id = id,
        Recipient = Recipient.HashedEmail(Email, Recipient.NewSalt()),
        Badge = BadgeClassUrl,
        Verification = AssertionVerification.SignedBy(KeyUrl),
        IssuedOn = Now.AddDays(-30),
    };

    private static byte[] Base64Url(string text) => System.Buffers.Text.Base64Url.DecodeFromChars(text);

    public async ValueTask DisposeAsync()
    {
        if (app is not null) await app.DisposeAsync();
        Key.Dispose();
    }
}

/// <summary>The app with the verifier allowed onto loopback, so it can reach a <see cref="BadgeIssuerServer"/>.</summary>
public sealed class VerifierAppFixture : AppFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Verifier:AllowPrivateNetworks"] = "true",
    };
}
