using System.Text.RegularExpressions;
using MicroCred.BrowserTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.Playwright;

namespace MicroCred.BrowserTests.Assessment;

/// <summary>Every assessment page, with the demo data in it, passes axe-core and works by keyboard where it matters.</summary>
public sealed class AssessmentPagesTests(Chromium chromium, AppFixture fixture) : BrowserTest(chromium, fixture), IClassFixture<AppFixture>
{
    [Fact]
    public async Task The_admin_pages_show_queue_health_qualifications_anchors_reliability_and_schools()
    {
        var page = await NewPageAsync();
        await LogInAsync(page, AssessmentKit.Admin);
        await page.GotoAsync("/springfield");
        await GoViaMenuAsync(page, "Assessing", "Assessment oversight");
        await Assertions.Expect(page.GetByRole(AriaRole.List, new() { Name = "Queue health" })).ToContainTextAsync("overdue");
        await Assertions.Expect(page.Locator("tr.overdue").First).ToContainTextAsync("Overdue");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Adjudication");
        await CheckPageAsync(page, "queue");

        await page.Locator("tr", new() { HasText = "Adjudication" }).GetByRole(AriaRole.Link).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("Review of S-");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Adjudicator");
        await CheckPageAsync(page, "review");

        await page.GotoAsync("/springfield/assessment/admin/reliability");
        await Assertions.Expect(page.Locator("svg[role=img]").First).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("tr.flagged", new() { HasText = "Jordan Kim" }).First).ToContainTextAsync("Below 80 %");
        await CheckPageAsync(page, "reliability");

        await page.GotoAsync("/springfield/assessment/admin/qualifications");
        await Assertions.Expect(page.Locator("tr", new() { HasText = "Pat Rivera" })).ToContainTextAsync("Calibration required");
        await CheckPageAsync(page, "qualifications");

        await page.GotoAsync("/springfield/assessment/admin/anchors");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Anchor 1: a clear case");
        await CheckPageAsync(page, "anchors");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Mark as anchor") }).First.ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToContainTextAsync("as an anchor");
        await CheckPageAsync(page, "mark-anchor");
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the anchor" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Anchor saved");
        await page.GetByRole(AriaRole.Link, new() { Name = "Write an anchor from scratch" }).ClickAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save the anchor" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToBeVisibleAsync();
        await CheckPageAsync(page, "write-anchor-refused");

        await page.GotoAsync("/springfield/assessment/admin/schools");
        await Assertions.Expect(page.Locator("main")).ToContainTextAsync("Evergreen Terrace Elementary");
        await CheckPageAsync(page, "schools");
    }

    [Fact]
    public async Task A_candidate_calibrates_on_the_anchors_and_sees_the_agreement()
    {
        var page = await NewPageAsync();
        await LogInAsync(page, AssessmentKit.Pat);
        await page.GotoAsync("/springfield/assessment");
        await CheckPageAsync(page, "dashboard");
        await page.GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Calibrate") }).ClickAsync();
        await CheckPageAsync(page, "calibration");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start calibration" }).ClickAsync();
        await page.GetByRole(AriaRole.Main).GetByRole(AriaRole.Link, new() { NameRegex = new Regex("^Anchor \\d") }).First.ClickAsync(); // Pat's own work is never among them
        await Assertions.Expect(page.Locator(".evidence-pane")).ToContainTextAsync("Written reflection");
        await CheckPageAsync(page, "anchor");
        // Score every anchor Proficient throughout, anchor after anchor.
        while (page.Url.Contains("/anchors/", StringComparison.Ordinal))
        {
            foreach (var group in await page.Locator("fieldset.criterion").AllAsync())
                await group.GetByRole(AriaRole.Radio, new() { Name = "Proficient", Exact = false }).CheckAsync();
            await page.GetByRole(AriaRole.Button, new() { NameRegex = new Regex("^Save and") }).ClickAsync();
            await page.WaitForLoadStateAsync();
        }
        await page.GetByRole(AriaRole.Button, new() { Name = "Submit my calibration" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Calibration");
        await Assertions.Expect(page.GetByRole(AriaRole.Region, new() { Name = "Last result" })).ToContainTextAsync("% exact agreement");
        await CheckPageAsync(page, "result");

        await page.GotoAsync("/springfield/profile");
        await CheckPageAsync(page, "profile");
    }
}
