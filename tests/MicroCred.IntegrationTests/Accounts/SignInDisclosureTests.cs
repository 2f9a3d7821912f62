using System.Diagnostics;
using System.Net;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Accounts;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using MicroCred.Web.Pages.Account;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.IntegrationTests.Accounts;

/// <summary>An attacker probing which emails have accounts, which are locked, and trying the passwords everyone tries.</summary>
public sealed class SignInDisclosureTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static Dictionary<string, string> Login(string email, string password) => new() { ["Input.Email"] = email, ["Input.Password"] = password };

    private async Task<(IReadOnlyList<string> Errors, TimeSpan Took)> TryLogIn(HttpSession http, string email, string password)
    {
        var page = await http.PageAsync("/account/login");
        var watch = Stopwatch.StartNew();
        var response = await http.PostAsync("/account/login", Login(email, password), HttpSession.TokenOf(page));
        watch.Stop();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return ((await HttpSession.Parse(await response.Content.ReadAsStringAsync())).Errors(), watch.Elapsed);
    }

    [Fact]
    public async Task An_unknown_email_a_wrong_password_and_a_locked_account_get_the_same_answer_in_about_the_same_time()
    {
        using var http = new HttpSession(fixture.BaseAddress);
        // Lock one account first (5 wrong passwords).
        for (var i = 0; i < 5; i++) await TryLogIn(http, "recognizer@shelbyville.test", "wrong password " + i);

        var unknown = new List<TimeSpan>();
        var wrong = new List<TimeSpan>();
        var locked = new List<TimeSpan>();
        IReadOnlyList<string>? first = null;
        for (var i = 0; i < 4; i++) // fewer than the 5 that would lock the second account
        {
            foreach (var (email, password, times) in new[]
                     {
                         ($"nobody-{i}@example.org", "some password here", unknown),
                         ("developer@shelbyville.test", "wrong password " + i, wrong),
                         ("recognizer@shelbyville.test", MicroCred.Application.Seeding.DemoData.Password, locked), // even the right password
                     })
            {
                var (errors, took) = await TryLogIn(http, email, password);
                first ??= errors;
                Assert.Equal(first, errors);
                times.Add(took);
            }
        }
        Assert.Equal([LoginModel.FailedMessage], first);

        // Every case checks a password hash: an unknown email is not answered measurably faster.
        static double Median(List<TimeSpan> times) => times.Select(t => t.TotalMilliseconds).Order().ElementAt(times.Count / 2);
        Assert.True(Median(unknown) > Median(wrong) * 0.5, $"unknown {Median(unknown)} ms vs wrong password {Median(wrong)} ms");
        Assert.True(Median(locked) > Median(wrong) * 0.5, $"locked {Median(locked)} ms vs wrong password {Median(wrong)} ms");
    }

    [Fact]
    public async Task Signing_up_a_district_with_someone_elses_email_answers_as_for_a_new_one_creates_nothing_and_tells_the_owner()
    {
        var fields = (string slug, string email) => new Dictionary<string, string>
        {
            ["Input.DistrictName"] = "Phishing Academy", ["Input.Slug"] = slug, ["Input.IssuerName"] = "Phishing Academy",
            ["Input.Website"] = "", ["Input.ContactEmail"] = "pd@phish.example.org",
            ["Input.DisplayName"] = "Not The Owner", ["Input.Email"] = email, ["Input.Password"] = "founding passphrase 7",
        };
        using var http = new HttpSession(fixture.BaseAddress);
        var before = await fixture.CountTo("issuer@springfield.test");
        var taken = await http.SubmitAsync("/signup", fields("phish-one", "issuer@springfield.test"));
        var fresh = await http.SubmitAsync("/signup", fields("phish-two", "brand-new-founder@example.org"));

        Assert.Equal(HttpStatusCode.Redirect, taken.StatusCode);
        Assert.Equal(fresh.StatusCode, taken.StatusCode);
        static string Shape(Uri location) => System.Text.RegularExpressions.Regex.Replace(location.OriginalString, "=[^&]*", "=…");
        Assert.Equal(Shape(fresh.Headers.Location!), Shape(taken.Headers.Location!)); // the same page, only what was typed differs
        Assert.Equal(before + 1, await fixture.CountTo("issuer@springfield.test"));
        Assert.Equal("Signing up a district with your MicroCred account", (await fixture.LatestTo("issuer@springfield.test")).Subject);

        await using var scope = fixture.App.Scope();
        var db = AppFixture.Get<AppDbContext>(scope);
        Assert.False(await db.Districts.AnyAsync(d => d.Slug == "phish-one"));
        Assert.True(await db.Districts.AnyAsync(d => d.Slug == "phish-two"));
    }

    [Theory]
    [InlineData("Password2026!")]
    [InlineData("qwertyuiop123")]
    [InlineData("1234567890")]
    [InlineData("teacher12345")]
    public async Task Common_passwords_are_refused_whether_or_not_the_email_has_an_account(string password)
    {
        Assert.True(CommonPasswordValidator.IsCommon(password));
        using var http = new HttpSession(fixture.BaseAddress);
        foreach (var email in new[] { "someone-new@example.org", "earner@springfield.test" })
        {
            var response = await http.SubmitAsync("/account/register", new Dictionary<string, string>
            {
                ["Input.DisplayName"] = "Pat Common", ["Input.Email"] = email, ["Input.Password"] = password,
            });
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await HttpSession.Parse(await response.Content.ReadAsStringAsync());
            Assert.Contains(CommonPasswordValidator.Message, page.Errors());
            Assert.Equal("Pat Common", page.ValueOf("Input.DisplayName"));
        }
        await using var scope = fixture.App.Scope();
        Assert.False(await AppFixture.Get<AppDbContext>(scope).Users.AnyAsync(u => u.NormalizedEmail == "SOMEONE-NEW@EXAMPLE.ORG"));
    }

    [Fact]
    public async Task A_password_made_of_the_email_is_refused_and_an_uncommon_passphrase_is_accepted()
    {
        using var http = new HttpSession(fixture.BaseAddress);
        var refused = await http.SubmitAsync("/account/register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Quinn", ["Input.Email"] = "quinn.harper@example.org", ["Input.Password"] = "quinn.harper-2026",
        });
        Assert.Contains(CommonPasswordValidator.EmailMessage, (await HttpSession.Parse(await refused.Content.ReadAsStringAsync())).Errors());

        var accepted = await http.SubmitAsync("/account/register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Quinn", ["Input.Email"] = "quinn.harper@example.org", ["Input.Password"] = "violet kettles hum at dawn",
        });
        Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
    }
}
