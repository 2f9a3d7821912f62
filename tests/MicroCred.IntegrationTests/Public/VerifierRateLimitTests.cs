using System.Net;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;

namespace MicroCred.IntegrationTests.Public;

/// <summary>An app whose verifier allows three verifications per client per minute.</summary>
public sealed class ThreePerMinuteFixture : AppFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?> { ["Verifier:RequestsPerMinute"] = "3" };
}

public sealed class VerifierRateLimitTests(ThreePerMinuteFixture fixture) : IClassFixture<ThreePerMinuteFixture>
{
    [Fact]
    public async Task A_client_over_the_limit_gets_429_with_a_page_that_says_why_and_other_pages_still_work()
    {
        using var client = new HttpSession(fixture.BaseAddress);
        for (var i = 0; i < 3; i++) Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/verify")).StatusCode);
        var refused = await client.GetAsync("/verify");
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.Contains("Too many requests", await refused.Content.ReadAsStringAsync());
        Assert.Equal(HttpStatusCode.OK, (await client.GetAsync("/account/login")).StatusCode);
    }
}
