using System.Net;
using AngleSharp.Dom;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Accounts;
using MicroCred.Application.Seeding;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.IntegrationTests.Operations;
using MicroCred.Testing;
using MicroCred.Web.Pages.Account;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.IntegrationTests.Accounts;

/// <summary>Turning on an authenticator app over HTTP, as a person does on "Second factor".</summary>
public static class TwoFactorSteps
{
    public const string Page = "/account/manage/two-factor";

    /// <summary>Sets up the app for the signed-in session; answers its key and the recovery codes shown once.</summary>
    public static async Task<(string Key, string[] RecoveryCodes)> EnableAuthenticatorAsync(this HttpSession browser)
    {
        Assert.Equal(HttpStatusCode.Redirect, (await browser.SubmitAsync(Page, new Dictionary<string, string>(), "Start")).StatusCode);
        var page = await browser.PageAsync(Page);
        var key = page.QuerySelector("[data-authenticator-key]")!.TextContent.Trim();
        var enabled = await browser.SubmitAsync(Page, new Dictionary<string, string> { ["Input.Code"] = Authenticator.Code(key) }, "Enable");
        var shown = await HttpSession.Parse(await enabled.Content.ReadAsStringAsync());
        Assert.Empty(shown.Errors());
        var codes = shown.QuerySelectorAll("[data-recovery-codes] code").Select(c => c.TextContent.Trim()).ToArray();
        Assert.Equal(SecondFactor.RecoveryCodeCount, codes.Length);
        return (key, codes);
    }

    /// <summary>The password step: answers where it sends the browser.</summary>
    public static async Task<string> PasswordStepAsync(this HttpSession browser, string email, string password = DemoData.Password)
    {
        var response = await browser.SubmitAsync("/account/login", new Dictionary<string, string> { ["Input.Email"] = email, ["Input.Password"] = password });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        return response.Headers.Location!.OriginalString;
    }

    public static async Task<HttpResponseMessage> SecondStepAsync(this HttpSession browser, string code, bool recovery = false) =>
        await browser.SubmitAsync("/account/login/second-factor", new Dictionary<string, string>
        {
            ["Input.Code"] = code, ["Input.UseRecoveryCode"] = recovery ? "true" : "false",
        });

    public static async Task<bool> IsSignedInAsync(this HttpSession browser) =>
        (await browser.GetAsync("/account/manage")).StatusCode == HttpStatusCode.OK;
}

public sealed class TwoFactorTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task With_an_authenticator_app_sign_in_needs_its_code_after_the_password_and_a_wrong_code_is_refused()
    {
        const string email = "casey.nguyen@springfield.test";
        var started = DateTimeOffset.UtcNow; // other tests of this class turn the app on for other people
        using (var owner = new HttpSession(fixture.BaseAddress))
        {
            await owner.LogInAsync(email);
            var (key, _) = await owner.EnableAuthenticatorAsync();

            // Someone who knows only the password gets as far as the second step, and no further.
            using var thief = new HttpSession(fixture.BaseAddress);
            Assert.StartsWith("/account/login/second-factor", await thief.PasswordStepAsync(email));
            Assert.False(await thief.IsSignedInAsync());
            var refused = await thief.SecondStepAsync(Authenticator.WrongCode(key));
            Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
            var refusedPage = await HttpSession.Parse(await refused.Content.ReadAsStringAsync());
            Assert.Contains(LoginSecondFactorModel.FailedMessage, refusedPage.Errors());
            Assert.False(await thief.IsSignedInAsync());

            // The owner, with the app, gets in.
            using var again = new HttpSession(fixture.BaseAddress);
            await again.PasswordStepAsync(email);
            var accepted = await again.SecondStepAsync(Authenticator.Code(key));
            Assert.Equal(HttpStatusCode.Redirect, accepted.StatusCode);
            Assert.Equal("/account/home", accepted.Headers.Location!.OriginalString);
            Assert.True(await again.IsSignedInAsync());
        }

        // Turning it on is in the audit trail, without the code.
        await using var scope = fixture.App.Scope();
        var entries = await AppFixture.Get<AppDbContext>(scope).AuditEntries.Where(e => e.Action == nameof(EnableAuthenticator) && e.At >= started).ToListAsync();
        Assert.NotEmpty(entries);
        var userId = await fixture.UserId(email);
        Assert.All(entries, e => Assert.Equal(userId, e.ActorId));
        Assert.All(entries, e => Assert.DoesNotContain("Code", e.Details ?? ""));
    }

    [Fact]
    public async Task Each_recovery_code_signs_in_once_and_new_codes_replace_the_old_ones()
    {
        const string email = "riley.chen@springfield.test";
        using var owner = new HttpSession(fixture.BaseAddress);
        await owner.LogInAsync(email);
        var (_, codes) = await owner.EnableAuthenticatorAsync();

        using (var lostPhone = new HttpSession(fixture.BaseAddress))
        {
            await lostPhone.PasswordStepAsync(email);
            // Typed as people do: lower case, without the dash.
            Assert.Equal(HttpStatusCode.Redirect, (await lostPhone.SecondStepAsync(codes[0].Replace("-", "").ToLowerInvariant(), recovery: true)).StatusCode);
            Assert.True(await lostPhone.IsSignedInAsync());
            var page = await lostPhone.PageAsync(TwoFactorSteps.Page);
            Assert.Equal((codes.Length - 1).ToString(), page.QuerySelector("[data-codes-left]")!.TextContent.Trim());
        }
        using (var replay = new HttpSession(fixture.BaseAddress))
        {
            await replay.PasswordStepAsync(email);
            Assert.Equal(HttpStatusCode.OK, (await replay.SecondStepAsync(codes[0], recovery: true)).StatusCode);
            Assert.False(await replay.IsSignedInAsync());
        }

        // New codes: the old unused ones stop working, the new ones work.
        var regenerated = await owner.SubmitAsync(TwoFactorSteps.Page, new Dictionary<string, string>(), "Regenerate");
        var fresh = (await HttpSession.Parse(await regenerated.Content.ReadAsStringAsync()))
            .QuerySelectorAll("[data-recovery-codes] code").Select(c => c.TextContent.Trim()).ToArray();
        Assert.Equal(SecondFactor.RecoveryCodeCount, fresh.Length);
        using (var old = new HttpSession(fixture.BaseAddress))
        {
            await old.PasswordStepAsync(email);
            Assert.Equal(HttpStatusCode.OK, (await old.SecondStepAsync(codes[1], recovery: true)).StatusCode);
            Assert.Equal(HttpStatusCode.Redirect, (await old.SecondStepAsync(fresh[0], recovery: true)).StatusCode);
        }

        var userId = await fixture.UserId(email);
        await using var scope = fixture.App.Scope();
        var actions = await AppFixture.Get<AppDbContext>(scope).AuditEntries.Where(e => e.ActorId == null || e.ActorId == userId)
            .Select(e => e.Action).ToListAsync();
        Assert.Contains(nameof(LogInWithSecondFactor), actions);
        Assert.Contains(nameof(RegenerateRecoveryCodes), actions);
    }

    [Fact]
    public async Task Turning_the_app_off_needs_a_signed_in_session_and_then_the_password_is_enough_again()
    {
        const string email = "sam.ortiz@springfield.test";
        using var owner = new HttpSession(fixture.BaseAddress);
        await owner.LogInAsync(email);
        await owner.EnableAuthenticatorAsync();

        using var stranger = new HttpSession(fixture.BaseAddress);
        var page = await stranger.GetAsync(TwoFactorSteps.Page);
        Assert.Equal(HttpStatusCode.Redirect, page.StatusCode);
        Assert.Contains("/account/login", page.Headers.Location!.OriginalString);

        Assert.Equal(HttpStatusCode.Redirect, (await owner.SubmitAsync(TwoFactorSteps.Page, new Dictionary<string, string>(), "Disable")).StatusCode);
        using var later = new HttpSession(fixture.BaseAddress);
        Assert.Equal("/account/home", await later.PasswordStepAsync(email));
    }
}

/// <summary>The second step counts against the same per-address limit as the password step.</summary>
public sealed class TwoFactorRateLimitTests(LowRateLimitsFixture fixture) : IClassFixture<LowRateLimitsFixture>
{
    private HttpSession From(string address)
    {
        var http = new HttpSession(fixture.BaseAddress);
        http.Client.DefaultRequestHeaders.Add("X-Forwarded-For", address);
        http.Client.DefaultRequestHeaders.Add("Accept", "text/html");
        return http;
    }

    [Fact]
    public async Task Guessing_codes_from_one_address_is_stopped_with_429()
    {
        const string email = "taylor.brooks@springfield.test";
        string key;
        using (var owner = From("198.51.100.60"))
        {
            await owner.LogInAsync(email);
            (key, _) = await owner.EnableAuthenticatorAsync();
        }

        using var attacker = From("198.51.100.61");
        await attacker.PasswordStepAsync(email); // 1 of the 3 allowed
        Assert.Equal(HttpStatusCode.OK, (await attacker.SecondStepAsync(Authenticator.WrongCode(key))).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await attacker.SecondStepAsync(Authenticator.WrongCode(key))).StatusCode);
        var refused = await attacker.SecondStepAsync(Authenticator.Code(key));
        Assert.Equal(HttpStatusCode.TooManyRequests, refused.StatusCode);
        Assert.False(await attacker.IsSignedInAsync());
    }
}
