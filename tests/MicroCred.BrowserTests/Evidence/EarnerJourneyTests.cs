using System.Text.RegularExpressions;
using MicroCred.Application.Data;
using MicroCred.Application.Seeding;
using MicroCred.BrowserTests.Infrastructure;
using MicroCred.Domain.Design;
using MicroCred.Domain.Evidence;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace MicroCred.BrowserTests.Evidence;

/// <summary>A teacher's whole journey in the browser: start, write, upload, reload, submit; autosave that survives a failure; the earner's pages.</summary>
public sealed class EarnerJourneyTests(Chromium chromium, AppFixture fixture) : BrowserTest(chromium, fixture), IClassFixture<AppFixture>
{
    private async Task<(Guid CredentialId, CredentialContent Content)> CredentialAsync(string name)
    {
        var (tenantId, slug) = await Fixture.District("springfield");
        await using var scope = Fixture.App.Scope(tenantId, slug);
        var version = await AppFixture.Get<AppDbContext>(scope).CredentialVersions.AsNoTracking().SingleAsync(v => v.Name == name && v.Status == VersionStatus.Published);
        return (version.CredentialId, version.Content);
    }

    private static string Words(int count) => string.Join(' ', Enumerable.Range(0, count).Select(i => i % 5 == 0 ? "students" : "discussed"));

    private static ILocator SaveStatus(IPage page, Guid promptId) => page.Locator($"#prompt-{promptId} [data-save-status]");

    [Fact]
    public async Task An_earner_starts_a_credential_writes_a_reflection_uploads_a_file_reloads_finds_everything_submits_and_sees_the_timeline()
    {
        var (credentialId, content) = await CredentialAsync(DesignSeed.CollectiveLeadership);
        var (charter, impact, reflection) = (content.Prompts[0], content.Prompts[1], content.Prompts[2]);
        var page = await NewPageAsync();
        await LogInAsync(page, "taylor.brooks@springfield.test");
        await page.GotoAsync($"/springfield/credentials/{credentialId}");
        await CheckPageAsync(page, "credential");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start this micro-credential" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(DesignSeed.CollectiveLeadership);
        await Assertions.Expect(page.Locator("#status-heading")).ToHaveTextAsync("Status: Draft");
        await CheckPageAsync(page, "started");

        // The reflection: a live word count, saved as it is typed.
        var text = Words(520);
        var box = page.Locator($"textarea[data-prompt-id='{reflection.Id}']");
        await box.FillAsync(text);
        await Assertions.Expect(page.Locator($"#prompt-{reflection.Id} [data-word-count]")).ToHaveTextAsync("520 words of at most 900");
        await Assertions.Expect(SaveStatus(page, reflection.Id)).ToHaveTextAsync(new Regex("^Saved at "));

        // A file through the uploader: stored, attached to the prompt, previewed.
        var pdf = EvidenceSamples.Pdf();
        await page.GetByLabel($"Upload a file for “{charter.Title}”").SetInputFilesAsync(new FilePayload { Name = "team-charter.pdf", MimeType = "application/pdf", Buffer = pdf });
        await Assertions.Expect(page.Locator($"#prompt-{charter.Id} iframe[title='team-charter.pdf (PDF)']")).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.GetByLabel($"Upload a file for “{impact.Title}”").SetInputFilesAsync(new FilePayload { Name = "student-work.png", MimeType = "image/png", Buffer = EvidenceSamples.Png(60, 40) });
        var image = page.Locator($"#prompt-{impact.Id} img.evidence-media");
        await Assertions.Expect(image).ToBeVisibleAsync(new() { Timeout = 30_000 });
        await page.WaitForFunctionAsync($"() => {{ const i = document.querySelector('#prompt-{impact.Id} img.evidence-media'); return i && i.complete && i.naturalWidth === 60; }}");

        // Everything is still there after a reload.
        await page.ReloadAsync();
        await Assertions.Expect(box).ToHaveValueAsync(text);
        await Assertions.Expect(page.Locator($"#prompt-{charter.Id} .evidence-list")).ToContainTextAsync("team-charter.pdf");
        await Assertions.Expect(page.Locator($"#prompt-{impact.Id} .evidence-list")).ToContainTextAsync("student-work.png");
        await Assertions.Expect(page.Locator("[data-checklist]")).ToContainTextAsync("Every required item is there.");
        await CheckPageAsync(page, "reloaded");

        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for assessment" }).ClickAsync();
        await Assertions.Expect(page.Locator("#status-heading")).ToHaveTextAsync("Status: Submitted");
        var timeline = page.GetByRole(AriaRole.List, new() { Name = "Status timeline" });
        await Assertions.Expect(timeline.Locator("li")).ToHaveCountAsync(5);
        await Assertions.Expect(timeline.Locator("li.done")).ToHaveCountAsync(2);
        await Assertions.Expect(timeline.Locator("li[aria-current=step]")).ToContainTextAsync("Submitted");
        await Assertions.Expect(page.Locator("textarea")).ToHaveCountAsync(0);
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new() { Name = "Withdraw my submission" })).ToBeVisibleAsync();
        await CheckPageAsync(page, "submitted");
        await using var scope = await Fixture.As("taylor.brooks@springfield.test", "springfield");
        Assert.Equal(1, await AppFixture.Get<AppDbContext>(scope).Submissions.CountAsync(s => s.CredentialId == credentialId && s.Status == SubmissionStatus.Submitted));
    }

    [Fact]
    public async Task Text_typed_while_saving_fails_is_kept_in_the_browser_and_offered_back_after_a_reload()
    {
        ExpectConsoleErrors("Failed to load resource");
        var (credentialId, content) = await CredentialAsync(DesignSeed.CollectiveLeadership);
        var reflection = content.Prompts[2];
        var page = await NewPageAsync();
        await LogInAsync(page, "sam.ortiz@springfield.test");
        await page.GotoAsync($"/springfield/credentials/{credentialId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start this micro-credential" }).ClickAsync();
        var box = page.Locator($"textarea[data-prompt-id='{reflection.Id}']");
        await box.FillAsync("The first sentence is saved.");
        await Assertions.Expect(SaveStatus(page, reflection.Id)).ToHaveTextAsync(new Regex("^Saved at "));

        // The server fails while the teacher keeps typing.
        await page.RouteAsync("**/*handler=Autosave*", route => route.FulfillAsync(new() { Status = 500, Body = "down" }));
        await box.FillAsync("The first sentence is saved. The second one is typed while the server is down.");
        await Assertions.Expect(SaveStatus(page, reflection.Id)).ToContainTextAsync("Not saved: The server answered 500.");
        await Assertions.Expect(SaveStatus(page, reflection.Id)).ToContainTextAsync("kept in this browser");
        await CheckPageAsync(page, "not-saved");

        // The tab is reloaded (or closed and opened again) while the server still fails: it has the first sentence, the
        // browser offers the rest.
        await page.ReloadAsync();
        await Assertions.Expect(box).ToHaveValueAsync("The first sentence is saved.");
        var restore = page.Locator($"#prompt-{reflection.Id} [data-restore]");
        await Assertions.Expect(restore).ToBeVisibleAsync();
        await Assertions.Expect(restore).ToContainTextAsync("that was not saved (15 words). Restore it?");
        await CheckPageAsync(page, "restore-offered");
        await page.UnrouteAllAsync(new() { Behavior = UnrouteBehavior.IgnoreErrors });
        await restore.GetByRole(AriaRole.Button, new() { Name = "Restore it" }).ClickAsync();
        await Assertions.Expect(box).ToHaveValueAsync("The first sentence is saved. The second one is typed while the server is down.");
        await Assertions.Expect(SaveStatus(page, reflection.Id)).ToHaveTextAsync(new Regex("^Saved at "));

        await page.ReloadAsync();
        await Assertions.Expect(box).ToHaveValueAsync("The first sentence is saved. The second one is typed while the server is down.");
        await Assertions.Expect(restore).ToBeHiddenAsync();
    }

    [Fact]
    public async Task A_refused_file_and_an_incomplete_submission_say_what_is_wrong()
    {
        ExpectConsoleErrors("status of 415"); // the refused upload's answer
        var (credentialId, content) = await CredentialAsync(DesignSeed.CollectiveLeadership);
        var charter = content.Prompts[0];
        var page = await NewPageAsync();
        await LogInAsync(page, "riley.chen@springfield.test");
        await page.GotoAsync($"/springfield/credentials/{credentialId}");
        await page.GetByRole(AriaRole.Button, new() { Name = "Start this micro-credential" }).ClickAsync();

        await page.GetByLabel($"Upload a file for “{charter.Title}”").SetInputFilesAsync(new FilePayload { Name = "charter.pdf", MimeType = "application/pdf", Buffer = EvidenceSamples.Zip() });
        await Assertions.Expect(page.Locator($"#prompt-{charter.Id} [data-upload-error]")).ToContainTextAsync("ZIP archive");
        await CheckPageAsync(page, "refused-file");

        await page.GetByRole(AriaRole.Button, new() { Name = "Submit for assessment" }).ClickAsync();
        await Assertions.Expect(page.Locator(".error-summary")).ToContainTextAsync("Your submission is not complete yet: 3 items need attention.");
        await Assertions.Expect(page.Locator(".missing-list a")).ToHaveCountAsync(3);
        await CheckPageAsync(page, "incomplete");
        await page.Locator(".missing-list a").First.ClickAsync();
        await ExpectUrlAsync(page, new Regex($"#prompt-{charter.Id}$"));
    }

    [Fact]
    public async Task My_credentials_an_awarded_credential_and_the_recommendations_page_pass_their_checks()
    {
        var page = await NewPageAsync();
        await LogInAsync(page, "earner@springfield.test");
        await page.GotoAsync("/springfield");
        await GoViaMenuAsync(page, "My learning", "My credentials and plan");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("My credentials");
        await Assertions.Expect(page.Locator(".attention-list")).ToContainTextAsync(DesignSeed.EquitableCulture);
        await CheckPageAsync(page, "dashboard");

        // An awarded credential (the demo's awarded work carries files stored by another instance, so award a written one here).
        Guid awarded;
        await using (var scope = await Fixture.As("earner@springfield.test", "springfield"))
        {
            using var _ = AppFixture.Get<MicroCred.Application.Data.AuditScope>(scope).Begin("TestAwards", null);
            var db = AppFixture.Get<AppDbContext>(scope);
            var me = await Fixture.UserId("earner@springfield.test");
            var scored = await db.Submissions.Where(s => s.EarnerId == me && s.Status == SubmissionStatus.Scored).OrderBy(s => s.ScoredAt).FirstAsync();
            scored.Award(null, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
            awarded = scored.Id;
        }
        await page.GotoAsync($"/springfield/evidence/submissions/{awarded}");
        await Assertions.Expect(page.Locator("#status-heading")).ToHaveTextAsync("Status: Awarded");
        await page.GetByLabel("Public: my badge links to it").CheckAsync();
        await page.GetByRole(AriaRole.Button, new() { Name = "Save evidence privacy" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Your evidence is now public");
        await Assertions.Expect(page.GetByLabel("Public: my badge links to it")).ToBeCheckedAsync();
        await CheckPageAsync(page, "awarded");

        var (goingPublic, _) = await CredentialAsync(DesignSeed.VideoFeedback);
        await page.GotoAsync($"/springfield/credentials/{goingPublic}");
        await CheckPageAsync(page, "recommended-credential");

        var admin = await NewPageAsync();
        await LogInAsync(admin, "admin@springfield.test");
        await admin.GotoAsync("/springfield");
        await GoViaMenuAsync(admin, "District admin", "Recommended micro-credentials");
        await Assertions.Expect(admin.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Recommended micro-credentials");
        await admin.GetByLabel("Micro-credential", new() { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = DesignSeed.GoingPublic });
        await admin.GetByRole(AriaRole.Button, new() { Name = "Recommend", Exact = true }).ClickAsync();
        await Assertions.Expect(admin.Locator("table.recommendations")).ToContainTextAsync(DesignSeed.GoingPublic);
        await CheckPageAsync(admin, "recommendations");
    }
}
