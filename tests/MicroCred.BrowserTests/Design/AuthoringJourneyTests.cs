using System.Text.RegularExpressions;
using MicroCred.Application.Data;
using MicroCred.BrowserTests.Infrastructure;
using MicroCred.Domain.Design;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace MicroCred.BrowserTests.Design;

/// <summary>A developer authors, previews and publishes a micro-credential with a full rubric, entirely in the browser.</summary>
public sealed partial class AuthoringJourneyTests(Chromium chromium, AppFixture fixture) : BrowserTest(chromium, fixture), IClassFixture<AppFixture>
{
    private const string Name = "Eliciting Student Thinking with Number Talks";

    private static ILocator Group(IPage page, string name) => page.GetByRole(AriaRole.Group, new() { Name = name, Exact = true });
    private static ILocator Button(ILocator scope, string name) => scope.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });
    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    [Fact]
    public async Task A_developer_authors_previews_and_publishes_a_credential_and_editing_it_starts_version_2()
    {
        var page = await NewPageAsync();
        page.Dialog += async (_, dialog) => await dialog.AcceptAsync();
        await LogInAsync(page, "developer@springfield.test");
        await page.GotoAsync("/springfield");
        await GoViaMenuAsync(page, "Designing", "Design workspace");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync("Design workspace");
        await CheckPageAsync(page, "workspace");

        await page.GetByLabel("Name").FillAsync(Name);
        await Button(page, "Create and edit").ClickAsync();
        await ExpectUrlAsync(page, EditorUrl());
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Created the draft");
        var editorUrl = page.Url;
        await CheckPageAsync(page, "new-draft");

        // Script on: the spare rows became "Add" buttons. Type a component, then try to publish far too early.
        await Button(page, "Add a component").ClickAsync();
        await Assertions.Expect(page.GetByLabel("Component 1", new() { Exact = true })).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("Revoicing");
        await Button(page, "Publish version 1").ClickAsync();
        var problems = page.GetByRole(AriaRole.Alert).Filter(new() { HasText = "There is a problem" });
        await Assertions.Expect(problems).ToBeFocusedAsync();
        await Assertions.Expect(problems).ToContainTextAsync("This credential is not ready to publish");
        foreach (var missing in new[] { "Write the competency statement.", "Add at least one evidence prompt to the submission guidelines.",
                     "Add at least one criterion to the rubric.", "Set the rubric's passing rule.", "Align the credential to at least one standard." })
            await Assertions.Expect(problems).ToContainTextAsync(missing);
        await Assertions.Expect(page.GetByLabel("Component 1", new() { Exact = true })).ToHaveValueAsync("Revoicing");
        await CheckPageAsync(page, "publish-refused");

        // Every category, in the order of the form.
        await page.GetByLabel("Short description").FillAsync("Students build on each other's ideas in whole-class discussion.");
        await page.GetByLabel("Competency statement").FillAsync("The educator facilitates discussion in which students reason together.");
        await page.GetByRole(AriaRole.Textbox, new() { Name = "Key method", Exact = true }).FillAsync("Talk moves that open up student thinking.");
        await Button(page, "Add a component").ClickAsync();
        await page.Keyboard.TypeAsync("Wait time");
        await page.GetByLabel("Why this competency matters").FillAsync("Productive talk improves reasoning.");
        await Button(page, "Add a citation").ClickAsync();
        var citation = Group(page, "Citation 1");
        await citation.GetByLabel("Reference").FillAsync("Michaels, S., & O'Connor, C. (2015). Conceptualizing talk moves as tools.");
        await citation.GetByLabel("Link").FillAsync("https://example.org/talk-moves");
        await Button(page, "Add a resource").ClickAsync();
        var resource = Group(page, "Resource 1");
        await resource.GetByLabel("Title").FillAsync("Talk moves video");
        await resource.GetByLabel("Kind").SelectOptionAsync("Video");
        await resource.GetByLabel("Web address").FillAsync("https://example.org/video");

        await Button(page, "Add an evidence prompt").ClickAsync();
        var video = Group(page, "Evidence prompt 1");
        await video.GetByLabel("Title").FillAsync("Classroom video");
        await video.GetByLabel("Instructions").FillAsync("Record ten minutes of a whole-class discussion.");
        await Assertions.Expect(video.GetByRole(AriaRole.Group, new() { Name = "Accepted files" })).ToBeVisibleAsync();
        await Button(page, "Add an evidence prompt").ClickAsync();
        var reflection = Group(page, "Evidence prompt 2");
        await reflection.GetByLabel("Title").FillAsync("Reflection");
        await reflection.GetByLabel("Instructions").FillAsync("Which talk moves did you use, and what changed?");
        await reflection.GetByLabel("Kind of evidence").SelectOptionAsync("Reflection");
        await Assertions.Expect(reflection.GetByRole(AriaRole.Group, new() { Name = "Accepted files" })).ToBeHiddenAsync();
        await reflection.GetByLabel("Minimum words").FillAsync("200");
        await reflection.GetByLabel("Maximum words").FillAsync("600");

        // The rubric: three criteria, one moved up by keyboard, one removed; the typed words travel with their rows.
        var levels = new[] { "Not yet", "Developing", "Proficient", "Exemplary" };
        var criteria = new[] { "Uses talk moves", "Extra criterion", "Students build on ideas" };
        for (var i = 0; i < criteria.Length; i++)
        {
            await Button(page, "Add a criterion").ClickAsync();
            var title = page.GetByLabel($"Criterion {i + 1}", new() { Exact = true });
            await Assertions.Expect(title).ToBeFocusedAsync();
            await title.FillAsync(criteria[i]);
            foreach (var level in levels)
                await page.GetByLabel($"{criteria[i]}, {level}: descriptor").FillAsync($"{criteria[i]}: {level.ToLowerInvariant()} descriptor");
        }
        var rows = page.Locator("[data-criteria] tr");
        await rows.Nth(0).GetByLabel("Classroom video").CheckAsync();
        await rows.Nth(0).GetByLabel("Reflection").CheckAsync();
        await rows.Nth(2).GetByLabel("Reflection").CheckAsync();
        await CheckPageAsync(page, "rubric-typed");

        await Button(rows.Nth(2), "Move criterion 3 up").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(rows.Nth(1).GetByLabel("Criterion 2", new() { Exact = true })).ToHaveValueAsync("Students build on ideas");
        await Assertions.Expect(page.Locator(":focus")).ToHaveAccessibleNameAsync("Move criterion 2 up");
        await Button(rows.Nth(2), "Remove criterion 3").ClickAsync();
        await Assertions.Expect(rows).ToHaveCountAsync(2);
        await Assertions.Expect(page.GetByLabel("Students build on ideas, Exemplary: descriptor")).ToHaveValueAsync("Students build on ideas: exemplary descriptor");
        await Assertions.Expect(rows.Nth(1).GetByLabel("Reflection")).ToBeCheckedAsync();
        await Assertions.Expect(page.GetByLabel("Extra criterion, Not yet: descriptor")).ToHaveCountAsync(0);

        // A level added and taken away again leaves the four the district chose.
        await Button(page, "Add a level").ClickAsync();
        await page.Keyboard.TypeAsync("Beyond");
        await Assertions.Expect(page.GetByLabel("Uses talk moves, Beyond: descriptor")).ToBeVisibleAsync();
        await Button(page, "Remove Beyond").ClickAsync();
        await Assertions.Expect(page.Locator("[data-levels] [data-level]")).ToHaveCountAsync(4);

        await page.GetByLabel("Every criterion at or above").SelectOptionAsync(new SelectOptionValue { Label = "Proficient" });
        await Button(page, "Add a standard").ClickAsync();
        var standard = Group(page, "Standard 1");
        await standard.GetByLabel("Framework").FillAsync("ISTE Standards for Educators");
        await standard.GetByLabel("Code").FillAsync("2.5.a");
        await standard.GetByLabel("Standard", new() { Exact = true }).FillAsync("Designer");
        await standard.GetByLabel("Link").FillAsync("https://iste.org/standards/educators");
        await page.GetByLabel("Estimated hours to earn").FillAsync("15");
        await page.GetByLabel("Tags").FillAsync("discourse, questioning");
        await page.GetByLabel("Grade bands").FillAsync("6-8");
        await page.GetByLabel("Subjects").FillAsync("Mathematics");
        await page.GetByLabel("Expires after").CheckAsync();
        await page.GetByLabel("Number of months before it expires").FillAsync("36");
        await CheckPageAsync(page, "filled");

        await Button(page, "Save draft").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Draft saved.");
        await Assertions.Expect(page.Locator(".checklist")).ToContainTextAsync("Everything earners need is in place.");
        await Assertions.Expect(page.GetByLabel("Criterion 2", new() { Exact = true })).ToHaveValueAsync("Students build on ideas");
        await Assertions.Expect(page.GetByLabel("Uses talk moves, Proficient: descriptor")).ToHaveValueAsync("Uses talk moves: proficient descriptor");
        await Assertions.Expect(Group(page, "Evidence prompt 2").GetByLabel("Kind of evidence")).ToHaveValueAsync("Reflection");
        await CheckPageAsync(page, "saved");

        await page.GetByRole(AriaRole.Link, new() { Name = "Preview as earners see it" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Note)).ToContainTextAsync("Preview — not published");
        await Assertions.Expect(page.GetByRole(AriaRole.Heading, new() { Level = 1 })).ToHaveTextAsync(Name);
        var sections = await page.Locator(".credential-view h2").AllInnerTextsAsync();
        Assert.Equal(["Competency", "Key method", "Research", "Resources", "Submission guidelines", "Rubric", "Standards", "Hours"], sections);
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { NameRegex = new Regex("^Students build on ideas") })).ToContainTextAsync("Students build on ideas: developing descriptor");
        await Assertions.Expect(page.Locator(".passing-rule")).ToContainTextAsync("Every criterion at Proficient or above");
        await CheckPageAsync(page, "preview");

        await page.GetByRole(AriaRole.Link, new() { Name = "Back to the editor" }).ClickAsync();
        await Button(page, "Publish version 1").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Published version 1");
        await Assertions.Expect(page.Locator(".page-head")).ToContainTextAsync("Published version 1");
        await CheckPageAsync(page, "published");

        await page.GetByRole(AriaRole.Link, new() { Name = "Design workspace" }).ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Row, new() { NameRegex = new Regex(Name) })).ToContainTextAsync("Published v1");
        await CheckPageAsync(page, "workspace-published");

        await page.GotoAsync(editorUrl);
        await Button(page, "Edit (creates version 2)").ClickAsync();
        await Assertions.Expect(page.Locator(".page-head")).ToContainTextAsync("Draft version 2");
        await Assertions.Expect(page.Locator(".page-head")).ToContainTextAsync("Published version 1");
        await page.GetByLabel("Name", new() { Exact = true }).FillAsync(Name + ", second edition");
        await Button(page, "Save draft").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Draft saved.");
        await CheckPageAsync(page, "version-2");

        await using var scope = await Fixture.As("developer@springfield.test", "springfield");
        var versions = await AppFixture.Get<AppDbContext>(scope).CredentialVersions.AsNoTracking()
            .Where(v => v.Name.StartsWith(Name)).OrderBy(v => v.Number).ToListAsync();
        Assert.Equal([(1, VersionStatus.Published, Name), (2, VersionStatus.Draft, Name + ", second edition")],
            versions.Select(v => (v.Number, v.Status, v.Content.Name)));
        Assert.Equal(["Uses talk moves", "Students build on ideas"], versions[0].Content.Rubric.Criteria.Select(c => c.Title));
    }

    private static Regex EditorUrl() => EditorPath();

    [GeneratedRegex("/springfield/design/credentials/[0-9a-f-]{36}$")]
    private static partial Regex EditorPath();
}

/// <summary>Design settings in the browser (its own database: the levels it changes are every new credential's).</summary>
public sealed class DesignSettingsJourneyTests(Chromium chromium, AppFixture fixture) : BrowserTest(chromium, fixture), IClassFixture<AppFixture>
{
    private static ILocator Group(IPage page, string name) => page.GetByRole(AriaRole.Group, new() { Name = name, Exact = true });
    private static ILocator Button(IPage page, string name) => page.GetByRole(AriaRole.Button, new() { Name = name, Exact = true });

    [Fact]
    public async Task Design_settings_edit_the_districts_levels_and_frameworks_by_keyboard()
    {
        var page = await NewPageAsync();
        await LogInAsync(page, "developer@springfield.test");
        await page.GotoAsync("/springfield/design/settings");
        await CheckPageAsync(page, "settings");
        // The demo district already keeps frameworks: the new one comes after them.
        var added = $"Framework {await page.GetByRole(AriaRole.Group, new() { NameRegex = new System.Text.RegularExpressions.Regex(@"^Framework \d+$") }).CountAsync() + 1}";
        await Button(page, "Add a framework").ClickAsync();
        await Assertions.Expect(Group(page, added).GetByLabel("Name")).ToBeFocusedAsync();
        await page.Keyboard.TypeAsync("InTASC");
        await Button(page, "Move down level 1").FocusAsync();
        await page.Keyboard.PressAsync("Enter");
        await Assertions.Expect(page.GetByLabel("Level 2", new() { Exact = true })).ToHaveValueAsync("Not yet");
        await Button(page, "Save design settings").ClickAsync();
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToHaveTextAsync("Design settings saved.");
        await Assertions.Expect(page.GetByLabel("Level 1", new() { Exact = true })).ToHaveValueAsync("Developing");
        await Assertions.Expect(Group(page, added).GetByLabel("Name")).ToHaveValueAsync("InTASC");
        await CheckPageAsync(page, "settings-saved");
    }

}
