using System.Net;
using MicroCred.Application.Data;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.IntegrationTests.Accounts;

/// <summary>The account lifecycle over HTTP, with the emails read from the outbox the app writes.</summary>
public sealed class AccountTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private static Dictionary<string, string> Registration(string email, string name = "Jordan Teacher", string password = "a long enough passphrase") => new()
    {
        ["Input.DisplayName"] = name, ["Input.Email"] = email, ["Input.Password"] = password,
    };

    private static Dictionary<string, string> Login(string email, string password) => new() { ["Input.Email"] = email, ["Input.Password"] = password };

    [Fact]
    public async Task Register_confirm_the_email_then_log_in_and_out()
    {
        using var browser = new HttpSession(fixture.BaseAddress);
        var registered = await browser.SubmitAsync("/account/register", Registration("jordan@example.org"));
        Assert.Equal(HttpStatusCode.Redirect, registered.StatusCode);
        Assert.StartsWith("/account/check-email", registered.Headers.Location!.OriginalString);

        // Before confirming, the right password only earns a hint to confirm.
        var early = await browser.SubmitAsync("/account/login", Login("jordan@example.org", "a long enough passphrase"));
        var earlyPage = await HttpSession.Parse(await early.Content.ReadAsStringAsync());
        Assert.Contains("confirm your email", earlyPage.MainText());

        var (subject, body) = await fixture.LatestTo("jordan@example.org");
        Assert.Equal("Confirm your email for MicroCred", subject);
        var confirmed = await browser.PageAsync(Mailbox.LinkIn(body));
        Assert.Contains("your email address is confirmed", confirmed.MainText());

        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync("/account/login", Login("jordan@example.org", "a long enough passphrase"))).StatusCode);
        var home = await browser.PageAsync("/");
        Assert.Contains("You are not a member of any district yet", home.MainText());

        var token = HttpSession.TokenOf(home);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.PostAsync("/account/logout", new Dictionary<string, string>(), token)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.GetAsync("/account/manage/password")).StatusCode);
    }

    [Fact]
    public async Task Registering_with_a_taken_email_answers_the_same_and_tells_the_owner_by_email()
    {
        using var browser = new HttpSession(fixture.BaseAddress);
        var before = await fixture.CountTo("earner@springfield.test");
        var response = await browser.SubmitAsync("/account/register", Registration("earner@springfield.test", "Someone Else"));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.StartsWith("/account/check-email", response.Headers.Location!.OriginalString);
        Assert.Equal(before + 1, await fixture.CountTo("earner@springfield.test"));
        Assert.Equal("You already have a MicroCred account", (await fixture.LatestTo("earner@springfield.test")).Subject);

        await using var scope = fixture.App.Scope();
        Assert.Equal(1, await AppFixture.Get<AppDbContext>(scope).Users.CountAsync(u => u.NormalizedEmail == "EARNER@SPRINGFIELD.TEST"));
    }

    [Fact]
    public async Task A_bad_registration_shows_field_messages_and_keeps_what_was_typed()
    {
        using var browser = new HttpSession(fixture.BaseAddress);
        var response = await browser.SubmitAsync("/account/register", Registration("not-an-email", "Casey Keeps", "short"));
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HttpSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Enter an email address like name@school.org.", page.Errors());
        Assert.Contains("Use at least 10 characters: a short sentence you will remember works well.", page.Errors());
        Assert.Equal("Casey Keeps", page.ValueOf("Input.DisplayName"));
        Assert.Equal("not-an-email", page.ValueOf("Input.Email"));
        Assert.Equal("true", page.QuerySelector("input[name='Input.Email']")!.GetAttribute("aria-invalid"));
    }

    [Fact]
    public async Task Locking_an_account_again_and_again_emails_its_owner_once_a_day()
    {
        const string email = "jordan.kim@springfield.test";
        using var attacker = new HttpSession(fixture.BaseAddress);
        for (var round = 0; round < 3; round++)
        {
            for (var i = 0; i < 5; i++) await attacker.SubmitAsync("/account/login", Login(email, $"guess {round}-{i}"));
            // The pause runs out (15 minutes later), and the attacker starts again.
            await using var scope = fixture.App.Scope();
            var users = AppFixture.Get<Microsoft.AspNetCore.Identity.UserManager<MicroCred.Application.Data.User>>(scope);
            var user = (await users.FindByEmailAsync(email))!;
            Assert.True(await users.IsLockedOutAsync(user), $"round {round} should have locked the account");
            using (AppFixture.Get<AuditScope>(scope).Begin("TestPauseRunsOut", null))
                await users.SetLockoutEndDateAsync(user, null);
        }
        await using var read = fixture.App.Scope();
        Assert.Equal(1, await AppFixture.Get<AppDbContext>(read).EmailMessages
            .CountAsync(m => m.To == email && m.Subject == MicroCred.Application.Features.Accounts.AccountEmails.LockedOutSubject));
    }

    [Fact]
    public async Task Five_wrong_passwords_lock_the_account_and_a_reset_unlocks_it()
    {
        const string email = "assessor@shelbyville.test";
        using var browser = new HttpSession(fixture.BaseAddress);
        for (var i = 0; i < 5; i++)
        {
            var wrong = await browser.SubmitAsync("/account/login", Login(email, "not the password " + i));
            Assert.Equal(HttpStatusCode.OK, wrong.StatusCode);
        }
        var locked = await browser.SubmitAsync("/account/login", Login(email, MicroCred.Application.Seeding.DemoData.Password));
        var lockedPage = await HttpSession.Parse(await locked.Content.ReadAsStringAsync());
        // The page says what it says for any failure; the owner learns of the lock by email.
        Assert.Contains(MicroCred.Web.Pages.Account.LoginModel.FailedMessage, lockedPage.Errors());
        Assert.Equal("Sign-in to your MicroCred account is paused", (await fixture.LatestTo(email)).Subject);

        var forgot = await browser.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });
        Assert.Contains("a link to choose a new password is on its way", (await HttpSession.Parse(await forgot.Content.ReadAsStringAsync())).MainText());
        var (subject, body) = await fixture.LatestTo(email);
        Assert.Equal("Reset your MicroCred password", subject);

        var reset = await browser.SubmitAsync(Mailbox.LinkIn(body), new Dictionary<string, string>
        {
            ["Input.Email"] = email, ["Input.Code"] = new Uri("http://x" + Mailbox.LinkIn(body)).Query.Split("code=")[1], ["Input.Password"] = "a brand new passphrase",
        });
        Assert.Equal(HttpStatusCode.Redirect, reset.StatusCode);

        Assert.Equal(HttpStatusCode.OK, (await browser.SubmitAsync("/account/login", Login(email, MicroCred.Application.Seeding.DemoData.Password))).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync("/account/login", Login(email, "a brand new passphrase"))).StatusCode);
    }

    [Fact]
    public async Task A_reset_link_works_once()
    {
        const string email = "issuer@shelbyville.test";
        using var browser = new HttpSession(fixture.BaseAddress);
        await browser.SubmitAsync("/account/forgot-password", new Dictionary<string, string> { ["Input.Email"] = email });
        var link = Mailbox.LinkIn((await fixture.LatestTo(email)).Body);
        var code = new Uri("http://x" + link).Query.Split("code=")[1];
        var fields = new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Code"] = code, ["Input.Password"] = "first new passphrase" };
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync(link, fields)).StatusCode);

        fields["Input.Password"] = "second new passphrase";
        var again = await browser.SubmitAsync(link, fields);
        Assert.Contains("This reset link is not valid or has expired", (await HttpSession.Parse(await again.Content.ReadAsStringAsync())).MainText());
    }

    [Fact]
    public async Task Changing_the_password_needs_the_current_one_and_sends_a_notice()
    {
        const string email = "recognizer@shelbyville.test";
        using var browser = new HttpSession(fixture.BaseAddress);
        await browser.LogInAsync(email);

        var wrong = await browser.SubmitAsync("/account/manage/password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = "not my password", ["Input.NewPassword"] = "another long passphrase",
        });
        var wrongPage = await HttpSession.Parse(await wrong.Content.ReadAsStringAsync());
        Assert.Contains("That is not your current password.", wrongPage.Errors());

        var changed = await browser.SubmitAsync("/account/manage/password", new Dictionary<string, string>
        {
            ["Input.CurrentPassword"] = MicroCred.Application.Seeding.DemoData.Password, ["Input.NewPassword"] = "another long passphrase",
        });
        Assert.Equal(HttpStatusCode.Redirect, changed.StatusCode);
        Assert.Equal("Your MicroCred password was changed", (await fixture.LatestTo(email)).Subject);

        using var fresh = new HttpSession(fixture.BaseAddress);
        await fresh.LogInAsync(email, "another long passphrase");
    }

    [Fact]
    public async Task Login_only_returns_to_local_addresses()
    {
        using var browser = new HttpSession(fixture.BaseAddress);
        var page = await browser.PageAsync("/account/login?returnUrl=https://evil.example/steal");
        var response = await browser.PostAsync("/account/login?returnUrl=https://evil.example/steal",
            Login("developer@shelbyville.test", MicroCred.Application.Seeding.DemoData.Password), HttpSession.TokenOf(page));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        Assert.Equal("/account/home", response.Headers.Location!.OriginalString); // local: leads to the person's district home
    }
}
