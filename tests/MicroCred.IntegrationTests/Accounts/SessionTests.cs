using System.Net;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace MicroCred.IntegrationTests.Accounts;

/// <summary>Someone else holds a session of yours (a shared computer, a stolen cookie): the ways it ends.</summary>
public sealed class SessionTests(SessionTests.Fixture fixture) : IClassFixture<SessionTests.Fixture>
{
    /// <summary>The app's clock can be moved forward, so the absolute lifetime is tested without waiting.</summary>
    public sealed class Fixture : AppFixture
    {
        public MovableClock Clock { get; } = new();

        protected override void ConfigureServices(IServiceCollection services) => services.Replace(ServiceDescriptor.Singleton<TimeProvider>(Clock));
    }

    public sealed class MovableClock : TimeProvider
    {
        private TimeSpan offset;
        public override DateTimeOffset GetUtcNow() => System.GetUtcNow() + offset;
        public void Advance(TimeSpan by) => offset += by;
    }

    private async Task<HttpSession> SignedIn(string email, string password = MicroCred.Application.Seeding.DemoData.Password)
    {
        var http = new HttpSession(fixture.BaseAddress);
        await http.LogInAsync(email, password);
        await AssertSignedIn(http, true);
        return http;
    }

    private async Task AssertSignedIn(HttpSession http, bool expected)
    {
        var response = await http.GetAsync("/account/manage");
        if (expected) Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        else
        {
            Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
            Assert.Equal("/account/login", new Uri(fixture.BaseAddress, response.Headers.Location!).AbsolutePath);
        }
    }

    [Fact]
    public async Task Changing_the_password_ends_the_other_sessions_at_once_and_keeps_this_one()
    {
        using var stolen = await SignedIn("earner@shelbyville.test");
        using var owner = await SignedIn("earner@shelbyville.test");

        var changed = await owner.SubmitAsync("/account/manage/password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = MicroCred.Application.Seeding.DemoData.Password, ["Input.NewPassword"] = "lanterns over the harbour",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);

        await AssertSignedIn(stolen, false);
        await AssertSignedIn(owner, true);
    }

    [Fact]
    public async Task Signing_out_everywhere_ends_every_session_this_one_included()
    {
        using var laptop = await SignedIn("assessor@springfield.test");
        using var phone = await SignedIn("assessor@springfield.test");
        var page = await phone.PageAsync("/account/manage");
        Assert.Contains("Sign out everywhere", page.MainText());

        var response = await phone.SubmitAsync("/account/manage", new Dictionary<string, string>(), handler: "SignOutEverywhere");
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);

        await AssertSignedIn(laptop, false);
        await AssertSignedIn(phone, false);
        using var again = await SignedIn("assessor@springfield.test"); // the password still works
    }

    [Fact]
    public async Task Resetting_the_password_ends_every_session()
    {
        const string email = "developer@springfield.test";
        using var stolen = await SignedIn(email);

        using var owner = new HttpSession(fixture.BaseAddress);
        await owner.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });
        var link = Mailbox.LinkIn((await fixture.LatestTo(email)).Body);
        var code = new Uri("http://x" + link).Query.Split("code=")[1];
        var reset = await owner.SubmitAsync(link, new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Code"] = code, ["Input.Password"] = "copper kites in autumn",
        });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        await AssertSignedIn(stolen, false);
    }

    [Fact]
    public async Task An_active_session_still_ends_twelve_hours_after_sign_in()
    {
        using var http = await SignedIn("recognizer@springfield.test");
        fixture.Clock.Advance(TimeSpan.FromHours(11)); // busy all day: the sliding cookie alone would go on
        await AssertSignedIn(http, true);
        fixture.Clock.Advance(TimeSpan.FromHours(1.5));
        await AssertSignedIn(http, false);
        using var again = await SignedIn("recognizer@springfield.test");
    }
}
