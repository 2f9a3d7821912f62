using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Assessment;
using MicroCred.Domain.Assessment;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.IntegrationTests.Assessment;

/// <summary>The double-scoring path, end to end through the handlers: two independent scores, disagreement, adjudication, Scored.</summary>
public sealed class DoubleScoringTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly AssessmentKit kit = new(fixture);

    [Fact]
    public async Task Disagreeing_independent_scores_go_to_a_third_assessor_whose_score_decides()
    {
        await kit.Policy(AssignmentMode.Automatic, doubleScoringPercent: 100);
        var (credentialId, rubric, _) = await kit.Credential("Double-scored discourse");
        await kit.Qualify(credentialId, AssessmentKit.Asa, AssessmentKit.Morgan, AssessmentKit.Jordan);
        var submissionId = await kit.Submit(AssessmentKit.Erin, credentialId);

        await kit.AssignWaitingWork();
        var scorers = (await kit.Assignments(submissionId)).Where(a => a.IsActive).ToList();
        Assert.Equal([AssignmentRole.Primary, AssignmentRole.Second], scorers.Select(a => a.Role).Order());
        Assert.NotEqual(scorers[0].AssessorId, scorers[1].AssessorId);
        Assert.Equal(SubmissionStatus.InReview, await kit.Status(submissionId));
        var first = await kit.EmailOf(scorers.Single(a => a.Role == AssignmentRole.Primary).AssessorId);
        var second = await kit.EmailOf(scorers.Single(a => a.Role == AssignmentRole.Second).AssessorId);
        var third = new[] { AssessmentKit.Asa, AssessmentKit.Morgan, AssessmentKit.Jordan }.Single(e => e != first && e != second);
        var mail = await kit.Db(db => db.EmailMessages.Where(m => m.Subject.Contains("New work to assess")).Select(m => m.To).ToListAsync());
        Assert.Contains(first, mail);
        Assert.Contains(second, mail);

        // Both score independently: neither sees the other's score, and neither is told the work is double-scored.
        var firstView = await kit.As(first, s => s.Send(new GetScoringSheet(submissionId)).AsTask());
        Assert.Empty(firstView.OtherScores);
        Assert.Equal("Score", firstView.Task);
        await kit.As(first, s => s.Send(new SubmitScore(submissionId, AssessmentKit.Levels(rubric, 2, 3, 2), "Solid work: the students reason together.")).AsTask());
        Assert.Equal(SubmissionStatus.InReview, await kit.Status(submissionId));
        var secondView = await kit.As(second, s => s.Send(new GetScoringSheet(submissionId)).AsTask());
        Assert.Empty(secondView.OtherScores);
        Assert.Equal("Score", secondView.Task);
        using (var http = new HttpSession(fixture.BaseAddress))
        {
            await http.LogInAsync(second);
            var page = await http.PageAsync($"/springfield/assessment/submissions/{submissionId}");
            Assert.DoesNotContain("Solid work: the students reason together.", page.Source.Text);
            Assert.DoesNotContain("independent scores", page.MainText());
        }
        var progress = await kit.As(second, s => s.Send(new SubmitScore(submissionId, AssessmentKit.Levels(rubric, 1, 2, 2), "Talk moves are still rare.")).AsTask());
        Assert.Equal(ReviewProgress.NeedsAdjudication, progress);

        // The automatic assignment found the third qualified, conflict-free assessor as adjudicator.
        var judge = (await kit.Assignments(submissionId)).Single(a => a.Role == AssignmentRole.Adjudicator);
        Assert.Equal(third, await kit.EmailOf(judge.AssessorId));
        Assert.Contains(await kit.Db(db => db.EmailMessages.Where(m => m.To == third).Select(m => m.Subject).ToListAsync()), s => s.StartsWith("Please adjudicate", StringComparison.Ordinal));
        var judgeView = await kit.As(third, s => s.Send(new GetScoringSheet(submissionId)).AsTask());
        Assert.True(judgeView.IsAdjudication);
        Assert.Equal([Recommendation.Award, Recommendation.NotYet], judgeView.OtherScores.Select(o => o.Recommendation));
        Assert.Contains(judgeView.OtherScores, o => o.Sheet.Overall == "Talk moves are still rare.");
        Assert.Equal(SubmissionStatus.InReview, await kit.Status(submissionId));

        Assert.Equal(ReviewProgress.Scored, await kit.As(third, s => s.Send(new SubmitScore(submissionId, AssessmentKit.Levels(rubric, 1, 3, 2), "Plan the follow-up questions.")).AsTask()));
        Assert.Equal(SubmissionStatus.Scored, await kit.Status(submissionId));

        // The Issuer's decision step reads the final score: the adjudicator's, with its recommendation.
        var final = await kit.As(AssessmentKit.Issuer, s => s.Send(new GetFinalScore(submissionId)).AsTask());
        Assert.NotNull(final);
        Assert.Equal(Recommendation.NotYet, final.Recommendation);
        Assert.True(final.Adjudicated);
        Assert.Equal(["Developing", "Exemplary", "Proficient"], final.Criteria.Select(c => c.Level));
        Assert.Equal("Plan the follow-up questions.", final.Overall);
        var review = await kit.Db(db => db.Reviews.AsNoTracking().SingleAsync(r => r.SubmissionId == submissionId));
        Assert.Equal((ReviewStatus.Scored, judge.Id, Recommendation.NotYet), (review.Status, review.FinalAssignmentId!.Value, review.Recommendation!.Value));

        // The pair counts in the reliability report as a disagreement.
        var report = await kit.As(AssessmentKit.Admin, s => s.Send(new GetReliabilityReport(credentialId)).AsTask());
        Assert.Equal((1, 1), (report.Selected!.Summary.DoubleScored, report.Selected.Summary.Disagreements));
        Assert.Equal(new AgreementStats(3, 1, 3), report.Selected.Summary.Levels); // (2,1) (3,2) adjacent, (2,2) exact
    }

    [Fact]
    public async Task Agreeing_independent_scores_make_the_primary_score_final_without_adjudication()
    {
        await kit.Policy(AssignmentMode.Automatic, doubleScoringPercent: 100);
        var (credentialId, rubric, _) = await kit.Credential("Agreeing scorers");
        await kit.Qualify(credentialId, AssessmentKit.Asa, AssessmentKit.Morgan);
        var submissionId = await kit.Submit(AssessmentKit.Erin, credentialId);
        await kit.AssignWaitingWork();
        var scorers = (await kit.Assignments(submissionId)).ToList();
        var primary = await kit.EmailOf(scorers.Single(a => a.Role == AssignmentRole.Primary).AssessorId);
        var secondary = await kit.EmailOf(scorers.Single(a => a.Role == AssignmentRole.Second).AssessorId);

        await kit.As(secondary, s => s.Send(new SubmitScore(submissionId, AssessmentKit.Levels(rubric, 3, 3, 3), "Second says award.")).AsTask());
        Assert.Equal(ReviewProgress.Scored, await kit.As(primary, s => s.Send(new SubmitScore(submissionId, AssessmentKit.Levels(rubric, 2, 2, 3), "Primary says award.")).AsTask()));
        var final = await kit.As(AssessmentKit.Issuer, s => s.Send(new GetFinalScore(submissionId)).AsTask());
        Assert.Equal(("Primary says award.", Recommendation.Award, false), (final!.Overall, final.Recommendation, final.Adjudicated));
        Assert.DoesNotContain(await kit.Assignments(submissionId), a => a.Role == AssignmentRole.Adjudicator);
    }

    [Fact]
    public async Task The_earner_sees_criterion_level_feedback_once_scored_and_nobody_else_does()
    {
        await kit.Policy(AssignmentMode.Automatic, doubleScoringPercent: 0);
        var (credentialId, rubric, _) = await kit.Credential("Feedback for the earner");
        await kit.Qualify(credentialId, AssessmentKit.Morgan);
        var submissionId = await kit.Submit(AssessmentKit.Erin, credentialId);

        using var earner = new HttpSession(fixture.BaseAddress);
        await earner.LogInAsync(AssessmentKit.Erin);
        var url = $"/springfield/evidence/submissions/{submissionId}/feedback";
        Assert.Contains("being assessed", (await earner.PageAsync(url)).MainText());

        await kit.AssignWaitingWork();
        var scores = AssessmentKit.Levels(rubric, 1, 2, 3).Select((c, i) => c with { Feedback = $"Criterion feedback number {i + 1}." }).ToList();
        await kit.As(AssessmentKit.Morgan, s => s.Send(new SubmitScore(submissionId, scores, "Overall, a promising start.")).AsTask());

        var page = await earner.PageAsync(url);
        var text = page.MainText();
        foreach (var expected in new[] { "Criterion feedback number 1.", "Criterion feedback number 2.", "Criterion feedback number 3.", "Overall, a promising start.", "Below the passing level", "Developing descriptor of criterion 1" })
            Assert.Contains(expected, text);
        Assert.DoesNotContain("Morgan", text); // assessors stay anonymous to earners

        using var other = new HttpSession(fixture.BaseAddress);
        await other.LogInAsync(AssessmentKit.Taylor);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, (await other.GetAsync(url)).StatusCode);
        await Assert.ThrowsAsync<NotFoundException>(() => kit.As(AssessmentKit.Taylor, s => s.Send(new GetMyFeedback(submissionId)).AsTask()));
    }
}
