using MicroCred.Domain.Evidence;
using System.Net;
using AngleSharp.Dom;
using AngleSharp.Html.Dom;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Design;
using MicroCred.Domain.Design;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.IntegrationTests.Design;

/// <summary>The developer's workspace and credential editor over HTTP: drafts with lists, the publish gate, versions.</summary>
public sealed class AuthoringTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Developer = "developer@springfield.test";

    private async Task<HttpSession> DeveloperAsync()
    {
        var session = new HttpSession(fixture.BaseAddress);
        await session.LogInAsync(Developer);
        return session;
    }

    /// <summary>Creates a draft from the workspace form; returns the editor's path.</summary>
    private static async Task<string> CreateAsync(HttpSession session, string name)
    {
        var response = await session.SubmitAsync("/springfield/design", new Dictionary<string, string> { ["Input.Name"] = name });
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var editor = response.Headers.Location!.OriginalString;
        Assert.Matches("^/springfield/design/credentials/[0-9a-f-]{36}$", editor);
        return editor;
    }

    private static Guid IdOf(string editorPath) => Guid.Parse(editorPath.Split('/').Last());

    /// <summary>Every part of a publishable credential, typed into a new draft's form (two prompts, two criteria, four levels).</summary>
    private static EditorForm FillCompletely(EditorForm form, string name)
    {
        var levels = Enumerable.Range(0, 4).Select(j => form[$"Input.Rubric.Levels[{j}].Id"]!).ToList();
        var video = form["Input.Prompts[0].Id"]!;
        var reflection = Guid.NewGuid().ToString();
        form.Set("Input.Name", name)
            .Set("Input.ShortDescription", "Students build on each other's ideas in whole-class discussion.")
            .Set("Input.Competency", "The educator facilitates discussion in which students reason together about mathematics.")
            .Set("Input.KeyMethod", "Talk moves that open up student thinking.")
            .Set("Input.KeyMethodComponents[0]", "Revoicing")
            .Set("Input.KeyMethodComponents[1]", "Wait time")
            .Set("Input.Research", "Productive talk improves reasoning and achievement.")
            .Set("Input.Citations[0].Text", "Michaels, S., & O'Connor, C. (2015). Conceptualizing talk moves as tools.")
            .Set("Input.Citations[0].Url", "https://example.org/talk-moves")
            .Set("Input.Resources[0].Title", "Talk moves guide")
            .Set("Input.Resources[0].Kind", "LessonPlan")
            .Set("Input.Resources[0].Url", "https://example.org/guide")
            .Set("Input.Prompts[0].Title", "Classroom video")
            .Set("Input.Prompts[0].Instructions", "Record ten minutes of a whole-class discussion.")
            .Set("Input.Prompts[1].Id", reflection)
            .Set("Input.Prompts[1].Title", "Reflection")
            .Set("Input.Prompts[1].Instructions", "Which talk moves did you use, and what did they change?")
            .Set("Input.Prompts[1].Kind", "Reflection")
            .Set("Input.Prompts[1].MinWords", "200")
            .Set("Input.Prompts[1].MaxWords", "600")
            .Set("Input.Prompts[1].Required", "true")
            .Set("Input.Rubric.Criteria[1].Id", Guid.NewGuid().ToString())
            .Set("Input.Rubric.Passing.MinimumLevelId", levels[2])
            .Set("Input.Alignments[0].Framework", "ISTE Standards for Educators")
            .Set("Input.Alignments[0].Code", "2.5.a")
            .Set("Input.Alignments[0].Name", "Designer")
            .Set("Input.Alignments[0].Url", "https://iste.org/standards/educators")
            .Set("Input.EstimatedHours", "15")
            .Set("Input.Tags", "discourse, questioning")
            .Set("Input.GradeBands", "6-8, 9-12")
            .Set("Input.Subjects", "Mathematics")
            .Set("Input.Expires", "true")
            .Set("Input.ValidityMonths", "36");
        var titles = new[] { "Uses talk moves", "Students build on ideas" };
        for (var i = 0; i < 2; i++)
        {
            form.Set($"Input.Rubric.Criteria[{i}].Title", titles[i]);
            for (var j = 0; j < 4; j++)
                form.Set($"Input.Rubric.Criteria[{i}].Cells[{j}].LevelId", levels[j]).Set($"Input.Rubric.Criteria[{i}].Cells[{j}].Descriptor", $"{titles[i]} at level {j}");
        }
        form.Tick("Input.Rubric.Criteria[0].PromptIds", video).Tick("Input.Rubric.Criteria[0].PromptIds", reflection)
            .Tick("Input.Rubric.Criteria[1].PromptIds", reflection);
        return form;
    }

    private async Task<CredentialEditor> EditorAsync(Guid id)
    {
        await using var scope = await fixture.As(Developer, "springfield");
        return await AppFixture.Get<ISender>(scope).Send(new GetCredentialForEditing(id));
    }

    private async Task<IReadOnlyList<CredentialVersion>> VersionsAsync(Guid id)
    {
        await using var scope = await fixture.As(Developer, "springfield");
        return await AppFixture.Get<AppDbContext>(scope).CredentialVersions.AsNoTracking().Where(v => v.CredentialId == id).OrderBy(v => v.Number).ToListAsync();
    }

    [Fact]
    public async Task A_draft_with_every_list_is_saved_and_its_rows_keep_their_ids_across_saves_and_moves()
    {
        using var session = await DeveloperAsync();
        var path = await CreateAsync(session, "Discourse draft");
        var form = FillCompletely(await EditorForm.OpenAsync(session, path), "Facilitating Productive Discourse");
        var save = await form.PostAsync(session);
        Assert.Equal(HttpStatusCode.Redirect, save.StatusCode);

        var saved = (await EditorAsync(IdOf(path))).Content;
        Assert.Equal("Facilitating Productive Discourse", saved.Name);
        Assert.Equal(["Revoicing", "Wait time"], saved.KeyMethodComponents);
        Assert.Equal("https://example.org/talk-moves", Assert.Single(saved.Citations).Url);
        Assert.Equal(ResourceKind.LessonPlan, Assert.Single(saved.Resources).Kind);
        Assert.Equal(["Classroom video", "Reflection"], saved.Prompts.Select(p => p.Title));
        Assert.Equal(EvidenceKind.Files, saved.Prompts[0].Kind);
        Assert.Equal(500L * 1024 * 1024, saved.Prompts[0].MaxFileBytes);
        Assert.True(saved.Prompts[0].AcceptedFiles.HasFlag(FileKind.Video));
        Assert.Equal((200, 600, FileKind.None), (saved.Prompts[1].MinWords!.Value, saved.Prompts[1].MaxWords!.Value, saved.Prompts[1].AcceptedFiles));
        Assert.Equal(["Not yet", "Developing", "Proficient", "Exemplary"], saved.Rubric.Levels.Select(l => l.Name));
        Assert.Equal(2, saved.Rubric.Criteria.Count);
        Assert.Equal("Uses talk moves at level 3", saved.Rubric.Criteria[0].Descriptor(saved.Rubric.Levels[3].Id));
        Assert.Equal([saved.Prompts[0].Id, saved.Prompts[1].Id], saved.Rubric.Criteria[0].PromptIds);
        Assert.Equal(saved.Rubric.Levels[2].Id, saved.Rubric.Passing!.MinimumLevelId);
        Assert.Equal("2.5.a", Assert.Single(saved.Alignments).Code);
        Assert.Equal((15m, 36), (saved.EstimatedHours!.Value, saved.ValidityMonths!.Value));
        Assert.Equal(["discourse", "questioning"], saved.Tags);
        Assert.Empty((await EditorAsync(IdOf(path))).PublishProblems);

        // The reloaded form carries the same ids; moving the prompts and criteria keeps each one's id and links.
        var again = await EditorForm.OpenAsync(session, path);
        Assert.Equal(saved.Prompts[0].Id.ToString(), again["Input.Prompts[0].Id"]);
        Assert.Equal(saved.Resources[0].Id.ToString(), again["Input.Resources[0].Id"]);
        Assert.Equal(saved.Rubric.Criteria[1].Id.ToString(), again["Input.Rubric.Criteria[1].Id"]);
        Assert.Equal("Uses talk moves at level 1", again["Input.Rubric.Criteria[0].Cells[1].Descriptor"]);
        again.Swap("Input.Prompts[0].", "Input.Prompts[1].").Swap("Input.Rubric.Criteria[0].", "Input.Rubric.Criteria[1].");
        Assert.Equal(HttpStatusCode.Redirect, (await again.PostAsync(session)).StatusCode);

        var moved = (await EditorAsync(IdOf(path))).Content;
        Assert.Equal([saved.Prompts[1].Id, saved.Prompts[0].Id], moved.Prompts.Select(p => p.Id));
        Assert.Equal([saved.Rubric.Criteria[1].Id, saved.Rubric.Criteria[0].Id], moved.Rubric.Criteria.Select(c => c.Id));
        Assert.Equal(saved.Rubric.Levels.Select(l => l.Id), moved.Rubric.Levels.Select(l => l.Id));
        Assert.Equal(saved.Rubric.Criteria[0].PromptIds, moved.Rubric.Criteria[1].PromptIds);
        Assert.Equal("Uses talk moves at level 3", moved.Rubric.Criteria[1].Descriptor(saved.Rubric.Levels[3].Id));
        Assert.Equal(saved.Resources[0].Id, moved.Resources[0].Id);
    }

    [Fact]
    public async Task Reordering_levels_keeps_each_descriptor_with_its_level_and_a_removed_prompt_takes_its_links_with_it()
    {
        using var session = await DeveloperAsync();
        var path = await CreateAsync(session, "Level order");
        Assert.Equal(HttpStatusCode.Redirect, (await FillCompletely(await EditorForm.OpenAsync(session, path), "Level order").PostAsync(session)).StatusCode);
        var before = (await EditorAsync(IdOf(path))).Content;

        // Swap the first two columns the way the page does: header and every row's cell, renumbered.
        var form = await EditorForm.OpenAsync(session, path);
        form.Swap("Input.Rubric.Levels[0].", "Input.Rubric.Levels[1].");
        for (var i = 0; i < 2; i++) form.Swap($"Input.Rubric.Criteria[{i}].Cells[0].", $"Input.Rubric.Criteria[{i}].Cells[1].");
        // Remove the first prompt (its row is gone; a criterion still ticking it must not break the save).
        form.RemoveAll("Input.Prompts[0].").Swap("Input.Prompts[1].", "Input.Prompts[0].");
        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(session)).StatusCode);

        var after = (await EditorAsync(IdOf(path))).Content;
        Assert.Equal(["Developing", "Not yet", "Proficient", "Exemplary"], after.Rubric.Levels.Select(l => l.Name));
        var notYet = before.Rubric.Levels[0].Id;
        Assert.Equal("Uses talk moves at level 0", after.Rubric.Criteria[0].Descriptor(notYet));
        Assert.Equal("Reflection", Assert.Single(after.Prompts).Title);
        Assert.Equal([after.Prompts[0].Id], after.Rubric.Criteria[0].PromptIds);
    }

    [Fact]
    public async Task A_draft_with_problems_is_refused_with_every_message_on_its_field_and_keeps_what_was_typed()
    {
        using var session = await DeveloperAsync();
        var path = await CreateAsync(session, "Problems");
        var form = await EditorForm.OpenAsync(session, path);
        form.Set("Input.Competency", "Typed before the problems")
            // The spare prompt row stays blank; a second row added on the page has instructions but no title.
            .Set("Input.Prompts[1].Id", Guid.NewGuid().ToString())
            .Set("Input.Prompts[1].Instructions", "Only the instructions were typed")
            .Set("Input.Prompts[1].Kind", "Reflection")
            .Set("Input.Citations[0].Text", "A citation")
            .Set("Input.Citations[0].Url", "not a link")
            .Set("Input.Rubric.Levels[1].Name", "Not yet")
            .Set("Input.Expires", "true")
            .Set("Input.ValidityMonths", "");

        var response = await form.PostAsync(session);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HttpSession.Parse(await response.Content.ReadAsStringAsync());
        var errors = page.Errors();
        Assert.Contains("Evidence prompt 1: give it a title.", errors);
        Assert.Contains("Citation 1: the link must be a web address starting with http:// or https://.", errors);
        Assert.Contains("Two performance levels are called \"Not yet\": give each level its own name.", errors);
        Assert.Contains(errors, e => e.StartsWith("A validity period is 1 to 240 months", StringComparison.Ordinal));

        // Each message sits on its own field (the blank row before it was dropped, so the prompt is now the first).
        Assert.Contains("give it a title", page.QuerySelector("#Input_Prompts_0__Title-error")!.TextContent);
        Assert.Equal("true", page.QuerySelector("#Input_Prompts_0__Title")!.GetAttribute("aria-invalid"));
        Assert.NotNull(page.QuerySelector("#Input_Citations_0__Url-error"));
        Assert.Contains("Input_Prompts_0__Title", page.QuerySelector(".error-summary a[href='#Input_Prompts_0__Title']")!.GetAttribute("href"));

        // Everything typed is still in the form, and there is a spare row to add another.
        var again = EditorForm.Of(page);
        Assert.Equal("Typed before the problems", again["Input.Competency"]);
        Assert.Equal("Only the instructions were typed", again["Input.Prompts[0].Instructions"]);
        Assert.Equal("Reflection", again["Input.Prompts[0].Kind"]);
        Assert.Equal("not a link", again["Input.Citations[0].Url"]);
        Assert.Equal("Not yet", again["Input.Rubric.Levels[1].Name"]);
        Assert.Equal("", again["Input.Prompts[1].Title"]);
        Assert.Equal(2, page.QuerySelectorAll("[data-list='Input.Prompts'] [data-item]").Length);

        // Nothing was saved.
        Assert.Null((await EditorAsync(IdOf(path))).Content.Competency);
    }

    [Fact]
    public async Task Publishing_an_incomplete_draft_is_refused_with_a_checklist_of_what_is_missing()
    {
        using var session = await DeveloperAsync();
        var path = await CreateAsync(session, "Too early");
        var form = await EditorForm.OpenAsync(session, path);
        form.Set("Input.Competency", "Kept although publishing is refused");

        var response = await form.PostAsync(session, "Publish");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HttpSession.Parse(await response.Content.ReadAsStringAsync());
        var errors = page.Errors();
        Assert.Contains(errors, e => e.StartsWith("This credential is not ready to publish", StringComparison.Ordinal));
        foreach (var missing in new[] { "Describe the key method.", "Add at least one evidence prompt to the submission guidelines.",
                     "Add at least one criterion to the rubric.", "Set the rubric's passing rule.", "Align the credential to at least one standard.",
                     "Estimate the hours it takes to earn." })
        {
            Assert.Contains(missing, errors);
            Assert.Contains(missing, page.QuerySelector(".checklist")!.TextContent);
        }
        Assert.DoesNotContain("Write the competency statement.", errors); // saved first, so it no longer counts as missing
        Assert.Equal("Kept although publishing is refused", EditorForm.Of(page)["Input.Competency"]);

        var versions = await VersionsAsync(IdOf(path));
        Assert.Equal(VersionStatus.Draft, Assert.Single(versions).Status);
        Assert.Equal("Kept although publishing is refused", versions[0].Content.Competency);
    }

    [Fact]
    public async Task An_empty_rubric_cell_blocks_publishing_with_the_cell_named()
    {
        using var session = await DeveloperAsync();
        var path = await CreateAsync(session, "Holed rubric");
        var form = FillCompletely(await EditorForm.OpenAsync(session, path), "Holed rubric");
        form.Set("Input.Rubric.Criteria[1].Cells[1].Descriptor", "");

        var page = await HttpSession.Parse(await (await form.PostAsync(session, "Publish")).Content.ReadAsStringAsync());
        Assert.Equal(["This credential is not ready to publish: 1 thing is missing.", "Rubric criterion \"Students build on ideas\": write the descriptor for Developing."],
            page.Errors());
        Assert.Equal("Students build on ideas at level 2", EditorForm.Of(page)["Input.Rubric.Criteria[1].Cells[2].Descriptor"]);
        Assert.Equal(VersionStatus.Draft, Assert.Single(await VersionsAsync(IdOf(path))).Status);
    }

    [Fact]
    public async Task Publishing_then_editing_creates_version_2_while_version_1_stays_published_and_unchanged()
    {
        using var session = await DeveloperAsync();
        var path = await CreateAsync(session, "Versioned");
        var publish = await FillCompletely(await EditorForm.OpenAsync(session, path), "Versioned discourse").PostAsync(session, "Publish");
        Assert.Equal(HttpStatusCode.Redirect, publish.StatusCode);

        var v1 = Assert.Single(await VersionsAsync(IdOf(path)));
        Assert.Equal(VersionStatus.Published, v1.Status);
        var published = await session.PageAsync(path);
        Assert.Contains("Published version 1", published.QuerySelector(".page-head")!.TextContent);
        Assert.Null(published.QuerySelector("form[data-design-form]")); // read-only
        Assert.Contains("Edit (creates version 2)", published.MainText());
        Assert.Contains("Uses talk moves at level 2", published.QuerySelector(".rubric-table")!.TextContent);

        var edit = await session.SubmitAsync(path, new Dictionary<string, string>(), "NewVersion");
        Assert.Equal(HttpStatusCode.Redirect, edit.StatusCode);
        var form = await EditorForm.OpenAsync(session, path);
        Assert.Equal("Versioned discourse", form["Input.Name"]);
        form.Set("Input.Name", "Versioned discourse, second edition");
        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(session)).StatusCode);

        var versions = await VersionsAsync(IdOf(path));
        Assert.Equal([1, 2], versions.Select(v => v.Number));
        Assert.Equal((v1.Id, VersionStatus.Published, "Versioned discourse"), (versions[0].Id, versions[0].Status, versions[0].Content.Name));
        Assert.Equal(JsonOf(v1.Content), JsonOf(versions[0].Content));
        Assert.Equal((VersionStatus.Draft, "Versioned discourse, second edition"), (versions[1].Status, versions[1].Content.Name));
        var editor = await EditorAsync(IdOf(path));
        Assert.Equal(v1.Id, editor.PublishedVersionId);
        Assert.Equal([2, 1], editor.History.Select(h => h.Number));

        // The workspace shows both; the preview of version 1 still shows its own words.
        var workspace = await session.PageAsync("/springfield/design");
        Assert.Contains("Published v1; draft v2 in progress", workspace.QuerySelector($"a[href='{path}']")!.Closest("tr")!.TextContent);
        var preview = await session.PageAsync($"{path}/preview?version={v1.Id}");
        Assert.Equal("Versioned discourse", preview.QuerySelector("h1")!.TextContent.Trim());

        var republish = await (await EditorForm.OpenAsync(session, path)).PostAsync(session, "Publish");
        Assert.Equal(HttpStatusCode.Redirect, republish.StatusCode);
        versions = await VersionsAsync(IdOf(path));
        Assert.Equal([VersionStatus.Superseded, VersionStatus.Published], versions.Select(v => v.Status));
        Assert.Equal("Versioned discourse", versions[0].Content.Name);
    }

    [Fact]
    public async Task Retire_hides_a_published_credential_and_reinstate_brings_it_back()
    {
        using var session = await DeveloperAsync();
        var path = await CreateAsync(session, "Retirable");
        await FillCompletely(await EditorForm.OpenAsync(session, path), "Retirable").PostAsync(session, "Publish");

        Assert.Equal(HttpStatusCode.Redirect, (await session.SubmitAsync(path, new Dictionary<string, string>(), "Retire")).StatusCode);
        var retired = await session.PageAsync(path);
        Assert.Contains("Retired version 1", retired.QuerySelector(".page-head")!.TextContent);
        Assert.Equal(VersionStatus.Retired, Assert.Single(await VersionsAsync(IdOf(path))).Status);
        var workspace = await session.PageAsync("/springfield/design");
        Assert.Contains("Retired (v1)", workspace.QuerySelector($"a[href='{path}']")!.Closest("tr")!.TextContent);

        Assert.Equal(HttpStatusCode.Redirect, (await session.SubmitAsync(path, new Dictionary<string, string>(), "Reinstate")).StatusCode);
        Assert.Equal(VersionStatus.Published, Assert.Single(await VersionsAsync(IdOf(path))).Status);

        // Retiring twice is refused with a message on the page, not an error.
        await session.SubmitAsync(path, new Dictionary<string, string>(), "Retire");
        var token = HttpSession.TokenOf(await session.PageAsync(path))!;
        var twice = await session.PostAsync($"{path}?handler=Retire", new Dictionary<string, string>(), token);
        Assert.Equal(HttpStatusCode.OK, twice.StatusCode);
        Assert.Contains("already retired", (await HttpSession.Parse(await twice.Content.ReadAsStringAsync())).Errors().Single());
    }

    [Fact]
    public async Task A_credential_can_be_retired_while_its_next_version_is_being_written()
    {
        using var session = await DeveloperAsync();
        var path = await CreateAsync(session, "Retired mid-edit");
        await FillCompletely(await EditorForm.OpenAsync(session, path), "Retired mid-edit").PostAsync(session, "Publish");
        await session.SubmitAsync(path, new Dictionary<string, string>(), "NewVersion");

        Assert.Equal(HttpStatusCode.Redirect, (await session.SubmitAsync(path, new Dictionary<string, string>(), "Retire")).StatusCode);
        var editor = await session.PageAsync(path);
        Assert.NotNull(editor.QuerySelector("form[data-design-form]")); // still editing version 2
        Assert.Contains("Retired version 1", editor.QuerySelector(".page-head")!.TextContent);
        Assert.Contains("Retired (v1); draft v2 in progress", (await session.PageAsync("/springfield/design")).QuerySelector($"a[href='{path}']")!.Closest("tr")!.TextContent);
        Assert.Equal([VersionStatus.Retired, VersionStatus.Draft], (await VersionsAsync(IdOf(path))).Select(v => v.Status));
    }

    [Fact]
    public async Task The_workspace_lists_the_districts_credentials_latest_change_first_and_a_discarded_draft_goes()
    {
        using var session = await DeveloperAsync();
        var first = await CreateAsync(session, "Listed first");
        var second = await CreateAsync(session, "Listed second");
        var form = await EditorForm.OpenAsync(session, first);
        await form.Set("Input.Competency", "Touched last").PostAsync(session);

        var rows = (await session.PageAsync("/springfield/design")).QuerySelectorAll("tbody tr").Select(r => r.TextContent).ToList();
        var firstRow = rows.FindIndex(r => r.Contains("Listed first"));
        Assert.True(firstRow >= 0 && firstRow < rows.FindIndex(r => r.Contains("Listed second")), string.Join("\n", rows));
        Assert.Contains("Draft", rows[firstRow]);

        var discard = await session.SubmitAsync(second, new Dictionary<string, string>(), "Discard");
        Assert.Equal("/springfield/design", discard.Headers.Location!.OriginalString);
        Assert.DoesNotContain("Listed second", (await session.PageAsync("/springfield/design")).QuerySelector("table")!.TextContent);
        Assert.Equal(HttpStatusCode.NotFound, (await session.GetAsync(second)).StatusCode);
    }

    [Fact]
    public async Task A_long_draft_saves_and_its_audit_entry_stays_valid()
    {
        using var session = await DeveloperAsync();
        var path = await CreateAsync(session, "Long");
        var form = FillCompletely(await EditorForm.OpenAsync(session, path), "Long");
        form.Set("Input.Research", string.Join("\n\n", Enumerable.Repeat("Research paragraph with enough words to matter.", 300)));
        Assert.Equal(HttpStatusCode.Redirect, (await form.PostAsync(session)).StatusCode);

        await using var scope = await fixture.As(Developer, "springfield");
        var entry = await AppFixture.Get<AppDbContext>(scope).AuditEntries.Where(a => a.Action == nameof(SaveCredentialDraft)).OrderByDescending(a => a.Id).FirstAsync();
        Assert.Contains(IdOf(path).ToString(), entry.Details);
    }

    private static string JsonOf(CredentialContent content) => System.Text.Json.JsonSerializer.Serialize(content);
}
