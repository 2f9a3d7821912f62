using System.Text.RegularExpressions;
using MicroCred.BrowserTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.Playwright;

namespace MicroCred.BrowserTests.Public;

/// <summary>A recognizer with no account verifies badges from another issuer in a real browser.</summary>
public sealed class VerifierJourneyTests(Chromium chromium, VerifierAppFixture fixture, BadgeIssuerServer issuer)
    : BrowserTest(chromium, fixture), IClassFixture<VerifierAppFixture>, IClassFixture<BadgeIssuerServer>
{
    [Fact]
    public async Task A_visitor_pastes_badge_urls_checks_the_recipient_and_then_uploads_a_baked_png()
    {
        var page = await NewPageAsync();
        await page.GotoAsync("/");
        await page.GetByRole(AriaRole.Banner).GetByRole(AriaRole.Link, new() { Name = "Verify a badge" }).ClickAsync();
        await ExpectUrlAsync(page, new Regex("/verify$"));
        await CheckPageAsync(page, "empty");

        var urls = $"{issuer.ValidUrl}\n{issuer.RevokedUrl}";
        await page.GetByLabel("Badge URLs or signed badges").FillAsync(urls);
        await page.GetByLabel("Recipient's email address").FillAsync(BadgeIssuerServer.Email);
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify", Exact = true }).ClickAsync();

        var results = page.Locator("article.verify-result");
        await Assertions.Expect(results).ToHaveCountAsync(2);
        var valid = results.Nth(0);
        await Assertions.Expect(valid.Locator(".verdict")).ToContainTextAsync("Valid");
        await Assertions.Expect(valid.GetByRole(AriaRole.Heading, new() { Name = "Formative Assessment" })).ToBeVisibleAsync();
        await Assertions.Expect(valid.GetByRole(AriaRole.Row, new() { NameRegex = new Regex("^Verification scope") })).ToContainTextAsync("Passed");
        await Assertions.Expect(valid.GetByRole(AriaRole.Row, new() { NameRegex = new Regex("^Recipient") })).ToContainTextAsync("Passed");
        await Assertions.Expect(valid.Locator("img.badge-image")).ToHaveAttributeAsync("src", new Regex("^data:image/png;base64,"));
        var revoked = results.Nth(1);
        await Assertions.Expect(revoked.Locator(".verdict")).ToContainTextAsync("Revoked");
        await Assertions.Expect(revoked).ToContainTextAsync(BadgeIssuerServer.RevocationReason);
        await Assertions.Expect(revoked.GetByRole(AriaRole.Row, new() { NameRegex = new Regex("^Revocation ") })).ToContainTextAsync("Failed");
        // What was typed is still there, and focus moved to the results.
        await Assertions.Expect(page.GetByLabel("Badge URLs or signed badges")).ToHaveValueAsync(urls);
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Results" })).ToBeFocusedAsync();
        await CheckPageAsync(page, "url-results");

        await page.GetByLabel("Badge URLs or signed badges").FillAsync("");
        await page.GetByLabel("Baked badge images").SetInputFilesAsync(new[]
        {
            new FilePayload { Name = "formative-assessment.png", MimeType = "image/png", Buffer = issuer.BakedPng },
            new FilePayload { Name = "edited.png", MimeType = "image/png", Buffer = issuer.TamperedPng },
        });
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify", Exact = true }).ClickAsync();

        await Assertions.Expect(results).ToHaveCountAsync(2);
        await Assertions.Expect(results.Nth(0).Locator(".verdict")).ToContainTextAsync("Valid");
        await Assertions.Expect(results.Nth(0)).ToContainTextAsync("formative-assessment.png");
        await Assertions.Expect(results.Nth(1).Locator(".verdict")).ToContainTextAsync("Invalid");
        await Assertions.Expect(results.Nth(1).GetByRole(AriaRole.Row, new() { NameRegex = new Regex("^Baked copy matches") })).ToContainTextAsync("Failed");
        await CheckPageAsync(page, "upload-results");

        // A file over the limit is caught before it is uploaded.
        await page.GetByLabel("Baked badge images").SetInputFilesAsync(new FilePayload
        {
            Name = "poster.png", MimeType = "image/png", Buffer = new byte[5 * 1024 * 1024 + 1],
        });
        await Assertions.Expect(page.GetByRole(AriaRole.Alert)).ToHaveTextAsync("poster.png is larger than 5 MB: a baked badge image must be smaller.");
        var requests = 0;
        page.Request += (_, request) => { if (request.Method == "POST") requests++; };
        await page.GetByRole(AriaRole.Button, new() { Name = "Verify", Exact = true }).ClickAsync();
        await Assertions.Expect(page.GetByLabel("Baked badge images")).ToBeFocusedAsync();
        Assert.Equal(0, requests);
        await CheckPageAsync(page, "file-too-large");
    }
}
