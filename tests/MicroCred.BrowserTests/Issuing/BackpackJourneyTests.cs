using System.Text;
using System.Text.RegularExpressions;
using MicroCred.Application.Seeding;
using MicroCred.BrowserTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.Playwright;

namespace MicroCred.BrowserTests.Issuing;

/// <summary>
/// Bulk issuing and the backpack in the browser: an Issuer imports a CSV, reads the preview's errors, issues and watches
/// the progress; the teacher finds the badge in their backpack, shares it and publishes a profile.
/// </summary>
public sealed class BackpackJourneyTests(Chromium chromium, AppFixture fixture) : BrowserTest(chromium, fixture), IClassFixture<AppFixture>
{
    private readonly BadgeKit kit = new(fixture);

    [Fact]
    public async Task An_issuer_imports_a_csv_watches_it_reach_100_percent_and_the_teacher_finds_the_badge_in_their_backpack()
    {
        var csv = "email,credential,date,evidence_url\r\n"
            + $"taylor.brooks@springfield.test,\"{DesignSeed.Discourse}\",2024-05-31,https://example.org/portfolio/taylor\r\n"
            + $"riley.chen@springfield.test,{DesignSeed.EquitableCulture},2024-02-30,\r\n"
            + $"sam.ortiz@springfield.test,{DesignSeed.CollectiveLeadership},2023-10-01,\r\n";

        var issuer = await NewPageAsync();
        await LogInAsync(issuer, "issuer@springfield.test");
        await issuer.GotoAsync("/springfield");
        await GoViaMenuAsync(issuer, "Issuing", "Import badges");
        await ExpectUrlAsync(issuer, new Regex("/springfield/issuing/import$"));
        await CheckPageAsync(issuer, "import");

        await issuer.GetByLabel("CSV file").SetInputFilesAsync(new FilePayload { Name = "records.csv", MimeType = "text/csv", Buffer = Encoding.UTF8.GetBytes(csv) });
        await issuer.GetByRole(AriaRole.Button, new() { Name = "Check the file" }).ClickAsync();
        await ExpectUrlAsync(issuer, new Regex("/springfield/issuing/import/[0-9a-f-]{36}$"));
        var errorRow = issuer.Locator("table.import-rows tr[data-line='3']");
        await Assertions.Expect(errorRow).ToContainTextAsync("Error");
        await Assertions.Expect(errorRow).ToContainTextAsync("“2024-02-30” is not a date");
        await Assertions.Expect(issuer.Locator("table.import-rows tr[data-line='2']")).ToContainTextAsync("Ready");
        await CheckPageAsync(issuer, "preview");

        await issuer.GetByRole(AriaRole.Button, new() { Name = "Issue 2 badges" }).ClickAsync();
        var progress = issuer.Locator("[data-import-status]");
        await Assertions.Expect(progress).ToContainTextAsync("100 %", new() { Timeout = 60_000 });
        await Assertions.Expect(issuer.Locator("progress#import-bar")).ToHaveAttributeAsync("value", "100");
        // Once done, every row says what happened to it.
        await Assertions.Expect(issuer.Locator("table.import-rows tr[data-line='2']")).ToContainTextAsync("Issued", new() { Timeout = 30_000 });
        await Assertions.Expect(issuer.Locator("table.import-rows tr[data-line='4']")).ToContainTextAsync("Issued");
        await Assertions.Expect(issuer.Locator("table.import-rows tr[data-line='3']")).ToContainTextAsync("Error");
        await Assertions.Expect(progress).ToContainTextAsync("2 badges issued");
        await CheckPageAsync(issuer, "done");

        // Taylor finds it in the backpack, from the account menu.
        var taylor = await NewPageAsync();
        await LogInAsync(taylor, "taylor.brooks@springfield.test");
        await taylor.GotoAsync("/springfield");
        await taylor.Locator(".account-menu summary").ClickAsync();
        await taylor.GetByRole(AriaRole.Link, new() { Name = "My backpack" }).ClickAsync();
        await ExpectUrlAsync(taylor, new Regex("/backpack$"));
        var badge = taylor.Locator("li.backpack-badge").Filter(new() { HasText = DesignSeed.Discourse });
        await Assertions.Expect(badge).ToHaveCountAsync(1);
        await Assertions.Expect(badge).ToContainTextAsync("Valid");
        await Assertions.Expect(badge).ToContainTextAsync("31 May 2024");
        await Assertions.Expect(badge.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Add to LinkedIn profile") })).ToHaveAttributeAsync("href", new Regex("^https://www\\.linkedin\\.com/profile/add\\?startTask=CERTIFICATION_NAME"));
        await Assertions.Expect(badge.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Baked PNG") })).ToHaveAttributeAsync("href", new Regex("/public/assertions/[0-9a-f-]{36}/image$"));
        await CheckPageAsync(taylor, "backpack");
    }

    [Fact]
    public async Task A_teacher_copies_a_share_link_and_publishes_a_profile_with_the_badges_they_choose()
    {
        var shown = await kit.Issue("pat.rivera@springfield.test", "springfield", DesignSeed.GoingPublic);
        await kit.Issue("pat.rivera@springfield.test", "shelbyville", DesignSeed.RestorativeCircles);
        var revoked = await kit.Issue("pat.rivera@springfield.test", "springfield", DesignSeed.VirtualOrganizing);
        await kit.Revoke(revoked, "springfield", "Awarded for the wrong year.");

        var pat = await NewPageAsync();
        await pat.Context.GrantPermissionsAsync(["clipboard-read", "clipboard-write"], new() { Origin = Fixture.BaseAddress.GetLeftPart(UriPartial.Authority) });
        await LogInAsync(pat, "pat.rivera@springfield.test");
        await pat.GotoAsync("/backpack");
        await Assertions.Expect(pat.Locator("main section h2")).ToHaveTextAsync([new Regex("^Shelbyville Unified"), new Regex("^Springfield Public Schools")]);
        var gone = pat.Locator("li.backpack-badge").Filter(new() { HasText = DesignSeed.VirtualOrganizing });
        await Assertions.Expect(gone).ToContainTextAsync("Revoked");
        await Assertions.Expect(gone).ToContainTextAsync("Awarded for the wrong year.");

        // Copy the link by keyboard.
        var going = pat.Locator("li.backpack-badge").Filter(new() { HasText = DesignSeed.GoingPublic });
        await going.GetByRole(AriaRole.Button, new() { Name = "Copy link" }).FocusAsync();
        await pat.Keyboard.PressAsync("Enter");
        await Assertions.Expect(going.Locator(".copy-status")).ToHaveTextAsync("Link copied.");
        Assert.EndsWith($"/public/assertions/{shown}", await pat.EvaluateAsync<string>("navigator.clipboard.readText()"));
        await CheckPageAsync(pat, "backpack");

        await pat.GetByRole(AriaRole.Link, new() { Name = "Public profile settings" }).ClickAsync();
        await ExpectUrlAsync(pat, new Regex("/backpack/profile$"));
        await Assertions.Expect(pat.GetByLabel("Show my public profile")).Not.ToBeCheckedAsync();
        await Assertions.Expect(pat.GetByLabel(new Regex(DesignSeed.VirtualOrganizing))).ToHaveCountAsync(0); // revoked: not offered
        await CheckPageAsync(pat, "profile-settings");
        await pat.GetByLabel("Handle").FillAsync("not ok!");
        await pat.GetByLabel("Show my public profile").CheckAsync();
        await pat.GetByLabel(new Regex(DesignSeed.GoingPublic)).CheckAsync();
        await pat.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();
        await Assertions.Expect(pat.Locator(".error-summary")).ToContainTextAsync("letters a–z, digits and hyphens");
        await Assertions.Expect(pat.GetByLabel("Handle")).ToHaveValueAsync("not ok!");
        await CheckPageAsync(pat, "profile-error");
        await pat.GetByLabel("Handle").FillAsync("pat-rivera");
        await pat.GetByRole(AriaRole.Button, new() { Name = "Save profile" }).ClickAsync();
        await Assertions.Expect(pat.GetByRole(AriaRole.Status)).ToContainTextAsync("Your public profile shows 1 badge.");

        // Anyone, without logging in.
        var visitor = await NewPageAsync();
        await visitor.GotoAsync("/public/profiles/pat-rivera");
        await Assertions.Expect(visitor.Locator("h1")).ToHaveTextAsync("Pat Rivera");
        await Assertions.Expect(visitor.Locator("main li.credential-card")).ToHaveCountAsync(1);
        await Assertions.Expect(visitor.Locator("main")).ToContainTextAsync(DesignSeed.GoingPublic);
        await Assertions.Expect(visitor.Locator("main")).Not.ToContainTextAsync(DesignSeed.RestorativeCircles);
        await CheckPageAsync(visitor, "public-profile");
    }
}
