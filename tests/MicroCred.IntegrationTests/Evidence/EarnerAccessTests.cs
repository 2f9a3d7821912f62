using System.Net;
using AngleSharp.Dom;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Evidence;
using MicroCred.Application.Seeding;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroCred.IntegrationTests.Evidence;

/// <summary>
/// Who may see an earner's work: another earner, an unassigned assessor and another district get 403/404 for the
/// submission page and its files; the plan and recommendation tables are isolated by district, even for the app role.
/// My credentials and the Admin's recommendations page.
/// </summary>
public sealed class EarnerAccessTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Owner = "taylor.brooks@springfield.test";

    /// <summary>Taylor's submitted work with a file, as the others will try to reach it.</summary>
    private async Task<(Guid SubmissionId, Guid FileId)> SubmittedWorkAsync()
    {
        using var kit = await EarnerKit.ForAsync(fixture, Owner);
        var (credentialId, content) = await EarnerKit.CredentialAsync(fixture, DesignSeed.CollectiveLeadership);
        var id = await kit.StartAsync(credentialId);
        var (fileId, _, _) = await kit.UploadAsync(content.Prompts[0].Id, EvidenceSamples.Pdf(), "taylor-charter.pdf");
        Assert.Equal(HttpStatusCode.OK, (await kit.AttachAsync(id, content.Prompts[0].Id, fileId!.Value)).StatusCode);
        return (id, fileId.Value);
    }

    [Fact]
    public async Task Another_earner_an_unassigned_assessor_and_another_district_cannot_reach_the_work_or_its_files()
    {
        var (id, fileId) = await SubmittedWorkAsync();
        var page = EarnerKit.PageOf(id);

        using (var other = await EarnerKit.ForAsync(fixture, "earner@springfield.test"))
        {
            Assert.Equal(HttpStatusCode.NotFound, (await other.Session.GetAsync(page)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.Session.GetAsync($"{page}/feedback")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await other.Tus.Http.GetAsync($"/springfield/files/{fileId}")).StatusCode);
            // Nor can they write to it, or upload for its prompts.
            var token = HttpSession.TokenOf(await other.Session.PageAsync("/springfield/evidence"));
            Assert.Equal(HttpStatusCode.NotFound, (await other.Session.PostAsync($"{page}?handler=Submit", new Dictionary<string, string>(), token)).StatusCode);
        }
        await using (var scope = await fixture.As("earner@springfield.test", "springfield"))
            await Assert.ThrowsAsync<NotFoundException>(() => AppFixture.Get<ISender>(scope).Send(new GetMySubmission(id)).AsTask());

        using (var assessor = await EarnerKit.ForAsync(fixture, "morgan.lee@springfield.test"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await assessor.Session.GetAsync(page)).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await assessor.Tus.Http.GetAsync($"/springfield/files/{fileId}")).StatusCode);
        }

        using (var stranger = await EarnerKit.ForAsync(fixture, "earner@shelbyville.test", "shelbyville"))
        {
            Assert.Equal(HttpStatusCode.Forbidden, (await stranger.Session.GetAsync(page)).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await stranger.Tus.Http.GetAsync($"/springfield/files/{fileId}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.Session.GetAsync($"/shelbyville/evidence/submissions/{id}")).StatusCode);
            Assert.Equal(HttpStatusCode.NotFound, (await stranger.Tus.Http.GetAsync($"/shelbyville/files/{fileId}")).StatusCode);
        }

        using var anonymous = new HttpSession(fixture.BaseAddress);
        var redirected = await anonymous.GetAsync(page);
        Assert.Equal(HttpStatusCode.Redirect, redirected.StatusCode);
        Assert.StartsWith("/account/login", redirected.Headers.Location!.PathAndQuery);

        // The owner, of course, still has both.
        using var owner = await EarnerKit.ForAsync(fixture, Owner);
        Assert.Equal(HttpStatusCode.OK, (await owner.Session.GetAsync(page)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await owner.Tus.Http.GetAsync($"/springfield/files/{fileId}")).StatusCode);
    }

    [Fact]
    public async Task Work_stays_on_its_version_links_are_checked_and_only_the_assigned_assessor_may_read_the_files()
    {
        var kit = new AssessmentKit(fixture);
        var (credentialId, _, content) = await kit.Credential("Evidence Journey Test Credential");
        var (reflection, link, recording) = (content.Prompts[0], content.Prompts[1], content.Prompts[2]);
        using var earner = await EarnerKit.ForAsync(fixture, Owner);
        var id = await earner.StartAsync(credentialId);

        // A new version published meanwhile does not move the work: same prompts, version 1.
        await using (var dev = await fixture.As(AssessmentKit.Developer, "springfield"))
        {
            var sender = AppFixture.Get<ISender>(dev);
            await sender.Send(new Application.Features.Design.StartNewVersion(credentialId));
            var v2 = content with { Prompts = [reflection with { Title = "A renamed reflection" }, link, recording] };
            await sender.Send(new Application.Features.Design.SaveCredentialDraft(credentialId, v2));
            await sender.Send(new Application.Features.Design.PublishCredential(credentialId));
        }
        var page = await earner.PageAsync(id);
        Assert.Contains("version 1", page.QuerySelector(".eyebrow")!.TextContent);
        Assert.Equal("Reflection", page.QuerySelector($"#prompt-{reflection.Id}-title")!.TextContent.Trim());

        // Links: only http(s), with the message next to the field and what was typed kept.
        var bad = await earner.PostAsync(id, "Link", new Dictionary<string, string> { ["Input.PromptId"] = link.Id.ToString(), ["Input.Url"] = "javascript:alert(1)", ["Input.Title"] = "Plan" });
        var refused = await HttpSession.Parse(await bad.Content.ReadAsStringAsync());
        Assert.Contains("Enter a web address starting with http:// or https://.", refused.Errors());
        Assert.Equal("javascript:alert(1)", refused.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("#Input_Url")!.Value);
        Assert.Equal(HttpStatusCode.Redirect, (await earner.PostAsync(id, "Link", new Dictionary<string, string>
            { ["Input.PromptId"] = link.Id.ToString(), ["Input.Url"] = "https://docs.example.org/plan", ["Input.Title"] = "My plan" })).StatusCode);
        await earner.SaveReflectionAsync(id, reflection.Id, "Students argued about the model and revised their claims.");
        var (fileId, _, _) = await earner.UploadAsync(recording.Id, EvidenceSamples.Wav(), "talk.wav");
        Assert.Equal(HttpStatusCode.OK, (await earner.AttachAsync(id, recording.Id, fileId!.Value)).StatusCode);
        Assert.Equal(HttpStatusCode.Redirect, (await earner.PostAsync(id, "Submit", new Dictionary<string, string>())).StatusCode);

        await kit.Qualify(credentialId, AssessmentKit.Morgan);
        await kit.AssignWaitingWork(); // (qualifying may already have assigned it)
        Assert.Equal(AssessmentKit.Morgan, await kit.EmailOf((await kit.Assignments(id)).Single().AssessorId));
        Assert.Equal("In review: Evidence Journey Test Credential", (await fixture.LatestTo(Owner)).Subject);
        Assert.Equal("Status: In review", (await earner.PageAsync(id)).QuerySelector("#status-heading")!.TextContent.Trim());

        using (var assigned = await EarnerKit.ForAsync(fixture, AssessmentKit.Morgan))
            Assert.Equal(HttpStatusCode.OK, (await assigned.Tus.Http.GetAsync($"/springfield/files/{fileId}")).StatusCode);
        using (var unassigned = await EarnerKit.ForAsync(fixture, AssessmentKit.Jordan))
            Assert.Equal(HttpStatusCode.NotFound, (await unassigned.Tus.Http.GetAsync($"/springfield/files/{fileId}")).StatusCode);
        // Review has started: no withdrawing any more.
        var late = await earner.PostAsync(id, "Withdraw", new Dictionary<string, string>());
        Assert.Contains("Review has started, so this submission can no longer be withdrawn.", (await HttpSession.Parse(await late.Content.ReadAsStringAsync())).Errors());
    }

    [Fact]
    public async Task Plans_and_recommendations_of_one_district_are_invisible_to_another_even_to_the_app_role()
    {
        await using (var asB = await fixture.As("earner@shelbyville.test", "shelbyville"))
        {
            var db = AppFixture.Get<AppDbContext>(asB);
            Assert.False(await db.PlanEntries.IgnoreQueryFilters().AnyAsync());
            Assert.False(await db.Recommendations.IgnoreQueryFilters().AnyAsync());
            var mine = await AppFixture.Get<ISender>(asB).Send(new GetMyCredentials());
            Assert.Empty(mine.Plan);
            Assert.Empty(mine.Recommended);
        }
        await using (var asA = await fixture.As("earner@springfield.test", "springfield"))
        {
            var db = AppFixture.Get<AppDbContext>(asA);
            Assert.True(await db.PlanEntries.AnyAsync());
            Assert.True(await db.Recommendations.AnyAsync());
        }

        var (bId, _) = await fixture.District("shelbyville");
        await using var connection = new NpgsqlConnection(TestPostgres.App(fixture.App.Database));
        await connection.OpenAsync();
        await using (var set = new NpgsqlCommand($"SELECT set_config('app.tenant_id', '{bId}', false)", connection)) await set.ExecuteNonQueryAsync();
        await using var count = new NpgsqlCommand("SELECT (SELECT count(*) FROM plan_entries) + (SELECT count(*) FROM recommendations)", connection);
        Assert.Equal(0L, await count.ExecuteScalarAsync());
        var (aId, _) = await fixture.District("springfield");
        await using var sneak = new NpgsqlCommand($"UPDATE plan_entries SET target_date = NULL WHERE tenant_id = '{aId}'", connection);
        Assert.Equal(0, await sneak.ExecuteNonQueryAsync());
    }

    [Fact]
    public async Task My_credentials_shows_progress_per_credential_and_stack_what_needs_attention_the_plan_and_recommendations()
    {
        using var kit = await EarnerKit.ForAsync(fixture, "earner@springfield.test");
        var home = await kit.Session.PageAsync("/springfield");
        Assert.NotNull(home.QuerySelector("nav.district-nav a[href='/springfield/evidence']"));

        var page = await kit.Session.PageAsync("/springfield/evidence");
        var rows = page.QuerySelectorAll("table.my-credentials tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(rows, r => r.Contains(DesignSeed.CollectiveLeadership) && r.Contains("Awarded"));
        Assert.Contains(rows, r => r.Contains(DesignSeed.EquitableCulture) && r.Contains("Draft") && r.Contains("1 of 3"));
        var attention = page.QuerySelector(".attention-list")!.TextContent;
        Assert.Contains($"{DesignSeed.EquitableCulture}: draft, 1 of 3 required prompts done.", attention);
        Assert.Contains($"{DesignSeed.EquitableCulture}: your target date is", attention);
        // Her Collective Leadership badge was revoked (the demo's revoked badge): the stack counts valid badges only.
        Assert.Contains(page.QuerySelectorAll("#stacks-heading ~ h3"), h => h.TextContent.Contains(DesignSeed.LeadershipStack) && h.TextContent.Contains("0 of 3 earned, in order"));
        Assert.Contains(page.QuerySelectorAll("ol.stack-steps li"), li => li.TextContent.Contains(DesignSeed.CollectiveLeadership) && li.TextContent.Contains("Badge no longer valid"));
        Assert.Contains(DesignSeed.VideoFeedback, page.QuerySelector("#recommended-heading")!.ParentElement!.TextContent);

        // Target dates: a past one is refused next to its field, a future one is saved.
        var (goingPublic, _) = await EarnerKit.CredentialAsync(fixture, DesignSeed.GoingPublic);
        var token = HttpSession.TokenOf(page);
        var past = await kit.Session.PostAsync("/springfield/evidence?handler=Target",
            new Dictionary<string, string> { ["PlanCredentialId"] = goingPublic.ToString(), ["TargetDate"] = "2020-01-01" }, token);
        Assert.Equal(HttpStatusCode.OK, past.StatusCode);
        var refused = await HttpSession.Parse(await past.Content.ReadAsStringAsync());
        Assert.Contains("Choose a target date from today on, or leave it empty.", refused.Errors());
        Assert.Equal("2020-01-01", refused.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>("input#TargetDate")!.Value);

        var target = DateOnly.FromDateTime(DateTime.UtcNow.AddDays(40));
        var saved = await kit.Session.PostAsync("/springfield/evidence?handler=Target",
            new Dictionary<string, string> { ["PlanCredentialId"] = goingPublic.ToString(), ["TargetDate"] = target.ToString("yyyy-MM-dd") }, token);
        Assert.Equal(HttpStatusCode.Redirect, saved.StatusCode);
        page = await kit.Session.PageAsync("/springfield/evidence");
        Assert.Equal(target.ToString("yyyy-MM-dd"), page.QuerySelector<AngleSharp.Html.Dom.IHtmlInputElement>($"input#target-{goingPublic}")!.Value);
    }

    [Fact]
    public async Task An_admin_recommends_a_credential_to_one_school_and_only_its_members_see_it()
    {
        var (discourse, _) = await EarnerKit.CredentialAsync(fixture, DesignSeed.Discourse);
        Guid middleSchool;
        await using (var scope = await fixture.As("admin@springfield.test", "springfield"))
            middleSchool = await AppFixture.Get<AppDbContext>(scope).Schools.Where(s => s.Name == "Springfield Middle School").Select(s => s.Id).SingleAsync();

        using (var admin = new HttpSession(fixture.BaseAddress))
        {
            await admin.LogInAsync("admin@springfield.test");
            var page = await admin.PageAsync("/springfield/evidence/recommendations");
            Assert.NotNull(page.QuerySelector("nav.district-nav a[href='/springfield/evidence/recommendations']"));
            var token = HttpSession.TokenOf(page);
            var empty = await admin.PostAsync("/springfield/evidence/recommendations", new Dictionary<string, string> { ["Input.CredentialId"] = "" }, token);
            Assert.Contains("Choose a micro-credential to recommend.", (await HttpSession.Parse(await empty.Content.ReadAsStringAsync())).Errors());
            var made = await admin.PostAsync("/springfield/evidence/recommendations", new Dictionary<string, string>
            {
                ["Input.CredentialId"] = discourse.ToString(), ["Input.SchoolId"] = middleSchool.ToString(), ["Input.Note"] = "For the middle school's discussion focus.",
            }, token);
            Assert.Equal(HttpStatusCode.Redirect, made.StatusCode);
            var row = (await admin.PageAsync("/springfield/evidence/recommendations")).QuerySelectorAll("table.recommendations tbody tr").Single(r => r.TextContent.Contains(DesignSeed.Discourse));
            Assert.Contains("Springfield Middle School", row.TextContent);
        }

        // Riley is at the middle school; Erin is at the elementary school.
        await using (var riley = await fixture.As("riley.chen@springfield.test", "springfield"))
            Assert.Contains((await AppFixture.Get<ISender>(riley).Send(new GetMyCredentials())).Recommended, r => r.CredentialId == discourse && r.Note == "For the middle school's discussion focus.");
        await using (var erin = await fixture.As("earner@springfield.test", "springfield"))
            Assert.DoesNotContain((await AppFixture.Get<ISender>(erin).Send(new GetMyCredentials())).Recommended, r => r.CredentialId == discourse);

        using var earner = new HttpSession(fixture.BaseAddress);
        await earner.LogInAsync("earner@springfield.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await earner.GetAsync("/springfield/evidence/recommendations")).StatusCode);
        using var otherAdmin = new HttpSession(fixture.BaseAddress);
        await otherAdmin.LogInAsync("admin@shelbyville.test");
        Assert.DoesNotContain(DesignSeed.Discourse, (await otherAdmin.PageAsync("/shelbyville/evidence/recommendations")).MainText());
    }
}
