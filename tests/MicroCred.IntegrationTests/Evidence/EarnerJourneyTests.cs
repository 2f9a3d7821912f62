using System.Net;
using System.Text.Json;
using Mediator;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Evidence;
using MicroCred.Application.Seeding;
using MicroCred.Domain.Evidence;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.IntegrationTests.Evidence;

/// <summary>The teacher's journey over HTTP: start, evidence (reflection, files), submit, withdraw, next attempt, privacy, emails.</summary>
public sealed class EarnerJourneyTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private Task<(Guid CredentialId, Domain.Design.CredentialContent Content)> Leadership() => EarnerKit.CredentialAsync(fixture, DesignSeed.CollectiveLeadership);

    [Fact]
    public async Task A_teacher_starts_writes_uploads_reloads_submits_sees_the_timeline_gets_emails_and_can_withdraw()
    {
        const string email = "taylor.brooks@springfield.test";
        using var kit = await EarnerKit.ForAsync(fixture, email);
        var (credentialId, content) = await Leadership();
        var (charter, impact, reflection) = (content.Prompts[0], content.Prompts[1], content.Prompts[2]);

        var credentialPage = await kit.Session.PageAsync($"/springfield/credentials/{credentialId}");
        Assert.NotNull(credentialPage.QuerySelectorAll("button").FirstOrDefault(b => b.TextContent.Trim() == "Start this micro-credential"));
        var id = await kit.StartAsync(credentialId);
        var page = await kit.PageAsync(id);
        Assert.Equal("Collective Leadership", page.QuerySelector("h1")!.TextContent.Trim());
        Assert.Equal(3, page.QuerySelectorAll("section.evidence-prompt").Length);
        Assert.Contains("Upload the file(s) for \"Team charter and meeting records\".", page.QuerySelector("[data-checklist]")!.TextContent);

        var text = EarnerKit.Words(600);
        using (var saved = await kit.SaveReflectionAsync(id, reflection.Id, text))
        {
            Assert.Equal(HttpStatusCode.OK, saved.StatusCode);
            Assert.Equal(600, JsonDocument.Parse(await saved.Content.ReadAsStringAsync()).RootElement.GetProperty("words").GetInt32());
        }
        var pdf = EvidenceSamples.Pdf();
        var (pdfId, _, _) = await kit.UploadAsync(charter.Id, pdf, "charter.pdf");
        Assert.Equal(HttpStatusCode.OK, (await kit.AttachAsync(id, charter.Id, pdfId!.Value)).StatusCode);
        var (pngId, _, _) = await kit.UploadAsync(impact.Id, EvidenceSamples.Png(20, 20), "student-work.png");
        Assert.Equal(HttpStatusCode.OK, (await kit.AttachAsync(id, impact.Id, pngId!.Value)).StatusCode);

        // A reload shows everything, with previews served through the access check.
        page = await kit.PageAsync(id);
        Assert.Equal(text, page.QuerySelector($"textarea[data-prompt-id='{reflection.Id}']")!.TextContent.Trim());
        Assert.Equal($"/springfield/files/{pngId}", page.QuerySelector($"#prompt-{impact.Id} img")!.GetAttribute("src"));
        Assert.Equal($"/springfield/files/{pdfId}", page.QuerySelector($"#prompt-{charter.Id} iframe")!.GetAttribute("src"));
        Assert.Equal(pdf, await kit.Tus.Http.GetByteArrayAsync($"/springfield/files/{pdfId}"));
        Assert.Contains("Every required item is there.", page.QuerySelector("[data-checklist]")!.TextContent);

        // Replacing a file: the new one takes its place, the old one goes back to the library.
        var (newPngId, _, _) = await kit.UploadAsync(impact.Id, EvidenceSamples.Png(30, 30), "student-work-v2.png");
        var oldItem = Guid.Parse(page.QuerySelector($"#prompt-{impact.Id} details[data-replaces]")!.GetAttribute("data-replaces")!);
        Assert.Equal(HttpStatusCode.OK, (await kit.AttachAsync(id, impact.Id, newPngId!.Value, replaces: oldItem)).StatusCode);
        page = await kit.PageAsync(id);
        Assert.Equal(["student-work-v2.png"], page.QuerySelectorAll($"#prompt-{impact.Id} .evidence-list > li p.label").Select(p => p.TextContent.Trim().Split(' ')[0]));
        var library = await kit.Session.PageAsync("/springfield/evidence/files");
        Assert.DoesNotContain("In a submission", library.QuerySelectorAll("table.evidence-files tr").Single(r => r.TextContent.Contains("student-work.png")).TextContent);

        var submitted = await kit.PostAsync(id, "Submit", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, submitted.StatusCode);
        page = await kit.PageAsync(id);
        Assert.Equal("Status: Submitted", page.QuerySelector("#status-heading")!.TextContent.Trim());
        var steps = page.QuerySelectorAll("ol.timeline li").ToList();
        Assert.Equal(["Started", "Submitted", "In review", "Scored", "Awarded / Not yet"], steps.Select(s => s.QuerySelector(".step-name")!.TextContent.Trim()));
        Assert.Equal(2, steps.Count(s => s.ClassList.Contains("done")));
        Assert.NotNull(steps[1].QuerySelector("time"));
        Assert.Empty(page.QuerySelectorAll("textarea"));
        Assert.Empty(page.QuerySelectorAll("[data-evidence-uploader]"));
        var (subject, body) = await fixture.LatestTo(email);
        Assert.Equal("Submitted: Collective Leadership", subject);
        Assert.Equal(EarnerKit.PageOf(id), Mailbox.LinkIn(body));

        // Locked: a late autosave is refused with a message, and the text stays as submitted.
        using (var late = await kit.SaveReflectionAsync(id, reflection.Id, "changed"))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, late.StatusCode);
            Assert.Contains("locked", await late.Content.ReadAsStringAsync());
        }
        // The credential page now leads back to the same work.
        credentialPage = await kit.Session.PageAsync($"/springfield/credentials/{credentialId}");
        Assert.Equal(EarnerKit.PageOf(id), credentialPage.QuerySelectorAll(".start-panel a").Single(a => a.TextContent.Trim() == "Continue my evidence").GetAttribute("href"));

        Assert.Equal(HttpStatusCode.Redirect, (await kit.PostAsync(id, "Withdraw", new Dictionary<string, string>())).StatusCode);
        page = await kit.PageAsync(id);
        Assert.Equal("Status: Draft", page.QuerySelector("#status-heading")!.TextContent.Trim());
        Assert.Equal(text, page.QuerySelector($"textarea[data-prompt-id='{reflection.Id}']")!.TextContent.Trim());
        Assert.Equal("Withdrawn: Collective Leadership", (await fixture.LatestTo(email)).Subject);
    }

    [Fact]
    public async Task Bad_input_gets_a_clear_message_and_loses_nothing_already_saved()
    {
        using var kit = await EarnerKit.ForAsync(fixture, "sam.ortiz@springfield.test");
        var (credentialId, content) = await Leadership();
        var (charter, impact, reflection) = (content.Prompts[0], content.Prompts[1], content.Prompts[2]);
        var id = await kit.StartAsync(credentialId);
        var (keptId, _, _) = await kit.UploadAsync(impact.Id, EvidenceSamples.Png(10, 10), "kept.png");
        Assert.Equal(HttpStatusCode.OK, (await kit.AttachAsync(id, impact.Id, keptId!.Value)).StatusCode);

        // A ZIP renamed to .pdf: recognised by its content and refused.
        var (zipId, zipStatus, zipMessage) = await kit.UploadAsync(charter.Id, EvidenceSamples.Zip(), "charter.pdf");
        Assert.Null(zipId);
        Assert.Equal(HttpStatusCode.UnsupportedMediaType, zipStatus);
        Assert.Contains("ZIP archive", zipMessage);
        // Over the prompt's 25 MB, and empty: refused before any byte is sent.
        var (_, bigStatus, bigMessage) = await kit.UploadAsync(charter.Id, [], "charter.pdf", declaredLength: 26L * 1024 * 1024);
        Assert.Equal(HttpStatusCode.RequestEntityTooLarge, bigStatus);
        Assert.Contains("the limit here is 25 MB", bigMessage);
        var (_, emptyStatus, emptyMessage) = await kit.UploadAsync(charter.Id, [], "charter.pdf", declaredLength: 0);
        Assert.Equal(HttpStatusCode.BadRequest, emptyStatus);
        Assert.Contains("This file is empty (0 bytes)", emptyMessage);
        // A file of a kind the prompt does not take cannot be attached even when uploaded elsewhere (the library).
        var (_, videoId) = await kit.Tus.UploadAsync(EvidenceSamples.Mp4(), "lesson.mp4");
        using (var wrongKind = await kit.AttachAsync(id, charter.Id, videoId))
        {
            Assert.Equal(HttpStatusCode.UnprocessableEntity, wrongKind.StatusCode);
            Assert.Contains("lesson.mp4", JsonDocument.Parse(await wrongKind.Content.ReadAsStringAsync()).RootElement.GetProperty("error").GetString());
        }

        // A reflection over its 900-word limit is saved (nothing typed is lost) with a warning, and refused on submit.
        var tooLong = EarnerKit.Words(950);
        using (var saved = await kit.SaveReflectionAsync(id, reflection.Id, tooLong))
            Assert.Contains("allows at most 900", JsonDocument.Parse(await saved.Content.ReadAsStringAsync()).RootElement.GetProperty("warning").GetString());

        // Submitting with a missing file and the over-long reflection: every problem listed, linked to its prompt.
        var refused = await kit.PostAsync(id, "Submit", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await HttpSession.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains("Your submission is not complete yet: 2 items need attention.", page.Errors());
        var missing = page.QuerySelectorAll(".missing-list a").Select(a => (a.TextContent.Trim(), a.GetAttribute("href"))).ToList();
        Assert.Equal([("Upload the file(s) for \"Team charter and meeting records\".", $"#prompt-{charter.Id}"),
            ("\"Reflection on leading peers\" allows at most 900 words (you have 950).", $"#prompt-{reflection.Id}")], missing);

        page = await kit.PageAsync(id);
        Assert.Equal("Status: Draft", page.QuerySelector("#status-heading")!.TextContent.Trim());
        Assert.Equal(tooLong, page.QuerySelector($"textarea[data-prompt-id='{reflection.Id}']")!.TextContent.Trim());
        Assert.Single(page.QuerySelectorAll($"#prompt-{impact.Id} .evidence-list > li"));
        Assert.Empty(page.QuerySelectorAll($"#prompt-{charter.Id} .evidence-list > li"));
    }

    [Fact]
    public async Task A_stack_taken_in_order_says_what_to_earn_first_and_starts_nothing()
    {
        using var kit = await EarnerKit.ForAsync(fixture, "riley.chen@springfield.test");
        var (goingPublic, _) = await EarnerKit.CredentialAsync(fixture, DesignSeed.GoingPublic);
        var page = await kit.Session.PageAsync($"/springfield/credentials/{goingPublic}");
        Assert.Contains("Collective Leadership", page.QuerySelector(".start-panel .notice")!.TextContent);

        var response = await kit.Session.SubmitAsync($"/springfield/credentials/{goingPublic}", new Dictionary<string, string>(), "Start");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var refused = await HttpSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains("Earn \"Collective Leadership\" first: this stack is taken in order.", refused.Errors());
        await using var scope = await fixture.As("riley.chen@springfield.test", "springfield");
        Assert.False(await AppFixture.Get<AppDbContext>(scope).Submissions.AnyAsync(s => s.CredentialId == goingPublic));
    }

    [Fact]
    public async Task After_not_yet_the_next_attempt_starts_from_the_evidence_within_the_districts_cap()
    {
        const string email = "pat.rivera@springfield.test";
        Guid notYetId;
        int attempt, items;
        await using (var scope = await fixture.As(email, "springfield"))
        {
            var db = AppFixture.Get<AppDbContext>(scope);
            var me = await fixture.UserId(email);
            var notYet = await db.Submissions.Include(s => s.Items).SingleAsync(s => s.EarnerId == me && s.Status == SubmissionStatus.NotYet);
            (notYetId, attempt, items) = (notYet.Id, notYet.Attempt, notYet.Items.Count);
        }
        await SetAttemptCapAsync(attempt);

        using var kit = await EarnerKit.ForAsync(fixture, email);
        var page = await kit.PageAsync(notYetId);
        Assert.Equal("Status: Not yet", page.QuerySelector("#status-heading")!.TextContent.Trim());
        Assert.Contains($"You have used all {attempt} attempts", page.MainText());
        Assert.NotNull(page.QuerySelector($"a[href='/springfield/evidence/submissions/{notYetId}/feedback']"));
        var capped = await kit.PostAsync(notYetId, "NextAttempt", new Dictionary<string, string>());
        Assert.Contains($"You have used all {attempt} attempts your district allows for this micro-credential.",
            (await HttpSession.Parse(await capped.Content.ReadAsStringAsync())).Errors());

        await SetAttemptCapAsync(attempt + 1);
        page = await kit.PageAsync(notYetId);
        Assert.NotNull(page.QuerySelectorAll("button").FirstOrDefault(b => b.TextContent.Trim() == $"Start attempt {attempt + 1}"));
        var started = await kit.PostAsync(notYetId, "NextAttempt", new Dictionary<string, string>());
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        var nextId = Guid.Parse(started.Headers.Location!.OriginalString.Split('/')[^1]);

        await using (var scope = await fixture.As(email, "springfield"))
        {
            var next = await AppFixture.Get<AppDbContext>(scope).Submissions.Include(s => s.Items).SingleAsync(s => s.Id == nextId);
            Assert.Equal((attempt + 1, notYetId, SubmissionStatus.Draft, items), (next.Attempt, next.PreviousAttemptId!.Value, next.Status, next.Items.Count));
        }
        page = await kit.PageAsync(nextId);
        var history = page.QuerySelectorAll("table tbody tr").Select(r => r.TextContent).ToList();
        Assert.Contains(history, r => r.Contains($"Attempt {attempt}") && r.Contains("Not yet"));
        Assert.Contains(history, r => r.Contains($"Attempt {attempt + 1} (this one)") && r.Contains("Draft"));
        // The old attempt now links to the new one instead of offering another.
        Assert.NotNull((await kit.PageAsync(notYetId)).QuerySelector($"a[href='/springfield/evidence/submissions/{nextId}']"));
    }

    [Fact]
    public async Task Evidence_of_an_awarded_credential_is_private_until_the_earner_makes_it_public()
    {
        const string email = "earner@springfield.test";
        Guid awarded, draft;
        await using (var scope = await fixture.As(email, "springfield"))
        {
            var db = AppFixture.Get<AppDbContext>(scope);
            var me = await fixture.UserId(email);
            awarded = await db.Submissions.Where(s => s.EarnerId == me && s.Status == SubmissionStatus.Awarded && !s.EvidencePublic).Select(s => s.Id).FirstAsync();
            draft = await db.Submissions.Where(s => s.EarnerId == me && s.Status == SubmissionStatus.Draft).Select(s => s.Id).FirstAsync();
        }
        using var kit = await EarnerKit.ForAsync(fixture, email);
        var page = await kit.PageAsync(awarded);
        Assert.NotNull(page.QuerySelector("input[name=makePublic][value=false][checked]"));

        Assert.Equal(HttpStatusCode.Redirect, (await kit.PostAsync(awarded, "Share", new Dictionary<string, string> { ["makePublic"] = "true" })).StatusCode);
        Assert.NotNull((await kit.PageAsync(awarded)).QuerySelector("input[name=makePublic][value=true][checked]"));
        await using (var scope = await fixture.As(email, "springfield"))
            Assert.True(await AppFixture.Get<AppDbContext>(scope).Submissions.Where(s => s.Id == awarded).Select(s => s.EvidencePublic).SingleAsync());

        var refused = await kit.PostAsync(draft, "Share", new Dictionary<string, string> { ["makePublic"] = "true" });
        Assert.Contains("You can make evidence public once the credential is awarded.", (await HttpSession.Parse(await refused.Content.ReadAsStringAsync())).Errors());
    }

    [Fact]
    public async Task Evidence_added_to_a_submission_that_already_has_evidence_is_inserted_not_updated()
    {
        // EvidenceItem ids are made by the domain: EF must insert an item added to a loaded submission's collection.
        const string email = "casey.nguyen@springfield.test";
        var (credentialId, content) = await Leadership();
        var file = await UploadToLibraryAsync(email, EvidenceSamples.Pdf(), "agenda.pdf");
        Guid id;
        await using (var scope = await fixture.As(email, "springfield"))
        {
            var sender = AppFixture.Get<ISender>(scope);
            id = await sender.Send(new StartCredential(credentialId));
            await sender.Send(new SaveReflection(id, content.Prompts[2].Id, "first words"));
            await sender.Send(new AttachEvidenceFile(id, content.Prompts[0].Id, file));
            await sender.Send(new SaveReflection(id, content.Prompts[2].Id, "first words and more"));
        }
        await using (var scope = await fixture.As(email, "springfield"))
        {
            var items = await AppFixture.Get<AppDbContext>(scope).EvidenceItems.Where(i => i.SubmissionId == id).ToListAsync();
            Assert.Equal(2, items.Count);
            Assert.Equal("first words and more", items.Single(i => i.Kind == EvidenceItemKind.Text).Text);
            Assert.Equal(file, items.Single(i => i.Kind == EvidenceItemKind.File).FileId);
            var stored = await AppFixture.Get<AppDbContext>(scope).StoredFiles.SingleAsync(f => f.Id == file);
            Assert.Equal(("SubmissionAnswer", items.Single(i => i.Kind == EvidenceItemKind.File).Id), (stored.AttachedToType!, stored.AttachedToId!.Value));
        }

        // Removing the file releases it to the library again.
        await using (var scope = await fixture.As(email, "springfield"))
        {
            var itemId = await AppFixture.Get<AppDbContext>(scope).EvidenceItems.Where(i => i.SubmissionId == id && i.FileId == file).Select(i => i.Id).SingleAsync();
            await AppFixture.Get<ISender>(scope).Send(new RemoveEvidence(id, itemId));
        }
        await using (var scope = await fixture.As(email, "springfield"))
            Assert.Null(await AppFixture.Get<AppDbContext>(scope).StoredFiles.Where(f => f.Id == file).Select(f => f.AttachedToType).SingleAsync());
    }

    [Fact]
    public async Task The_earner_gets_an_email_at_every_step_whichever_feature_makes_it()
    {
        // Review, scoring and the decision belong to other features: the earner hears about each all the same.
        const string email = "sam.ortiz@springfield.test";
        var me = await fixture.UserId(email);
        async Task<string> StepAsync(Func<Submission, bool> which, Action<Submission> step)
        {
            await using var scope = await fixture.As("admin@springfield.test", "springfield");
            using var _ = AppFixture.Get<AuditScope>(scope).Begin("TestStep", null);
            var db = AppFixture.Get<AppDbContext>(scope);
            var submission = (await db.Submissions.Where(s => s.EarnerId == me).OrderByDescending(s => s.UpdatedAt).ToListAsync()).First(which);
            step(submission);
            await db.SaveChangesAsync();
            return (await fixture.LatestTo(email)).Subject;
        }
        Assert.StartsWith("Awarded: ", await StepAsync(s => s.Status == SubmissionStatus.Scored, s => s.Award(null, DateTimeOffset.UtcNow)));
        Assert.StartsWith("Not yet: ", await StepAsync(s => s.Status == SubmissionStatus.Scored, s => s.Deny("Add students' words.", DateTimeOffset.UtcNow)));
        var before = await fixture.CountTo(email);
        await StepAsync(s => s.Status == SubmissionStatus.Awarded, s => s.ShareEvidence(true, DateTimeOffset.UtcNow));
        Assert.Equal(before, await fixture.CountTo(email)); // no status change, no email
    }

    private async Task<Guid> UploadToLibraryAsync(string email, byte[] bytes, string name)
    {
        using var tus = await TusClient.ForAsync(fixture.BaseAddress, email, "springfield");
        return (await tus.UploadAsync(bytes, name)).FileId;
    }

    private async Task SetAttemptCapAsync(int cap)
    {
        await using var scope = await fixture.As("admin@springfield.test", "springfield");
        using var _ = AppFixture.Get<AuditScope>(scope).Begin("TestSetsAttemptCap", null);
        var db = AppFixture.Get<AppDbContext>(scope);
        (await db.DistrictPolicies.SingleAsync()).ChangeEarning(cap);
        await db.SaveChangesAsync();
    }
}
