using System.Net;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Assessment;
using MicroCred.Domain.Assessment;
using MicroCred.Domain.Design;
using MicroCred.Domain.Tenancy;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.IntegrationTests.Assessment;

/// <summary>
/// Who may open and score a submission: only the assessor assigned to it. Another district's assessor, an
/// unqualified one and an unassigned one are refused, over HTTP and from the handlers; blind review keeps the
/// earner's name, email and school out of every assessor page.
/// </summary>
public sealed class AssessmentAccessTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly AssessmentKit kit = new(fixture);

    /// <summary>Erin's submission, assigned to Morgan; Asa is qualified but not assigned; Pat is an assessor but not qualified.</summary>
    private async Task<(Guid SubmissionId, Guid CredentialId, Rubric Rubric)> AssignedToMorgan(string name, bool blindReview = true, string? fileName = null)
    {
        await kit.Policy(AssignmentMode.Automatic, doubleScoringPercent: 0, blindReview: blindReview);
        var (credentialId, rubric, _) = await kit.Credential(name);
        await kit.Qualify(credentialId, AssessmentKit.Morgan);
        var file = fileName is null ? null : await kit.Upload(AssessmentKit.Erin, fileName, EvidenceSamples.Wav());
        var submissionId = await kit.Submit(AssessmentKit.Erin, credentialId, file: file,
            reflection: "The class compared two models of the data and revised their claims.");
        await kit.AssignWaitingWork();
        await kit.Qualify(credentialId, AssessmentKit.Asa);
        Assert.Equal(await fixture.UserId(AssessmentKit.Morgan), (await kit.Assignments(submissionId)).Single(a => a.IsActive).AssessorId);
        return (submissionId, credentialId, rubric);
    }

    [Fact]
    public async Task Only_the_assigned_assessor_opens_the_scoring_page_over_http()
    {
        var (submissionId, _, _) = await AssignedToMorgan("Access over HTTP");
        var url = $"/springfield/assessment/submissions/{submissionId}";

        using var morgan = new HttpSession(fixture.BaseAddress);
        await morgan.LogInAsync(AssessmentKit.Morgan);
        Assert.Equal(HttpStatusCode.OK, (await morgan.GetAsync(url)).StatusCode);

        foreach (var (email, expected) in new[]
        {
            (AssessmentKit.OtherDistrictAssessor, HttpStatusCode.Forbidden), // not a member of springfield at all
            (AssessmentKit.Pat, HttpStatusCode.NotFound),                    // an assessor here, not qualified, not assigned
            (AssessmentKit.Asa, HttpStatusCode.NotFound),                    // qualified, but not assigned
            (AssessmentKit.Erin, HttpStatusCode.Forbidden),                  // the earner: not an assessor
        })
        {
            using var session = new HttpSession(fixture.BaseAddress);
            await session.LogInAsync(email);
            Assert.True(expected == (await session.GetAsync(url)).StatusCode, $"{email} got the wrong status");
        }

        // Posting a score is refused the same way (with a valid antiforgery token from the assessor's own page).
        using var asa = new HttpSession(fixture.BaseAddress);
        await asa.LogInAsync(AssessmentKit.Asa);
        var token = HttpSession.TokenOf(await asa.PageAsync("/springfield/assessment"));
        var post = await asa.PostAsync(url + "?handler=Submit", new Dictionary<string, string> { ["Input.Overall"] = "Sneaky" }, token);
        Assert.Equal(HttpStatusCode.NotFound, post.StatusCode);
        using var stranger = new HttpSession(fixture.BaseAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await stranger.GetAsync(url)).StatusCode); // to the login page
    }

    [Fact]
    public async Task The_handlers_refuse_another_districts_an_unqualified_and_an_unassigned_assessor()
    {
        var (submissionId, _, rubric) = await AssignedToMorgan("Access through handlers");
        var scores = AssessmentKit.Levels(rubric, 2, 2, 2);

        // Another district: the submission does not exist there.
        await Assert.ThrowsAsync<NotFoundException>(() => kit.As(AssessmentKit.OtherDistrictAssessor, s => s.Send(new GetScoringSheet(submissionId)).AsTask(), "shelbyville"));
        await Assert.ThrowsAsync<NotFoundException>(() => kit.As(AssessmentKit.OtherDistrictAssessor, s => s.Send(new SubmitScore(submissionId, scores, null)).AsTask(), "shelbyville"));
        await Assert.ThrowsAsync<NotFoundException>(() => kit.As(AssessmentKit.OtherDistrictAssessor, s => s.Send(new ReleaseWork(submissionId)).AsTask(), "shelbyville"));
        // Unqualified and unassigned: not theirs to see.
        foreach (var email in new[] { AssessmentKit.Pat, AssessmentKit.Asa })
        {
            await Assert.ThrowsAsync<NotFoundException>(() => kit.As(email, s => s.Send(new GetScoringSheet(submissionId)).AsTask()));
            await Assert.ThrowsAsync<NotFoundException>(() => kit.As(email, s => s.Send(new SaveScoreDraft(submissionId, scores, null)).AsTask()));
            await Assert.ThrowsAsync<NotFoundException>(() => kit.As(email, s => s.Send(new SubmitScore(submissionId, scores, null)).AsTask()));
            await Assert.ThrowsAsync<NotFoundException>(() => kit.As(email, s => s.Send(new DeclareConflictOnSubmission(submissionId, "x")).AsTask()));
        }
        // Not an assessor at all: forbidden by role.
        await Assert.ThrowsAsync<ForbiddenException>(() => kit.As(AssessmentKit.Erin, s => s.Send(new GetScoringSheet(submissionId)).AsTask()));
        // Assigned but no longer qualified (the qualification row changed behind the app's back): forbidden.
        var morgan = await fixture.UserId(AssessmentKit.Morgan);
        await using (var scope = await fixture.As(AssessmentKit.Admin, "springfield"))
        {
            var db = AppFixture.Get<AppDbContext>(scope);
            using var _ = AppFixture.Get<AuditScope>(scope).Begin("Test", null);
            var credentialId = await db.Submissions.Where(s => s.Id == submissionId).Select(s => s.CredentialId).SingleAsync();
            (await db.AssessorQualifications.SingleAsync(q => q.AssessorId == morgan && q.CredentialId == credentialId)).Revoke(morgan, DateTimeOffset.UtcNow);
            await db.SaveChangesAsync();
        }
        await Assert.ThrowsAsync<ForbiddenException>(() => kit.As(AssessmentKit.Morgan, s => s.Send(new GetScoringSheet(submissionId)).AsTask()));
        await Assert.ThrowsAsync<ForbiddenException>(() => kit.As(AssessmentKit.Morgan, s => s.Send(new SubmitScore(submissionId, scores, null)).AsTask()));
    }

    [Fact]
    public async Task Under_blind_review_no_name_email_school_or_file_name_reaches_the_assessors_html()
    {
        var (submissionId, _, _) = await AssignedToMorgan("Blind review", blindReview: true, fileName: "erin-earner-lesson.wav");
        var secrets = new[] { "Erin Earner", "Erin", "earner@springfield.test", "Springfield Elementary", "erin-earner-lesson" };
        using var morgan = new HttpSession(fixture.BaseAddress);
        await morgan.LogInAsync(AssessmentKit.Morgan);
        foreach (var url in new[] { "/springfield/assessment", $"/springfield/assessment/submissions/{submissionId}" })
        {
            var response = await morgan.GetAsync(url);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var html = await response.Content.ReadAsStringAsync();
            foreach (var secret in secrets) Assert.DoesNotContain(secret, html, StringComparison.Ordinal);
            var code = await kit.Db(db => db.Submissions.Where(s => s.Id == submissionId).Select(s => s.Code).SingleAsync());
            Assert.Contains(code, html);
        }
        var page = await morgan.PageAsync($"/springfield/assessment/submissions/{submissionId}");
        Assert.Contains("Audio recording 1", page.MainText());
        var audio = page.QuerySelector("audio")!.GetAttribute("src")!;
        Assert.StartsWith("/springfield/files/", audio);

        // The file itself: served to the assigned assessor under a neutral name, to nobody else who is not its owner or an Admin.
        var served = await morgan.GetAsync(audio);
        Assert.Equal(HttpStatusCode.OK, served.StatusCode);
        Assert.Equal("audio/wav", served.Content.Headers.ContentType!.MediaType!.Replace("x-wav", "wav"));
        var disposition = served.Content.Headers.ContentDisposition!.ToString();
        Assert.Contains("evidence-", disposition);
        Assert.DoesNotContain("erin", disposition, StringComparison.OrdinalIgnoreCase);
        var details = await morgan.GetAsync($"/springfield/evidence/files/{audio.Split('/')[^1]}");
        Assert.Equal(HttpStatusCode.OK, details.StatusCode);
        foreach (var secret in secrets) Assert.DoesNotContain(secret, await details.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        foreach (var (email, expected) in new[] { (AssessmentKit.Asa, HttpStatusCode.NotFound), (AssessmentKit.Pat, HttpStatusCode.NotFound), (AssessmentKit.OtherDistrictAssessor, HttpStatusCode.Forbidden) })
        {
            using var other = new HttpSession(fixture.BaseAddress);
            await other.LogInAsync(email);
            Assert.True(expected == (await other.GetAsync(audio)).StatusCode, $"{email} reached the file");
        }
        using (var owner = new HttpSession(fixture.BaseAddress))
        {
            await owner.LogInAsync(AssessmentKit.Erin);
            Assert.Contains("erin-earner-lesson.wav", (await owner.GetAsync(audio)).Content.Headers.ContentDisposition!.ToString());
        }
        Assert.Contains("revised their claims", page.MainText()); // the evidence itself is there
        Assert.DoesNotContain("Erin", page.Title!, StringComparison.OrdinalIgnoreCase);

        // The same through the handler and the emails assessors receive.
        var view = await kit.As(AssessmentKit.Morgan, s => s.Send(new GetScoringSheet(submissionId)).AsTask());
        Assert.Null(view.EarnerName);
        Assert.Null(view.School);
        var mail = await kit.Db(db => db.EmailMessages.Where(m => m.To == AssessmentKit.Morgan).Select(m => m.TextBody + m.HtmlBody + m.Subject).ToListAsync());
        Assert.NotEmpty(mail);
        Assert.All(mail, m => Assert.DoesNotContain("Erin", m));
    }

    [Fact]
    public async Task Without_blind_review_the_assessor_sees_the_name_and_school()
    {
        var (submissionId, _, _) = await AssignedToMorgan("Named review", blindReview: false, fileName: "erin-lesson.wav");
        using var morgan = new HttpSession(fixture.BaseAddress);
        await morgan.LogInAsync(AssessmentKit.Morgan);
        var text = (await morgan.PageAsync($"/springfield/assessment/submissions/{submissionId}")).MainText();
        Assert.Contains("Erin Earner", text);
        Assert.Contains("Springfield Elementary", text);
        Assert.Contains("erin-lesson.wav", text);
        Assert.Contains("Erin Earner", (await morgan.PageAsync("/springfield/assessment")).MainText());
    }

    [Fact]
    public async Task Assessment_rows_of_one_district_are_invisible_from_another()
    {
        var (submissionId, credentialId, _) = await AssignedToMorgan("Isolation");
        await kit.As(AssessmentKit.Admin, s => s.Send(new AddSchool("Isolation Academy")).AsTask());
        await kit.As(AssessmentKit.Erin, async s => await s.Send(new DeclareConflict(await fixture.UserId(AssessmentKit.Jordan), "Isolation check")));

        await using var asB = await fixture.As("admin@shelbyville.test", "shelbyville");
        var db = AppFixture.Get<AppDbContext>(asB);
        Assert.False(await db.Reviews.AnyAsync(r => r.SubmissionId == submissionId));
        Assert.False(await db.Assignments.AnyAsync(a => a.SubmissionId == submissionId));
        Assert.False(await db.AssessorQualifications.AnyAsync(q => q.CredentialId == credentialId));
        Assert.False(await db.Schools.AnyAsync(s => s.Name == "Isolation Academy" || s.Name == "Springfield Elementary"));
        Assert.False(await db.ConflictDeclarations.AnyAsync());
        Assert.False(await db.Anchors.AnyAsync());
        Assert.False(await db.CalibrationAttempts.AnyAsync());
        // Even with the query filters lifted, row-level security keeps springfield's rows out.
        Assert.Empty(await db.Reviews.IgnoreQueryFilters().Where(r => r.SubmissionId == submissionId).ToListAsync());
        Assert.Empty(await db.Assignments.IgnoreQueryFilters().ToListAsync());

        var sender = AppFixture.Get<Mediator.ISender>(asB);
        var health = await sender.Send(new GetQueueHealth());
        Assert.DoesNotContain(health.Items, i => i.SubmissionId == submissionId);
        await Assert.ThrowsAsync<NotFoundException>(() => sender.Send(new GetReviewDetail(submissionId)).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => sender.Send(new AssignWork(submissionId, Guid.NewGuid())).AsTask());
        Assert.Empty((await sender.Send(new GetReliabilityReport(null))).Assessors);

        using var http = new HttpSession(fixture.BaseAddress);
        await http.LogInAsync("admin@shelbyville.test");
        foreach (var path in new[] { "/springfield/assessment/admin", "/springfield/assessment/admin/reliability", $"/springfield/assessment/admin/reviews/{submissionId}", "/springfield/profile" })
            Assert.Equal(HttpStatusCode.Forbidden, (await http.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await http.GetAsync($"/shelbyville/assessment/admin/reviews/{submissionId}")).StatusCode);
    }
}
