using System.Net;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using MicroCred.Web.Infrastructure;

namespace MicroCred.IntegrationTests.Operations;

/// <summary>
/// Low limits, and a proxy on loopback whose X-Forwarded-For gives each test its own client address (so the tests
/// do not share buckets), as a TLS proxy in front of the app would.
/// </summary>
public sealed class LowRateLimitsFixture : AppFixture
{
    protected override IDictionary<string, string?> Settings => new Dictionary<string, string?>
    {
        ["Transport:KnownProxies:0"] = "127.0.0.1",
        ["RateLimits:Login:PerIp"] = "3",
        ["RateLimits:Registration:PerIp"] = "1",
        ["RateLimits:ForgotPassword:PerIp"] = "1",
        ["RateLimits:ResendConfirmation:PerIp"] = "1",
        ["RateLimits:DistrictSignup:PerIp"] = "1",
        ["RateLimits:InvitationAcceptance:PerIp"] = "1",
        ["RateLimits:CreditRequest:PerAccount"] = "2",
        ["RateLimits:UploadCreation:PerAccount"] = "2",
        ["RateLimits:Invitation:PerAccount"] = "2",
        ["RateLimits:DataExport:PerAccount"] = "1",
    };
}

public sealed class RateLimitTests(LowRateLimitsFixture fixture) : IClassFixture<LowRateLimitsFixture>
{
    private HttpSession From(string address)
    {
        var http = new HttpSession(fixture.BaseAddress);
        http.Client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        http.Client.DefaultRequestHeaders.Add("Accept", "text/html");
        return http;
    }

    private static Dictionary<string, string> WrongPassword => new() { ["Input.Email"] = "admin@springfield.test", ["Input.Password"] = "not-the-password-1" };

    [Fact]
    public async Task Guessing_passwords_from_one_address_is_stopped_with_429_and_a_page_while_other_addresses_still_sign_in()
    {
        using var attacker = From("198.51.100.10");
        for (var i = 0; i < 3; i++)
        {
            var answered = await attacker.SubmitAsync("/account/login", WrongPassword);
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }
        var refused = await attacker.SubmitAsync("/account/login", WrongPassword);
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.True(int.Parse(refused.Headers.GetValues("Retry-After").Single()) > 0);
        var page = await HttpSession.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Equal("Too many requests", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(HttpStatusCode.OK, (await attacker.GetAsync("/account/login")).StatusCode); // reading the page is not limited

        using var colleague = From("198.51.100.11");
        await colleague.LogInAsync("earner@springfield.test");
    }

    [Fact]
    public async Task An_attacker_rotating_through_the_addresses_of_one_IPv6_network_shares_one_limit()
    {
        static Dictionary<string, string> Form() => new() { ["Input.Email"] = "victim@example.org" };
        using var first = From("2001:db8:7:1::1");
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await first.PostAsync("/account/register", Form(), token: null)).StatusCode);
        using var rotated = From("2001:db8:7:1:ffff:1234:5678:9abc");
        Assert.Equal(HttpStatusCode.TooManyRequests, (await rotated.PostAsync("/account/register", Form(), token: null)).StatusCode);

        using var neighbour = From("2001:db8:7:2::1"); // another /64: another subscriber
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await neighbour.PostAsync("/account/register", Form(), token: null)).StatusCode);
    }

    [Theory]
    [InlineData("198.51.100.20", "/account/register")]
    [InlineData("198.51.100.21", "/account/forgot-password")]
    [InlineData("198.51.100.22", "/account/resend-confirmation")]
    [InlineData("198.51.100.23", "/signup")]
    [InlineData("198.51.100.24", "/springfield/invitations/not-a-real-token?handler=Accept")]
    public async Task Each_anonymous_form_attackers_repeat_is_limited_per_address(string address, string path)
    {
        using var attacker = From(address);
        var first = await attacker.PostAsync(path, new Dictionary<string, string> { ["Input.Email"] = "victim@example.org" }, token: null);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, first.StatusCode);
        var second = await attacker.PostAsync(path, new Dictionary<string, string> { ["Input.Email"] = "victim@example.org" }, token: null);
        Assert.Equal(HttpStatusCode.TooManyRequests, second.StatusCode);

        using var someoneElse = From(address + "0");
        Assert.NotEqual(HttpStatusCode.TooManyRequests,
            (await someoneElse.PostAsync(path, new Dictionary<string, string> { ["Input.Email"] = "x@example.org" }, token: null)).StatusCode);
    }

    [Fact]
    public async Task Credit_requests_are_limited_per_account_whatever_address_they_come_from()
    {
        using var teacher = From("198.51.100.30");
        await teacher.LogInAsync("casey.nguyen@springfield.test");
        for (var i = 0; i < 2; i++)
        {
            var answered = await teacher.SubmitAsync("/state-board/request-credit", new Dictionary<string, string> { ["Input.Badge"] = "" });
            Assert.Equal(HttpStatusCode.OK, answered.StatusCode);
        }
        teacher.Client.DefaultRequestHeaders.Remove("X-Forwarded-For");
        teacher.Client.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.31"); // a new address does not reset the account's limit
        var refused = await teacher.SubmitAsync("/state-board/request-credit", new Dictionary<string, string> { ["Input.Badge"] = "" });
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);

        using var other = From("198.51.100.30"); // same address, another account: not limited by the first account's use
        await other.LogInAsync("riley.chen@springfield.test");
        Assert.Equal(HttpStatusCode.OK, (await other.SubmitAsync("/state-board/request-credit", new Dictionary<string, string> { ["Input.Badge"] = "" })).StatusCode);
    }

    [Fact]
    public async Task Upload_creation_by_a_script_is_limited_per_account_with_a_plain_sentence()
    {
        using var earner = From("198.51.100.40");
        earner.Client.DefaultRequestHeaders.Remove("Accept");
        await earner.LogInAsync("sam.ortiz@springfield.test");
        HttpResponseMessage last = null!;
        for (var i = 0; i < 3; i++)
        {
            using var create = new HttpRequestMessage(HttpMethod.Post, "/springfield/uploads");
            create.Headers.Add("Tus-Resumable", "1.0.0");
            create.Headers.Add("Upload-Length", "10");
            last = await earner.Client.SendAsync(create);
            if (i < 2) Assert.NotEqual(HttpStatusCode.TooManyRequests, last.StatusCode);
        }
        Assert.Equal(HttpStatusCode.TooManyRequests, last.StatusCode);
        Assert.Equal(RateLimits.TooManyMessage, await last.Content.ReadAsStringAsync());
    }

    [Fact]
    public async Task An_admin_cannot_turn_invitations_into_a_mail_relay_by_repeating_them()
    {
        const string invite = "/springfield/admin/members/invite-many";
        using var admin = From("198.51.100.50");
        await admin.LogInAsync("admin@springfield.test");
        var token = HttpSession.TokenOf(await admin.PageAsync(invite));
        Task<HttpResponseMessage> Invite(string email) => admin.PostAsync(invite, new Dictionary<string, string> { ["Input.Rows"] = $"{email}, Stranger, Earner" }, token);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await Invite("stranger1@example.org")).StatusCode);
        Assert.NotEqual(HttpStatusCode.TooManyRequests, (await Invite("stranger2@example.org")).StatusCode);
        admin.Client.DefaultRequestHeaders.Remove("X-Forwarded-For");
        admin.Client.DefaultRequestHeaders.Add("X-Forwarded-For", "198.51.100.51"); // a new address does not reset the account's limit
        Assert.Equal(HttpStatusCode.TooManyRequests, (await Invite("stranger3@example.org")).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await admin.GetAsync(invite)).StatusCode); // reading the page is not limited
    }

    [Fact]
    public async Task Downloading_a_persons_whole_data_again_and_again_is_limited_per_account()
    {
        using var person = From("198.51.100.60");
        await person.LogInAsync("riley.chen@springfield.test");
        var token = HttpSession.TokenOf(await person.PageAsync("/account/manage/data"));
        Task<HttpResponseMessage> Export() => person.PostAsync("/account/manage/data?handler=Download", new Dictionary<string, string>(), token);
        var first = await Export();
        Assert.Equal(HttpStatusCode.OK, first.StatusCode);
        Assert.Equal("application/zip", first.Content.Headers.ContentType?.MediaType);
        var again = await Export();
        Assert.Equal(HttpStatusCode.TooManyRequests, again.StatusCode);
        Assert.True(int.Parse(again.Headers.GetValues("Retry-After").Single()) > 0);
    }
}
