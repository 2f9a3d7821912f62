using System.Net;
using MicroCred.Application.Features.Assessment;
using MicroCred.Application.Features.Issuing;
using MicroCred.Domain.Assessment;
using MicroCred.Domain.Design;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.IntegrationTests.Issuing;

/// <summary>The Issuer's decisions over HTTP: award or "Not yet", one or in bulk, auto-award, and who may decide.</summary>
public sealed class DecisionTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly AssessmentKit kit = new(fixture);

    private Task<Submission> Submission(Guid id) => kit.Db(db => db.Submissions.AsNoTracking().SingleAsync(s => s.Id == id));

    [Fact]
    public async Task An_issuer_awards_one_submission_from_its_page_and_the_earner_is_told()
    {
        var (credentialId, rubric) = await kit.SingleAssessorCredential("Decisions: one by one");
        var id = await kit.Scored(credentialId, rubric, AssessmentKit.Erin, 2, 3, 2);

        using var issuer = new HttpSession(fixture.BaseAddress);
        await issuer.LogInAsync(AssessmentKit.Issuer);
        var queue = await issuer.PageAsync($"/springfield/issuing/decisions?credential={credentialId}");
        var row = queue.QuerySelectorAll("table[aria-labelledby=waiting-heading] tbody tr").Single();
        Assert.Contains("Award", row.TextContent);
        Assert.Contains("Erin", row.TextContent); // the Issuer decides about a person, not a code

        var page = await issuer.PageAsync($"/springfield/issuing/decisions/{id}");
        Assert.Contains("Recommendation: Award", page.MainText());
        Assert.Equal(rubric.Criteria.Count + 1, page.QuerySelectorAll("main table tbody tr").Length); // every criterion and the overall feedback
        var award = page.QuerySelector("main form button[formaction$='handler=Award']")!.GetAttribute("formaction")!;
        var response = await issuer.PostAsync(award, new Dictionary<string, string> { ["Note"] = "Wonderful student talk." }, HttpSession.TokenOf(page));
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await issuer.PageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Awarded. The earner has been told by email.", after.MainText());
        Assert.Empty(after.QuerySelectorAll("form button[formaction*=Award]"));

        var submission = await Submission(id);
        Assert.Equal(SubmissionStatus.Awarded, submission.Status);
        var assertion = await kit.Db(db => db.Assertions.AsNoTracking().SingleAsync(a => a.SubmissionId == id));
        Assert.Equal(submission.CredentialVersionId, assertion.CredentialVersionId);
        Assert.Equal(submission.EarnerId, assertion.RecipientId);
        Assert.Equal("Wonderful student talk.", assertion.Narrative);
        Assert.Equal("Wonderful student talk.", submission.DecisionNote);
        Assert.NotNull(submission.DecidedAt);
        var mail = await kit.Db(db => db.EmailMessages.Where(m => m.To == AssessmentKit.Erin && m.Subject == "Awarded: Decisions: one by one").ToListAsync());
        Assert.Contains("Wonderful student talk.", Assert.Single(mail).TextBody);
        Assert.Contains($"/springfield/evidence/submissions/{id}/feedback", mail[0].TextBody);
        Assert.Contains($"/public/assertions/{assertion.Id}", mail[0].TextBody);
        var audit = await kit.Db(db => db.AuditEntries.Where(a => a.Action == nameof(DecideSubmissions) && a.Targets.Contains(id.ToString())).ToListAsync());
        Assert.Single(audit);
    }

    [Fact]
    public async Task Not_yet_in_bulk_decides_every_chosen_submission_and_the_earners_get_their_feedback_and_the_note()
    {
        var (credentialId, rubric) = await kit.SingleAssessorCredential("Decisions: in bulk");
        var erins = await kit.Scored(credentialId, rubric, AssessmentKit.Erin, 1, 2, 2);
        var taylors = await kit.Scored(credentialId, rubric, AssessmentKit.Taylor, 2, 1, 1);
        var untouched = await kit.Scored(credentialId, rubric, AssessmentKit.Taylor, 0, 1, 1);

        using var issuer = new HttpSession(fixture.BaseAddress);
        await issuer.LogInAsync(AssessmentKit.Issuer);
        var url = $"/springfield/issuing/decisions?credential={credentialId}";
        var queue = await issuer.PageAsync(url);
        Assert.Equal(3, queue.QuerySelectorAll("table[aria-labelledby=waiting-heading] tbody tr").Length);
        var response = await issuer.PostAsync($"/springfield/issuing/decisions?credential={credentialId}&handler=NotYet",
            [new("SubmissionIds", erins.ToString()), new("SubmissionIds", taylors.ToString()), new("Note", "Look again at the talk moves.")], HttpSession.TokenOf(queue)!);
        Assert.Equal(HttpStatusCode.Redirect, response.StatusCode);
        var after = await issuer.PageAsync(response.Headers.Location!.OriginalString);
        Assert.Contains("Marked 2 submissions \"Not yet\"", after.MainText());
        Assert.Single(after.QuerySelectorAll("table[aria-labelledby=waiting-heading] tbody tr"));

        Assert.Equal(SubmissionStatus.NotYet, (await Submission(erins)).Status);
        Assert.Equal(SubmissionStatus.NotYet, (await Submission(taylors)).Status);
        Assert.Equal(SubmissionStatus.Scored, (await Submission(untouched)).Status);
        var subjects = await kit.Db(db => db.EmailMessages.Where(m => m.Subject == "Not yet: Decisions: in bulk").Select(m => m.To).ToListAsync());
        Assert.Equal([AssessmentKit.Erin, AssessmentKit.Taylor], subjects.Order());

        // The earner's feedback page shows every criterion's level and the Issuer's note.
        using var erin = new HttpSession(fixture.BaseAddress);
        await erin.LogInAsync(AssessmentKit.Erin);
        var feedback = await erin.PageAsync($"/springfield/evidence/submissions/{erins}/feedback");
        Assert.Contains("Look again at the talk moves.", feedback.MainText());
        foreach (var criterion in rubric.Criteria) Assert.Contains(criterion.Title, feedback.MainText());
    }

    [Fact]
    public async Task A_bulk_decision_that_includes_work_decided_meanwhile_decides_nothing_and_says_which()
    {
        var (credentialId, rubric) = await kit.SingleAssessorCredential("Decisions: races");
        var first = await kit.Scored(credentialId, rubric, AssessmentKit.Erin, 2, 2, 2);
        var second = await kit.Scored(credentialId, rubric, AssessmentKit.Taylor, 2, 2, 3);

        using var issuer = new HttpSession(fixture.BaseAddress);
        await issuer.LogInAsync(AssessmentKit.Issuer);
        var queue = await issuer.PageAsync($"/springfield/issuing/decisions?credential={credentialId}");
        await kit.As(AssessmentKit.Issuer, s => s.Send(new DecideSubmissions([first], Decision.Award, null)).AsTask()); // someone else, a moment earlier

        var response = await issuer.PostAsync($"/springfield/issuing/decisions?credential={credentialId}&handler=Award",
            [new("SubmissionIds", first.ToString()), new("SubmissionIds", second.ToString()), new("Note", "Well done.")], HttpSession.TokenOf(queue)!);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var page = await HttpSession.Parse(await response.Content.ReadAsStringAsync());
        var code = (await Submission(first)).Code;
        Assert.Contains(page.Errors(), e => e.Contains("Nothing was decided") && e.Contains(code));
        Assert.Equal("Well done.", page.QuerySelector("textarea#Note")!.TextContent); // the note typed is still there
        Assert.Equal(SubmissionStatus.Scored, (await Submission(second)).Status);

        // Nothing chosen: a clear message, not an error page.
        var none = await issuer.PostAsync($"/springfield/issuing/decisions?handler=Award", [new("Note", "x")], HttpSession.TokenOf(queue)!);
        Assert.Contains("Choose at least one submission.", (await HttpSession.Parse(await none.Content.ReadAsStringAsync())).Errors());
    }

    [Fact]
    public async Task Auto_award_awards_work_recommended_for_award_and_leaves_not_yet_to_the_issuer()
    {
        await kit.Policy(AssignmentMode.Automatic, doubleScoringPercent: 0, forbidSameSchool: false, autoAward: true);
        var (credentialId, rubric, _) = await kit.Credential("Decisions: automatic");
        await kit.Qualify(credentialId, AssessmentKit.Asa);
        try
        {
            var passing = await kit.Scored(credentialId, rubric, AssessmentKit.Erin, 2, 2, 2);
            var failing = await kit.Scored(credentialId, rubric, AssessmentKit.Taylor, 1, 2, 2);

            var awarded = await Submission(passing);
            Assert.Equal(SubmissionStatus.Awarded, awarded.Status);
            Assert.StartsWith("Awarded automatically", awarded.DecisionNote);
            Assert.Equal(SubmissionStatus.Scored, (await Submission(failing)).Status);
            Assert.Single(await kit.Db(db => db.AuditEntries.Where(a => a.Action == "AutoAward" && a.Targets.Contains(passing.ToString())).ToListAsync()));
            Assert.Single(await kit.Db(db => db.EmailMessages.Where(m => m.To == AssessmentKit.Erin && m.Subject == "Awarded: Decisions: automatic").ToListAsync()));

            var queue = await kit.As(AssessmentKit.Issuer, s => s.Send(new GetDecisionQueue(credentialId)).AsTask());
            Assert.True(queue.AutoAward);
            Assert.Equal([failing], queue.Waiting.Select(w => w.SubmissionId));
            Assert.Equal([passing], queue.RecentlyDecided.Select(w => w.SubmissionId));
        }
        finally
        {
            await kit.Policy(AssignmentMode.Automatic, doubleScoringPercent: 0, forbidSameSchool: false);
        }
    }

    [Fact]
    public async Task Earning_the_last_credential_of_a_stack_awards_the_stacks_badge_once()
    {
        var (first, firstRubric) = await kit.SingleAssessorCredential("Stacked: planning");
        var (second, secondRubric) = await kit.SingleAssessorCredential("Stacked: practice");
        var stackId = await kit.As(AssessmentKit.Developer, async s =>
        {
            var id = await s.Send(new Application.Features.Design.CreateStack("Stacked pathway", "Planning, then practice.", false, [first, second]));
            await s.Send(new Application.Features.Design.PublishStack(id));
            return id;
        });
        var erinId = await fixture.UserId(AssessmentKit.Erin);
        Task<int> StackBadges() => kit.Db(db => db.Assertions.CountAsync(a => a.StackId == stackId && a.RecipientId == erinId));

        var planning = await kit.Scored(first, firstRubric, AssessmentKit.Erin, 2, 2, 2);
        await kit.As(AssessmentKit.Issuer, s => s.Send(new DecideSubmissions([planning], Decision.Award, null)).AsTask());
        Assert.Equal(0, await StackBadges()); // one of two is not the stack

        // Both the practice work and a second attempt at it, awarded in one bulk decision: one stack badge, not two.
        var practice = await kit.Scored(second, secondRubric, AssessmentKit.Erin, 3, 2, 2);
        var again = await kit.Scored(second, secondRubric, AssessmentKit.Erin, 2, 2, 2);
        var refused = await Record.ExceptionAsync(() => kit.As(AssessmentKit.Issuer, s => s.Send(new DecideSubmissions([practice, again], Decision.Award, null)).AsTask()));
        Assert.Contains("already holds the badge", refused!.Message); // one badge per version and person, and nothing saved
        Assert.Equal(0, await StackBadges());
        await kit.As(AssessmentKit.Issuer, s => s.Send(new DecideSubmissions([practice], Decision.Award, null)).AsTask());
        Assert.Equal(1, await StackBadges());
        Assert.Single(await kit.Db(db => db.EmailMessages.Where(m => m.To == AssessmentKit.Erin && m.Subject == "You completed the stack \"Stacked pathway\"").ToListAsync()));
    }

    [Fact]
    public async Task A_new_version_of_a_credential_is_not_a_second_badge_for_someone_who_holds_the_first()
    {
        var (credentialId, rubric) = await kit.SingleAssessorCredential("Decisions: one badge per credential");
        var first = await kit.Scored(credentialId, rubric, AssessmentKit.Erin, 2, 2, 2);
        await kit.As(AssessmentKit.Issuer, s => s.Send(new DecideSubmissions([first], Decision.Award, null)).AsTask());
        await kit.As(AssessmentKit.Developer, async s =>
        {
            await s.Send(new Application.Features.Design.StartNewVersion(credentialId));
            await s.Send(new Application.Features.Design.PublishCredential(credentialId));
        });
        var erinId = await fixture.UserId(AssessmentKit.Erin);
        Task<int> Badges() => kit.Db(db => db.Assertions.CountAsync(a => a.CredentialId == credentialId && a.RecipientId == erinId));

        // By hand, the Issuer gets the latest version: still the same credential, already held.
        var refused = await Record.ExceptionAsync(() => kit.As(AssessmentKit.Issuer,
            s => s.Send(new IssueBadge(AssessmentKit.Erin, credentialId, "Again.", null, false)).AsTask()));
        Assert.Contains("already holds the badge", refused!.Message);
        Assert.Equal(1, await Badges());
    }

    [Fact]
    public async Task Only_the_districts_issuers_see_or_decide_its_work()
    {
        var (credentialId, rubric) = await kit.SingleAssessorCredential("Decisions: isolation");
        var id = await kit.Scored(credentialId, rubric, AssessmentKit.Erin, 2, 2, 2);

        foreach (var email in new[] { AssessmentKit.Erin, AssessmentKit.Asa, AssessmentKit.Developer })
        {
            using var member = new HttpSession(fixture.BaseAddress);
            await member.LogInAsync(email);
            Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/springfield/issuing/decisions")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync($"/springfield/issuing/decisions/{id}")).StatusCode);
        }

        using var outsider = new HttpSession(fixture.BaseAddress);
        await outsider.LogInAsync("issuer@shelbyville.test");
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/springfield/issuing/decisions/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/shelbyville/issuing/decisions/{id}")).StatusCode);
        var theirs = await outsider.PageAsync("/shelbyville/issuing/decisions");
        Assert.DoesNotContain("Decisions: isolation", theirs.Source.Text);
        await Assert.ThrowsAnyAsync<Exception>(() => kit.As("issuer@shelbyville.test", s => s.Send(new DecideSubmissions([id], Decision.Award, null)).AsTask(), "shelbyville"));
        Assert.Equal(SubmissionStatus.Scored, (await Submission(id)).Status);

        // Work not yet scored is not the Issuer's to see.
        var inReview = await kit.Submit(AssessmentKit.Taylor, credentialId);
        using var issuer = new HttpSession(fixture.BaseAddress);
        await issuer.LogInAsync(AssessmentKit.Issuer);
        Assert.Equal(HttpStatusCode.NotFound, (await issuer.GetAsync($"/springfield/issuing/decisions/{inReview}")).StatusCode);
    }

    [Fact]
    public async Task The_issuer_sees_every_assessors_levels_where_they_differ_and_the_adjudicators()
    {
        await kit.Policy(AssignmentMode.Automatic, doubleScoringPercent: 100);
        var (credentialId, rubric, _) = await kit.Credential("Decisions: two assessors");
        await kit.Qualify(credentialId, AssessmentKit.Asa, AssessmentKit.Morgan, AssessmentKit.Jordan);

        async Task<(Guid Id, string First, string Second)> DoubleScored(string earner, int[] first, int[] second)
        {
            var id = await kit.Submit(earner, credentialId);
            await kit.AssignWaitingWork();
            var scorers = (await kit.Assignments(id)).Where(a => a.IsActive).ToList();
            var primary = await kit.EmailOf(scorers.Single(a => a.Role == AssignmentRole.Primary).AssessorId);
            var other = await kit.EmailOf(scorers.Single(a => a.Role == AssignmentRole.Second).AssessorId);
            await kit.As(primary, s => s.Send(new SubmitScore(id, AssessmentKit.Levels(rubric, first), "First view.")).AsTask());
            await kit.As(other, s => s.Send(new SubmitScore(id, AssessmentKit.Levels(rubric, second), "Second view.")).AsTask());
            return (id, primary, other);
        }

        // Both recommend awarding, but they differ on the second criterion.
        var agreed = await DoubleScored(AssessmentKit.Erin, [2, 3, 2], [2, 2, 2]);
        using var issuer = new HttpSession(fixture.BaseAddress);
        await issuer.LogInAsync(AssessmentKit.Issuer);
        var page = await issuer.PageAsync($"/springfield/issuing/decisions/{agreed.Id}");
        Assert.Contains("both assessors recommended the same", page.MainText());
        var table = page.QuerySelector("table.assessor-scores")!;
        var headers = table.QuerySelectorAll("thead th").Select(th => th.TextContent).ToList();
        Assert.Equal(3, headers.Count);
        Assert.StartsWith("First assessor", headers[1]);
        Assert.Contains("Score of record", headers[1]);
        Assert.StartsWith("Second assessor", headers[2]);
        var rows = table.QuerySelectorAll("tbody tr").ToList();
        Assert.Equal(rubric.Criteria.Count + 1, rows.Count);
        Assert.Equal([rubric.Levels[2].Name, rubric.Levels[3].Name, rubric.Levels[2].Name], rows.Take(3).Select(r => r.QuerySelectorAll("td")[0].TextContent));
        Assert.Equal([rubric.Levels[2].Name, rubric.Levels[2].Name, rubric.Levels[2].Name], rows.Take(3).Select(r => r.QuerySelectorAll("td")[1].TextContent));
        Assert.Equal([false, true, false], rows.Take(3).Select(r => r.TextContent.Contains("differs", StringComparison.Ordinal)));

        // They disagree on the recommendation: the adjudicator's levels are shown too, and theirs is the score of record.
        var split = await DoubleScored(AssessmentKit.Taylor, [2, 2, 2], [1, 2, 2]);
        var judge = (await kit.Assignments(split.Id)).Single(a => a.Role == AssignmentRole.Adjudicator);
        await kit.As(await kit.EmailOf(judge.AssessorId), s => s.Send(new SubmitScore(split.Id, AssessmentKit.Levels(rubric, 3, 2, 2), "Adjudicated.")).AsTask());
        page = await issuer.PageAsync($"/springfield/issuing/decisions/{split.Id}");
        Assert.Contains("decided by the adjudicator", page.MainText());
        table = page.QuerySelector("table.assessor-scores")!;
        headers = table.QuerySelectorAll("thead th").Select(th => th.TextContent).ToList();
        Assert.Equal(4, headers.Count);
        Assert.StartsWith("Adjudicator", headers[3]);
        Assert.Contains("Score of record", headers[3]);
        Assert.DoesNotContain("Score of record", headers[1]);
        var firstRow = table.QuerySelectorAll("tbody tr")[0].QuerySelectorAll("td").Select(td => td.TextContent).ToList();
        Assert.Equal([rubric.Levels[2].Name, rubric.Levels[1].Name, rubric.Levels[3].Name], firstRow);
        var recommendation = table.QuerySelectorAll("tbody tr").Last().QuerySelectorAll("td").Select(td => td.TextContent).ToList();
        Assert.StartsWith("Award", recommendation[0]);
        Assert.StartsWith("Not yet", recommendation[1]);
    }
}
