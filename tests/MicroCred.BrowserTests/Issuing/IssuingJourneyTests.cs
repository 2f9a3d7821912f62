using System.Text.Json.Nodes;
using System.Text.RegularExpressions;
using MicroCred.Application.Seeding;
using MicroCred.BrowserTests.Infrastructure;
using MicroCred.OpenBadges.Baking;
using MicroCred.Testing;
using Microsoft.Playwright;

namespace MicroCred.BrowserTests.Issuing;

/// <summary>
/// An Issuer issues a badge; the teacher opens its URL in a fresh browser, checks their email against it and downloads
/// the baked PNG (which carries the assertion); the Issuer revokes it and the public page says so.
/// </summary>
public sealed class IssuingJourneyTests(Chromium chromium, AppFixture fixture) : BrowserTest(chromium, fixture), IClassFixture<AppFixture>
{
    private const string Teacher = "casey.nguyen@springfield.test";

    [Fact]
    public async Task An_Issuer_issues_the_teacher_verifies_and_downloads_then_the_Issuer_revokes()
    {
        var issuer = await NewPageAsync();
        await LogInAsync(issuer, "issuer@springfield.test");
        await issuer.GotoAsync("/springfield");
        await GoViaMenuAsync(issuer, "Issuing", "Issued badges");
        await ExpectUrlAsync(issuer, new Regex("/springfield/issuing$"));
        await CheckPageAsync(issuer, "issued-list");
        await issuer.GetByRole(AriaRole.Link, new() { Name = "Issue a badge" }).ClickAsync();
        await issuer.GetByLabel("Teacher's email").FillAsync(Teacher);
        await issuer.GetByLabel("Micro-credential").SelectOptionAsync(new SelectOptionValue { Label = DesignSeed.EquitableCulture });
        await issuer.GetByLabel("Narrative").FillAsync("Casey's circles gave every student a voice.");
        await CheckPageAsync(issuer, "issue-form");
        await issuer.GetByRole(AriaRole.Button, new() { Name = "Issue the badge" }).ClickAsync();
        await Assertions.Expect(issuer.Locator("#issuer-badge-status")).ToHaveTextAsync("Valid");
        await Assertions.Expect(issuer.GetByRole(AriaRole.Status)).ToContainTextAsync($"Badge issued to {Teacher}");
        await CheckPageAsync(issuer, "issued-detail");
        var badgeUrl = (await issuer.Locator("#public-url").TextContentAsync())!.Trim();

        // The teacher, in a browser of their own, without logging in.
        var teacher = await NewPageAsync();
        await teacher.GotoAsync(badgeUrl);
        await Assertions.Expect(teacher.GetByRole(AriaRole.Heading, new() { Name = DesignSeed.EquitableCulture, Level = 1 })).ToBeVisibleAsync();
        await Assertions.Expect(teacher.Locator("#badge-status")).ToContainTextAsync("Valid");
        await Assertions.Expect(teacher.Locator("#badge-status")).ToHaveClassAsync(new Regex("valid"));
        await Assertions.Expect(teacher.GetByRole(AriaRole.Link, new() { Name = "Add to LinkedIn profile" })).ToHaveAttributeAsync("href", new Regex("linkedin\\.com/profile/add\\?.*certUrl="));
        await Assertions.Expect(teacher.GetByRole(AriaRole.Img, new() { Name = "QR code that opens this badge's address" })).ToBeVisibleAsync();
        await CheckPageAsync(teacher, "public-badge");

        await teacher.GetByLabel("Email address").FillAsync("someone.else@springfield.test");
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Assertions.Expect(teacher.Locator("#email-result")).ToContainTextAsync("No: this badge was not awarded");
        await teacher.GetByLabel("Email address").FillAsync(Teacher.ToUpperInvariant());
        await teacher.GetByRole(AriaRole.Button, new() { Name = "Check" }).ClickAsync();
        await Assertions.Expect(teacher.Locator("#email-result")).ToContainTextAsync("Yes: this badge was awarded to");
        await Assertions.Expect(teacher.GetByLabel("Email address")).ToHaveValueAsync(Teacher.ToUpperInvariant());
        await CheckPageAsync(teacher, "email-checked");

        var download = await teacher.RunAndWaitForDownloadAsync(() =>
            teacher.GetByRole(AriaRole.Link, new() { Name = "Download badge image (PNG)" }).ClickAsync());
        var file = await download.PathAsync();
        var baked = PngBadge.Extract(await File.ReadAllBytesAsync(file))!;
        Assert.Equal(BakedPayloadKind.AssertionJson, baked.Kind);
        Assert.Equal(badgeUrl, JsonNode.Parse(baked.Value)!["id"]!.GetValue<string>());

        // The Issuer revokes; the public page says so, with the reason.
        await issuer.GetByLabel("Reason").FillAsync("Issued before the portfolio review was complete.");
        await issuer.GetByRole(AriaRole.Button, new() { Name = "Revoke the badge" }).ClickAsync();
        await Assertions.Expect(issuer.Locator("#issuer-badge-status")).ToHaveTextAsync("Revoked");
        await CheckPageAsync(issuer, "revoked-detail");

        await teacher.GotoAsync(badgeUrl);
        await Assertions.Expect(teacher.Locator("#badge-status")).ToContainTextAsync("Revoked");
        await Assertions.Expect(teacher.Locator("#badge-status")).ToContainTextAsync("Issued before the portfolio review was complete.");
        await Assertions.Expect(teacher.Locator("#badge-status")).ToHaveClassAsync(new Regex("revoked"));
        await CheckPageAsync(teacher, "public-revoked");
    }
}
