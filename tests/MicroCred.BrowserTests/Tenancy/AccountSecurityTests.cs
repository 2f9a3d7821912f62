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

    [Fact]
    public async Task A_teacher_downloads_everything_held_about_them_from_a_phone_by_keyboard()
    {
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await LogInAsync(page, "casey.nguyen@springfield.test");
        await page.GotoAsync("/account/manage");
        await page.GetByRole(AriaRole.Link, new() { Name = "Download your data" }).ClickAsync();
        await ExpectUrlAsync(page, new Regex("/account/manage/data$"));
        await CheckPageAsync(page, "your-data");
        Assert.True(await page.EvaluateAsync<bool>("() => document.documentElement.scrollWidth <= window.innerWidth"));

        await page.GetByRole(AriaRole.Button, new() { Name = "Download my data (ZIP)" }).FocusAsync();
        var download = await page.RunAndWaitForDownloadAsync(() => page.Keyboard.PressAsync("Enter"));
        Assert.Matches("^microcred-my-data-\\d{4}-\\d{2}-\\d{2}\\.zip$", download.SuggestedFilename);
        await using var zip = await System.IO.Compression.ZipArchive.CreateAsync(await download.CreateReadStreamAsync(), System.IO.Compression.ZipArchiveMode.Read, false, null);
        using var account = new StreamReader(await zip.GetEntry("account.json")!.OpenAsync());
        Assert.Contains("casey.nguyen@springfield.test", await account.ReadToEndAsync());
        Assert.NotNull(zip.GetEntry("memberships.json"));
    }
}
