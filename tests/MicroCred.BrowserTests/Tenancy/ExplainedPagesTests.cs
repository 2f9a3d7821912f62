using System.Text.RegularExpressions;
using MicroCred.Application.Features.Assessment;
using MicroCred.Application.Seeding;
using MicroCred.BrowserTests.Infrastructure;
using MicroCred.Domain.Assessment;
using MicroCred.Domain.Design;
using MicroCred.Domain.Tenancy;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace MicroCred.BrowserTests.Tenancy;

/// <summary>
/// The pages that explain themselves (audit trail, reports, the Issuer's decision with every assessor's levels, adapting a
/// credential) pass axe and fit a 390 px phone without the page scrolling sideways.
/// </summary>
public sealed class ExplainedPagesTests(Chromium chromium, AppFixture fixture) : BrowserTest(chromium, fixture), IClassFixture<AppFixture>
{
    private readonly AssessmentKit kit = new(fixture);

    private static async Task FitsPhoneAsync(IPage page, string step)
    {
        if (await page.EvaluateAsync<bool>("document.documentElement.scrollWidth <= window.innerWidth")) return;
        // Name what sticks out (outside any container that scrolls on its own), so the failure says what to fix.
        var wide = await page.EvaluateAsync<string[]>("""
            Array.from(document.querySelectorAll('body *'))
              .filter(e => e.getBoundingClientRect().right > window.innerWidth + 1 && !e.closest('.table-wrap'))
              .slice(0, 8).map(e => `${e.tagName.toLowerCase()}.${e.className}#${e.id} (${Math.round(e.getBoundingClientRect().right)} px)`)
            """);
        Assert.Fail($"{step}: the page scrolls sideways at 390 px: {string.Join(", ", wide)}");
    }

    [Fact]
    public async Task The_audit_trail_and_reports_read_in_words_on_a_phone()
    {
        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await LogInAsync(page, "admin@springfield.test");

        await page.GotoAsync("/springfield/admin/audit");
        await page.GetByLabel("Action").SelectOptionAsync(new SelectOptionValue { Label = "Loaded the demo data" });
        await page.GetByRole(AriaRole.Button, new() { Name = "Filter" }).ClickAsync();
        await ExpectUrlAsync(page, new Regex("action=SeedDemoData"));
        await Assertions.Expect(page.Locator("tbody tr").First).ToContainTextAsync("Loaded the demo data");
        await Assertions.Expect(page.GetByRole(AriaRole.Link, new() { Name = "Download these entries as CSV" })).ToBeVisibleAsync();
        await CheckPageAsync(page, "audit");
        await FitsPhoneAsync(page, "audit");

        await page.GotoAsync("/springfield/admin/reports");
        await page.GetByText("What these figures count").ClickAsync();
        await Assertions.Expect(page.Locator("#issued-breakdown")).ToBeVisibleAsync();
        await page.Locator("#awards-chart-caption ~ details > summary").ClickAsync();
        await Assertions.Expect(page.Locator("#awards-chart-caption ~ details table")).ToBeVisibleAsync();
        await CheckPageAsync(page, "reports");
        await FitsPhoneAsync(page, "reports");
    }

    [Fact]
    public async Task The_issuer_compares_both_assessors_levels_on_a_phone()
    {
        await kit.Policy(AssignmentMode.Automatic, doubleScoringPercent: 100);
        var (credentialId, rubric, _) = await kit.Credential("Phone: two assessors");
        await kit.Qualify(credentialId, AssessmentKit.Asa, AssessmentKit.Morgan, AssessmentKit.Jordan);
        var id = await kit.Submit(AssessmentKit.Erin, credentialId);
        await kit.AssignWaitingWork();
        foreach (var (assignment, points) in (await kit.Assignments(id)).Where(a => a.IsActive).OrderBy(a => a.Role).Zip(new[] { new[] { 2, 3, 2 }, new[] { 2, 2, 2 } }))
            await kit.As(await kit.EmailOf(assignment.AssessorId), s => s.Send(new SubmitScore(id, AssessmentKit.Levels(rubric, points), "Overall.")).AsTask());

        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await LogInAsync(page, AssessmentKit.Issuer);
        await page.GotoAsync($"/springfield/issuing/decisions/{id}");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Name = "Each assessor’s levels" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("table.assessor-scores tr.differs")).ToHaveCountAsync(1);
        await CheckPageAsync(page, "decision");
        await FitsPhoneAsync(page, "decision");
    }

    [Fact]
    public async Task A_developer_adapts_another_districts_credential_on_a_phone()
    {
        await using var scope = await Fixture.As("issuer@springfield.test", "springfield");
        var original = await AppFixture.Get<Application.Data.AppDbContext>(scope).CredentialVersions
            .Where(v => v.Name == DesignSeed.GoingPublic && v.Status == VersionStatus.Published).Select(v => v.CredentialId).SingleAsync();

        var page = await NewPageAsync();
        await page.SetViewportSizeAsync(390, 844);
        await LogInAsync(page, "developer@shelbyville.test");
        await page.GotoAsync($"/springfield/credentials/{original}");
        await CheckPageAsync(page, "catalog-credential");
        await FitsPhoneAsync(page, "catalog-credential");
        await page.GetByRole(AriaRole.Link, new() { Name = "Adapt into Shelbyville Unified" }).ClickAsync();
        await ExpectUrlAsync(page, new Regex("/shelbyville/design/credentials/adapt/springfield/"));
        await CheckPageAsync(page, "adapt");
        await FitsPhoneAsync(page, "adapt");
        await page.GetByRole(AriaRole.Button, new() { Name = "Adapt into a new draft" }).ClickAsync();
        await ExpectUrlAsync(page, new Regex("/shelbyville/design/credentials/[0-9a-f-]{36}$"));
        await Assertions.Expect(page.GetByText("Adapted into a new draft of your district")).ToBeVisibleAsync();
    }
}
