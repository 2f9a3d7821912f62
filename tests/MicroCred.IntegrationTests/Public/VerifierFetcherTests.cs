using System.Diagnostics;
using MicroCred.Application.Features.Public;
using MicroCred.OpenBadges.Verification;
using MicroCred.Testing;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.Logging.Abstractions;

namespace MicroCred.IntegrationTests.Public;

/// <summary>
/// The verifier's HTTP client on its own, against a local server: where it refuses to go, how it follows
/// redirects, and that slow or huge answers cannot hang it or exhaust its memory.
/// </summary>
public sealed class VerifierFetcherTests(BadgeIssuerServer server) : IClassFixture<BadgeIssuerServer>
{
    private static SafeBadgeFetcher Fetcher(bool allowPrivate = false, double documentSeconds = 10, int maxRedirects = 5) =>
        SafeBadgeFetcher.Create(new VerifierOptions
        {
            AllowPrivateNetworks = allowPrivate,
            DocumentTimeout = TimeSpan.FromSeconds(documentSeconds),
            MaxRedirects = maxRedirects,
        }, NullLogger<SafeBadgeFetcher>.Instance);

    private static CancellationToken Ct => TestContext.Current.CancellationToken;

    [Theory]
    [InlineData("http://10.0.0.1/", "a private network (10.0.0.1)")]
    [InlineData("http://192.168.1.20/badge.json", "a private network (192.168.1.20)")]
    [InlineData("http://172.20.0.5/", "a private network (172.20.0.5)")]
    [InlineData("http://[::1]/", "loopback network (::1)")]
    [InlineData("http://169.254.169.254/latest/meta-data", "a link-local address (169.254.169.254)")]
    [InlineData("http://100.64.0.1/", "carrier-grade NAT")]
    [InlineData("http://[fd12:3456::1]/", "unique-local")]
    [InlineData("http://[fe80::1]/", "a link-local address")]
    [InlineData("http://[::ffff:10.1.2.3]/", "a private network")]
    [InlineData("http://[::ffff:127.0.0.1]/", "loopback network")]
    [InlineData("http://0.0.0.0/", "unspecified")]
    [InlineData("http://224.0.0.1/", "multicast")]
    [InlineData("http://192.0.2.10/", "reserved")]
    public async Task Private_loopback_link_local_and_other_non_public_addresses_are_refused_by_default(string url, string expected)
    {
        var fetched = await Fetcher().FetchAsync(new Uri(url), BadgeDocumentKind.Assertion, Ct);

        Assert.Equal(0, fetched.StatusCode);
        Assert.NotNull(fetched.Error);
        Assert.StartsWith("the address resolves to", fetched.Error, StringComparison.Ordinal);
        Assert.Contains(expected, fetched.Error, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_listening_local_server_is_not_contacted_by_default_whether_named_by_address_or_by_localhost()
    {
        var before = server.RequestCount(server.ValidUrl);
        var byAddress = await Fetcher().FetchAsync(new Uri(server.ValidUrl), BadgeDocumentKind.Assertion, Ct);
        var byName = await Fetcher().FetchAsync(new Uri($"http://localhost:{server.Origin.Port}/assertions/valid"), BadgeDocumentKind.Assertion, Ct);

        Assert.Contains("the address resolves to the server's own loopback network (127.0.0.1)", byAddress.Error);
        Assert.Contains("loopback network", byName.Error);
        Assert.Equal(before, server.RequestCount(server.ValidUrl)); // refused before connecting, not after

        var allowed = await Fetcher(allowPrivate: true).FetchAsync(new Uri(server.ValidUrl), BadgeDocumentKind.Assertion, Ct);
        Assert.Null(allowed.Error);
        Assert.Equal(200, allowed.StatusCode);
        Assert.Equal(before + 1, server.RequestCount(server.ValidUrl));
    }

    [Fact]
    public async Task Even_when_private_networks_are_allowed_a_redirect_is_checked_again_at_every_hop()
    {
        // 0.0.0.0 reaches this machine on Linux; it is never allowed, whatever the configuration.
        server.Handle("/redirect/to-unspecified", http =>
        {
            http.Response.Redirect($"http://0.0.0.0:{server.Origin.Port}/assertions/valid");
            return Task.CompletedTask;
        });
        var before = server.RequestCount(server.ValidUrl);

        var fetched = await Fetcher(allowPrivate: true).FetchAsync(new Uri(server.Url("redirect/to-unspecified")), BadgeDocumentKind.Assertion, Ct);

        Assert.Contains("an unspecified or broadcast address (0.0.0.0)", fetched.Error);
        Assert.Equal(before, server.RequestCount(server.ValidUrl));
    }

    [Fact]
    public async Task Redirects_are_followed_to_the_final_url_up_to_the_limit_and_only_to_http()
    {
        for (var i = 1; i <= 4; i++)
        {
            var next = i == 4 ? "/assertions/valid" : $"/hop/{i + 1}";
            server.Handle($"/hop/{i}", http =>
            {
                http.Response.StatusCode = StatusCodes.Status307TemporaryRedirect;
                http.Response.Headers.Location = next; // relative, resolved against the hop
                return Task.CompletedTask;
            });
        }
        server.Handle("/redirect/ftp", http =>
        {
            http.Response.Redirect("ftp://example.org/badge.json");
            return Task.CompletedTask;
        });

        var followed = await Fetcher(allowPrivate: true).FetchAsync(new Uri(server.Url("hop/1")), BadgeDocumentKind.Assertion, Ct);
        Assert.Equal(200, followed.StatusCode);
        Assert.Equal(server.ValidUrl, followed.FinalUrl.AbsoluteUri);

        var tooMany = await Fetcher(allowPrivate: true, maxRedirects: 3).FetchAsync(new Uri(server.Url("hop/1")), BadgeDocumentKind.Assertion, Ct);
        Assert.Equal("the server redirected more than 3 times.", tooMany.Error);

        var ftp = await Fetcher(allowPrivate: true).FetchAsync(new Uri(server.Url("redirect/ftp")), BadgeDocumentKind.Assertion, Ct);
        Assert.Equal("ftp://example.org/badge.json is not an http or https address.", ftp.Error);
    }

    [Fact]
    public async Task Requests_ask_for_json_ld_first_and_name_MicroCred()
    {
        string? accept = null, agent = null;
        server.Handle("/headers", http =>
        {
            accept = http.Request.Headers.Accept;
            agent = http.Request.Headers.UserAgent;
            return Task.CompletedTask;
        });

        await Fetcher(allowPrivate: true).FetchAsync(new Uri(server.Url("headers")), BadgeDocumentKind.Issuer, Ct);

        Assert.StartsWith("application/ld+json, application/json", accept);
        Assert.Contains("MicroCred", agent);
    }

    [Fact]
    public async Task A_server_that_never_answers_is_cut_off_at_the_document_timeout()
    {
        server.Handle("/never", http => Task.Delay(Timeout.Infinite, http.RequestAborted));
        var fetcher = Fetcher(allowPrivate: true, documentSeconds: 1);

        var clock = Stopwatch.StartNew();
        var fetched = await fetcher.FetchAsync(new Uri(server.Url("never")), BadgeDocumentKind.Assertion, Ct);
        clock.Stop();

        Assert.Equal("the server did not answer within 1 s.", fetched.Error);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(3));
        TestContext.Current.SendDiagnosticMessage($"never-answering server cut off after {clock.Elapsed.TotalSeconds:0.00} s");
    }

    [Fact]
    public async Task A_body_that_trickles_in_forever_is_cut_off_at_the_same_timeout()
    {
        server.Handle("/trickle", async http =>
        {
            http.Response.ContentType = "application/ld+json";
            await http.Response.WriteAsync("{\"id\": \"", http.RequestAborted);
            while (!http.RequestAborted.IsCancellationRequested)
            {
                await http.Response.WriteAsync("a", http.RequestAborted);
                await http.Response.Body.FlushAsync(http.RequestAborted);
                await Task.Delay(100, http.RequestAborted);
            }
        });
        var fetcher = Fetcher(allowPrivate: true, documentSeconds: 1);

        var clock = Stopwatch.StartNew();
        var fetched = await fetcher.FetchAsync(new Uri(server.Url("trickle")), BadgeDocumentKind.Assertion, Ct);
        clock.Stop();

        Assert.Equal("the server did not answer within 1 s.", fetched.Error);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(0.9), TimeSpan.FromSeconds(3));
    }

    [Fact]
    public async Task A_declared_oversized_body_is_refused_from_its_headers()
    {
        var sent = 0L;
        server.Handle("/declared-huge", async http =>
        {
            http.Response.ContentType = "application/ld+json";
            http.Response.ContentLength = 200L * 1024 * 1024;
            var chunk = new byte[64 * 1024];
            while (!http.RequestAborted.IsCancellationRequested && sent < http.Response.ContentLength)
            {
                await http.Response.Body.WriteAsync(chunk, http.RequestAborted);
                sent += chunk.Length;
            }
        });

        var fetched = await Fetcher(allowPrivate: true).FetchAsync(new Uri(server.Url("declared-huge")), BadgeDocumentKind.BadgeClass, Ct);

        Assert.Equal("the response is larger than 1 MB.", fetched.Error);
    }

    [Fact]
    public async Task A_badge_s_fetches_share_one_time_budget()
    {
        server.Handle("/slow", http => Task.Delay(Timeout.Infinite, http.RequestAborted));
        var budget = new BudgetedFetcher(Fetcher(allowPrivate: true, documentSeconds: 1), TimeSpan.FromSeconds(1.5));
        var url = new Uri(server.Url("slow"));

        var clock = Stopwatch.StartNew();
        var first = await budget.FetchAsync(url, BadgeDocumentKind.Assertion, Ct);
        var second = await budget.FetchAsync(url, BadgeDocumentKind.BadgeClass, Ct);
        var third = await budget.FetchAsync(url, BadgeDocumentKind.Issuer, Ct);
        clock.Stop();

        Assert.Equal("the server did not answer within 1 s.", first.Error);
        Assert.Equal("this badge's verification used up its 1.5 s in total, so nothing more was fetched.", second.Error);
        Assert.Equal(second.Error, third.Error);
        Assert.InRange(clock.Elapsed, TimeSpan.FromSeconds(1.4), TimeSpan.FromSeconds(3));
    }
}

[CollectionDefinition(nameof(MemoryMeasurements), DisableParallelization = true)]
public sealed class MemoryMeasurements;

/// <summary>Runs alone, so the process's allocation counter measures this test and nothing else.</summary>
[Collection(nameof(MemoryMeasurements))]
public sealed class VerifierHugeResponseTests(BadgeIssuerServer server) : IClassFixture<BadgeIssuerServer>
{
    private const long Streamed = 200L * 1024 * 1024;

    [Fact]
    public async Task A_huge_streamed_response_is_cut_off_at_the_size_limit_without_buffering_it()
    {
        var chunk = new byte[64 * 1024];
        Array.Fill(chunk, (byte)' ');
        server.Handle("/huge", async http =>
        {
            http.Response.ContentType = "application/ld+json"; // no Content-Length: chunked, so only reading tells
            try
            {
                for (var sent = 0L; sent < Streamed && !http.RequestAborted.IsCancellationRequested; sent += chunk.Length)
                    await http.Response.Body.WriteAsync(chunk, http.RequestAborted);
            }
            catch (OperationCanceledException) { }
            catch (IOException) { }
        });
        var fetcher = SafeBadgeFetcher.Create(new VerifierOptions { AllowPrivateNetworks = true }, NullLogger<SafeBadgeFetcher>.Instance);
        var url = new Uri(server.Url("huge"));
        await fetcher.FetchAsync(new Uri(server.ValidUrl), BadgeDocumentKind.Assertion, TestContext.Current.CancellationToken); // warm up the connection pool and JIT

        GC.Collect();
        GC.WaitForPendingFinalizers();
        var heapBefore = GC.GetTotalMemory(forceFullCollection: true);
        var allocatedBefore = GC.GetTotalAllocatedBytes(precise: true);
        var clock = Stopwatch.StartNew();
        var fetched = await fetcher.FetchAsync(url, BadgeDocumentKind.Assertion, TestContext.Current.CancellationToken);
        clock.Stop();
        var allocated = GC.GetTotalAllocatedBytes(precise: true) - allocatedBefore;
        var heapGrowth = GC.GetTotalMemory(forceFullCollection: false) - heapBefore;

        Assert.Equal("the response is larger than 1 MB.", fetched.Error);
        Assert.Empty(fetched.Body);
        Assert.True(allocated < 24L * 1024 * 1024, $"allocated {allocated / 1024 / 1024} MiB while reading a {Streamed / 1024 / 1024} MiB response");
        Assert.True(heapGrowth < 8L * 1024 * 1024, $"the managed heap grew by {heapGrowth / 1024 / 1024} MiB");
        Assert.True(clock.Elapsed < TimeSpan.FromSeconds(5), $"took {clock.Elapsed}");
        TestContext.Current.SendDiagnosticMessage(
            $"huge response: cut off after {clock.Elapsed.TotalMilliseconds:0} ms; allocated {allocated / 1024.0 / 1024:0.0} MiB, heap grew {heapGrowth / 1024.0 / 1024:0.0} MiB");
    }
}
