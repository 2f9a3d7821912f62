using System.Text.RegularExpressions;
using MicroCred.Application.Seeding;
using MicroCred.BrowserTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.Playwright;

namespace MicroCred.BrowserTests.Tenancy;

/// <summary>Second factors in Chromium on a phone-sized window: an authenticator app, and a passkey on a virtual authenticator.</summary>
public sealed class SecondFactorTests(Chromium chromium, AppFixture fixture) : BrowserTest(chromium, fixture), IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_teacher_turns_on_an_authenticator_app_and_then_signs_in_with_its_code()
    {
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await LogInAsync(page, "jordan.kim@springfield.test");
        await page.GotoAsync("/account/manage");
        await page.GetByRole(AriaRole.Link, new() { Name = "Authenticator app and passkeys" }).ClickAsync();
        await ExpectUrlAsync(page, new Regex("/account/manage/two-factor$"));
        await CheckPageAsync(page, "second-factor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Set up an authenticator app" }).ClickAsync();
        var key = await page.Locator("[data-authenticator-key]").TextContentAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Img, new() { Name = "QR code that adds MicroCred to your authenticator app" })).ToBeVisibleAsync();
        await CheckPageAsync(page, "set-up");

        await page.GetByLabel("Code from the app").FillAsync(Authenticator.WrongCode(key!));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary, [role=alert]").First).ToBeVisibleAsync();
        await page.GetByLabel("Code from the app").FillAsync(Authenticator.Code(key!));
        await page.GetByRole(AriaRole.Button, new() { Name = "Turn on" }).ClickAsync();
        await Assertions.Expect(page.Locator("[data-recovery-codes] li")).ToHaveCountAsync(10);
        await CheckPageAsync(page, "recovery-codes");

        await page.Context.ClearCookiesAsync();
        await page.GotoAsync("/account/login");
        await page.GetByLabel("Email").FillAsync("jordan.kim@springfield.test");
        await page.GetByLabel("Password").FillAsync(DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await ExpectUrlAsync(page, new Regex("/account/login/second-factor"));
        await CheckPageAsync(page, "second-step");
        await page.GetByLabel("Code from your authenticator app, or a recovery code").FillAsync(Authenticator.Code(key!));
        await page.GetByLabel("Code from your authenticator app, or a recovery code").PressAsync("Enter");
        await Assertions.Expect(page.Locator(".account-menu")).ToBeVisibleAsync();
    }

    [Fact]
    public async Task A_teacher_registers_a_passkey_signs_in_with_it_alone_and_removes_it()
    {
        // WebAuthn needs a domain, not an IP address: the same server, reached as localhost.
        var origin = new Uri(Fixture.BaseAddress.ToString().Replace("127.0.0.1", "localhost", StringComparison.Ordinal));
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        var cdp = await page.Context.NewCDPSessionAsync(page);
        await cdp.SendAsync("WebAuthn.enable");
        await cdp.SendAsync("WebAuthn.addVirtualAuthenticator", new Dictionary<string, object>
        {
            ["options"] = new Dictionary<string, object>
            {
                ["protocol"] = "ctap2", ["transport"] = "internal", ["hasResidentKey"] = true, ["hasUserVerification"] = true,
                ["isUserVerified"] = true, ["automaticPresenceSimulation"] = true,
            },
        });

        await page.GotoAsync(new Uri(origin, "/account/login").ToString());
        await page.GetByLabel("Email").FillAsync("morgan.lee@springfield.test");
        await page.GetByLabel("Password").FillAsync(DemoData.Password);
        await page.GetByRole(AriaRole.Button, new() { Name = "Log in" }).ClickAsync();
        await Assertions.Expect(page.Locator(".account-menu")).ToBeVisibleAsync();

        await page.GotoAsync(new Uri(origin, "/account/manage/two-factor").ToString());
        await page.GetByLabel("Name for the new passkey").FillAsync("Virtual laptop");
        await page.GetByRole(AriaRole.Button, new() { Name = "Add a passkey" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Passkey added");
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { NameRegex = new Regex("Virtual laptop") })).ToBeVisibleAsync();
        await CheckPageAsync(page, "passkey-added");

        // Signed out, the passkey alone signs in: no email, no password.
        await page.Context.ClearCookiesAsync();
        await page.GotoAsync(new Uri(origin, "/account/login").ToString());
        await CheckPageAsync(page, "login-with-passkey");
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await Assertions.Expect(page.Locator(".account-menu")).ToBeVisibleAsync();
        await Assertions.Expect(page).Not.ToHaveURLAsync(new Regex("/account/login"));

        await page.GotoAsync(new Uri(origin, "/account/manage/two-factor").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Remove passkey Virtual laptop" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status).First).ToContainTextAsync("Passkey removed");
        await Assertions.Expect(page.GetByText("You have no passkeys yet.")).ToBeVisibleAsync();

        // Its credential, still in the authenticator, no longer signs anyone in.
        await page.Context.ClearCookiesAsync();
        await page.GotoAsync(new Uri(origin, "/account/login").ToString());
        await page.GetByRole(AriaRole.Button, new() { Name = "Sign in with a passkey" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary, [role=alert]").First).ToContainTextAsync("could not sign you in with that passkey");
    }
}
