using System.Text;
using System.Text.Json.Nodes;
using MicroCred.OpenBadges;
using MicroCred.OpenBadges.Verification;

namespace MicroCred.UnitTests.OpenBadges;

/// <summary>An in-memory web of Badge Objects: unknown URLs answer 404.</summary>
internal sealed class FakeFetcher : IBadgeDocumentFetcher
{
    private readonly Dictionary<string, Func<Uri, FetchedDocument>> routes = new(StringComparer.Ordinal);

    public List<(Uri Url, BadgeDocumentKind Kind)> Requests { get; } = [];

    /// <summary>Serves the 1EdTech hosted assertion, its badge class and issuer at their example.org ids.</summary>
    public static FakeFetcher WithHostedFixtures() => new FakeFetcher()
        .Serve(Fixtures.AssertionUrl, Fixtures.BasicAssertion)
        .Serve(Fixtures.BadgeUrl, Fixtures.RoboticsBadge)
        .Serve(Fixtures.IssuerUrl, Fixtures.Organization);

    public FakeFetcher Serve(string url, JsonNode json, int status = 200, string? finalUrl = null, string? contentType = "application/ld+json") =>
        ServeBytes(url, Encoding.UTF8.GetBytes(BadgeJson.Serialize(json)), status, finalUrl, contentType);

    public FakeFetcher ServeBytes(string url, byte[] body, int status = 200, string? finalUrl = null, string? contentType = "application/ld+json")
    {
        routes[url] = _ => FetchedDocument.Response(new Uri(finalUrl ?? url), status, contentType, body);
        return this;
    }

    public FakeFetcher Refuse(string url, string error)
    {
        routes[url] = u => FetchedDocument.Failed(u, error);
        return this;
    }

    public FakeFetcher Throw(string url, Exception exception)
    {
        routes[url] = _ => throw exception;
        return this;
    }

    public Task<FetchedDocument> FetchAsync(Uri url, BadgeDocumentKind kind, CancellationToken ct)
    {
        Requests.Add((url, kind));
        return Task.FromResult(routes.TryGetValue(url.OriginalString, out var route)
            ? route(url)
            : FetchedDocument.Response(url, 404, "text/html", "<h1>Not found</h1>"u8.ToArray()));
    }
}

internal sealed class FixedClock(DateTimeOffset now) : TimeProvider
{
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 15, 0, TimeSpan.Zero);

    public FixedClock() : this(Now) { }

    public override DateTimeOffset GetUtcNow() => now;
}

internal static class ReportAssertions
{
    public static VerificationCheck Outcome(this VerificationReport report, string name, CheckOutcome expected)
    {
        var check = report.Check(name);
        Assert.True(check is not null, $"No '{name}' check. Checks: {Describe(report)}");
        Assert.True(check.Outcome == expected, $"'{name}' was {check.Outcome}, expected {expected}: {check.Message}\nAll checks: {Describe(report)}");
        return check;
    }

    public static void NoFailures(this VerificationReport report) =>
        Assert.True(report.Checks.All(c => c.Outcome != CheckOutcome.Failed), Describe(report));

    public static string Describe(VerificationReport report) =>
        string.Join("\n", report.Checks.Select(c => $"  {c.Outcome,-8} {c.Name}: {c.Message}"));
}
