using System.Text.RegularExpressions;
using MicroCred.BrowserTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.Playwright;

namespace MicroCred.BrowserTests.Tenancy;

/// <summary>The sign-in and security page, by keyboard, on a phone-sized window.</summary>
public sealed class AccountSecurityTests(Chromium chromium, AppFixture fixture) : BrowserTest(chromium, fixture), IClassFixture<AppFixture>
{
    [Fact]
    public async Task A_teacher_signs_out_everywhere_from_the_security_page()
    {
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await LogInAsync(page, "taylor.brooks@springfield.test");
        await page.GotoAsync("/account/manage");
        await CheckPageAsync(page, "security");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Sign-in and security" })).ToBeVisibleAsync();

        await page.GetByRole(AriaRole.Button, new() { Name = "Sign out everywhere" }).FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await ExpectUrlAsync(page, new Regex("/account/login"));
        await CheckPageAsync(page, "signed-out");

        await page.GotoAsync("/account/manage");
        await ExpectUrlAsync(page, new Regex("/account/login\\?ReturnUrl="));
    }
}
