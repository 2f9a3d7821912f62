using MicroCred.Application.Features.Assessment;
using MicroCred.Application.Features.Design;
using MicroCred.Domain.Assessment;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.IntegrationTests.Assessment;

/// <summary>
/// A district with too few assessors never stalls silently: double scoring goes on with one score, adjudication
/// nobody can do goes to the Admins and shows as blocked, and "Assign waiting work now" says why nothing moved.
/// </summary>
public sealed class FewAssessorsTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly AssessmentKit kit = new(fixture);

    [Fact]
    public async Task With_one_qualified_assessor_a_double_scored_submission_goes_on_with_one_score_and_the_report_says_why()
    {
        await kit.Policy(AssignmentMode.Automatic, doubleScoringPercent: 100);
        var (credentialId, rubric, _) = await kit.Credential("One assessor only");
        await kit.Qualify(credentialId, AssessmentKit.Morgan);
        var submissionId = await kit.Submit(AssessmentKit.Erin, credentialId);

        Assert.Equal(1, await kit.AssignWaitingWork());
        var only = Assert.Single(await kit.Assignments(submissionId));
        Assert.Equal((AssignmentRole.Primary, await fixture.UserId(AssessmentKit.Morgan)), (only.Role, only.AssessorId));
        var review = await kit.Db(db => db.Reviews.AsNoTracking().SingleAsync(r => r.SubmissionId == submissionId));
        Assert.False(review.DoubleScored);
        Assert.NotNull(review.SecondScoreWaivedAt);
        var health = await kit.As(AssessmentKit.Admin, s => s.Send(new GetQueueHealth()).AsTask());
        Assert.Empty(health.Items.Single(i => i.SubmissionId == submissionId).Needs); // nothing left waiting for "a second scorer"

        Assert.Equal(ReviewProgress.Scored, await kit.As(AssessmentKit.Morgan, s => s.Send(new SubmitScore(submissionId, AssessmentKit.Levels(rubric, 2, 2, 3), "Ready.")).AsTask()));
        Assert.Equal(SubmissionStatus.Scored, await kit.Status(submissionId));

        var report = await kit.As(AssessmentKit.Admin, s => s.Send(new GetReliabilityReport(credentialId)).AsTask());
        Assert.Equal(1, report.Credentials.Single(c => c.CredentialId == credentialId).TooFewAssessors);
        Assert.Equal(0, report.Credentials.Single(c => c.CredentialId == credentialId).Summary.DoubleScored);
        Assert.True(report.Sampling.TooFewAssessors >= 1);
        Assert.Equal(report.Sampling.Reviewed - report.Sampling.TooFewAssessors, report.Sampling.Possible);

        using var admin = new HttpSession(fixture.BaseAddress);
        await admin.LogInAsync(AssessmentKit.Admin);
        var page = await admin.PageAsync($"/springfield/assessment/admin/reliability?credential={credentialId}");
        var row = page.QuerySelectorAll("tbody tr").Single(r => r.TextContent.Contains("One assessor only"));
        Assert.Contains("Not double-scored: too few assessors", page.MainText());
        Assert.Equal("1", row.QuerySelectorAll("td")[3].TextContent.Trim());
    }

    [Fact]
    public async Task In_claim_mode_the_only_assessor_claims_and_scores_alone()
    {
        await kit.Policy(AssignmentMode.Claim, doubleScoringPercent: 100);
        var (credentialId, rubric, _) = await kit.Credential("Claimed alone");
        await kit.Qualify(credentialId, AssessmentKit.Jordan);
        var submissionId = await kit.Submit("riley.chen@springfield.test", credentialId);

        await kit.As(AssessmentKit.Jordan, s => s.Send(new ClaimWork(submissionId)).AsTask());
        Assert.Equal(ReviewProgress.Scored, await kit.As(AssessmentKit.Jordan, s => s.Send(new SubmitScore(submissionId, AssessmentKit.Levels(rubric, 3, 3, 3), "Strong.")).AsTask()));
        Assert.Equal(SubmissionStatus.Scored, await kit.Status(submissionId));
        await kit.Policy(AssignmentMode.Automatic, doubleScoringPercent: 10);
    }

    [Fact]
    public async Task A_second_assessor_who_exists_still_gets_the_second_score()
    {
        await kit.Policy(AssignmentMode.Automatic, doubleScoringPercent: 100);
        var (credentialId, _, _) = await kit.Credential("Two assessors");
        await kit.Qualify(credentialId, AssessmentKit.Asa, AssessmentKit.Jordan);
        var submissionId = await kit.Submit(AssessmentKit.Erin, credentialId);
        await kit.AssignWaitingWork();
        Assert.Equal([AssignmentRole.Primary, AssignmentRole.Second], (await kit.Assignments(submissionId)).Select(a => a.Role).Order());
        Assert.Null((await kit.Db(db => db.Reviews.AsNoTracking().SingleAsync(r => r.SubmissionId == submissionId))).SecondScoreWaivedAt);
    }

    [Fact]
    public async Task Adjudication_nobody_can_do_goes_to_the_admins_shows_as_blocked_and_moves_once_a_third_assessor_is_qualified()
    {
        await kit.Policy(AssignmentMode.Automatic, doubleScoringPercent: 100);
        var (credentialId, rubric, _) = await kit.Credential("Blocked adjudication");
        await kit.Qualify(credentialId, AssessmentKit.Asa, AssessmentKit.Morgan);
        var submissionId = await kit.Submit(AssessmentKit.Erin, credentialId);
        await kit.AssignWaitingWork();
        var scorers = await kit.Assignments(submissionId);
        var first = await kit.EmailOf(scorers.Single(a => a.Role == AssignmentRole.Primary).AssessorId);
        var second = await kit.EmailOf(scorers.Single(a => a.Role == AssignmentRole.Second).AssessorId);
        await kit.As(first, s => s.Send(new SubmitScore(submissionId, AssessmentKit.Levels(rubric, 3, 3, 3), "Award.")).AsTask());
        Assert.Equal(ReviewProgress.NeedsAdjudication,
            await kit.As(second, s => s.Send(new SubmitScore(submissionId, AssessmentKit.Levels(rubric, 0, 1, 1), "Not yet.")).AsTask()));

        var code = await kit.Db(db => db.Submissions.Where(s => s.Id == submissionId).Select(s => s.Code).SingleAsync());
        var mail = await kit.Db(db => db.EmailMessages.Where(m => m.Subject == $"Adjudication blocked: {code}").Select(m => m.To).ToListAsync());
        Assert.Contains(AssessmentKit.Admin, mail);
        Assert.DoesNotContain(AssessmentKit.Asa, mail);

        var item = (await kit.As(AssessmentKit.Admin, s => s.Send(new GetQueueHealth()).AsTask())).Items.Single(i => i.SubmissionId == submissionId);
        Assert.Equal("Adjudication", item.Stage);
        Assert.Equal([AssignmentRole.Adjudicator], item.Needs);
        Assert.StartsWith("Blocked: no third qualified assessor", item.Blocked);
        Assert.Equal(SubmissionStatus.InReview, await kit.Status(submissionId));

        // Qualifying a third assessor unblocks it (qualifying runs the assignment).
        await kit.Qualify(credentialId, AssessmentKit.Jordan);
        await kit.AssignWaitingWork();
        var judge = (await kit.Assignments(submissionId)).Single(a => a.Role == AssignmentRole.Adjudicator);
        Assert.Equal(await fixture.UserId(AssessmentKit.Jordan), judge.AssessorId);
    }

    [Fact]
    public async Task Assigning_now_with_nobody_qualified_says_why_in_a_warning_not_a_success()
    {
        await kit.Policy(AssignmentMode.Automatic, doubleScoringPercent: 0);
        var (credentialId, _, _) = await kit.Credential("Nobody qualified yet");
        var submissionId = await kit.Submit(AssessmentKit.Pat, credentialId);

        var run = await kit.As(AssessmentKit.Admin, s => s.Send(new AssignWaitingWorkNow()).AsTask());
        Assert.Contains(run.NotAssigned, m => m.Contains("\"Nobody qualified yet\"") && m.Contains("no assessor is qualified for this micro-credential"));
        Assert.Empty(await kit.Assignments(submissionId));

        using var admin = new HttpSession(fixture.BaseAddress);
        await admin.LogInAsync(AssessmentKit.Admin);
        var page = await admin.PageAsync("/springfield/assessment/admin");
        var response = await admin.PostAsync("/springfield/assessment/admin?handler=AssignAll", new Dictionary<string, string>(), HttpSession.TokenOf(page));
        Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        var after = await admin.PageAsync("/springfield/assessment/admin");
        var warning = after.QuerySelector(".notice.warning");
        Assert.NotNull(warning);
        Assert.Contains("1 submission of \"Nobody qualified yet\" waits for an assessor: no assessor is qualified", warning.TextContent);
        Assert.DoesNotContain("Nothing could be assigned", after.QuerySelector(".notice.success")?.TextContent ?? "");
        Assert.Contains(after.QuerySelectorAll(".blocked"), b => b.TextContent.Contains("no assessor is qualified"));
    }

    [Fact]
    public async Task Publishing_says_when_nobody_is_qualified_to_assess_the_credential()
    {
        var id = await kit.As(AssessmentKit.Developer, async s =>
        {
            var created = await s.Send(new CreateCredential("Published before anyone can assess it"));
            await s.Send(new SaveCredentialDraft(created, AssessmentKit.Content("Published before anyone can assess it", 2)));
            return created;
        });
        var published = await kit.As(AssessmentKit.Developer, s => s.Send(new PublishCredential(id)).AsTask());
        Assert.Equal(0, published.QualifiedAssessors);
        await kit.Qualify(id, AssessmentKit.Asa);
        await kit.As(AssessmentKit.Developer, s => s.Send(new StartNewVersion(id)).AsTask());
        Assert.Equal(1, (await kit.As(AssessmentKit.Developer, s => s.Send(new PublishCredential(id)).AsTask())).QualifiedAssessors);
    }
}
