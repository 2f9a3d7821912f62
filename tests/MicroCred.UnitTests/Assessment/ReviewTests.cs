using MicroCred.Domain.Assessment;
using MicroCred.Domain.Common;
using MicroCred.Domain.Design;
using MicroCred.Domain.Evidence;

namespace MicroCred.UnitTests.Assessment;

/// <summary>The review of a submission: double-scoring selection, scoring, adjudication and the queue moves.</summary>
public sealed class ReviewTests
{
    private static readonly DateTimeOffset Now = World.Now;

    [Theory]
    [InlineData(0)]
    [InlineData(10)]
    [InlineData(25)]
    [InlineData(33)]
    [InlineData(100)]
    public void Double_scoring_selects_exactly_the_share_spread_evenly(int percent)
    {
        var selected = Enumerable.Range(1, 1000).Where(n => DoubleScoring.Selects(n, percent)).ToList();
        Assert.Equal(percent * 10, selected.Count);
        Assert.Equal(percent, selected.Count(n => n <= 100));
        if (percent > 0) Assert.Equal(1, selected[0]); // a new credential yields reliability evidence at once
        // Evenly spread: never two selections closer than the share allows.
        if (percent is > 0 and < 100) Assert.All(selected.Zip(selected.Skip(1)), p => Assert.True(p.Second - p.First >= 100 / percent));
    }

    [Fact]
    public void Ten_percent_double_scores_the_1st_11th_21st_submission()
    {
        Assert.Equal([1, 11, 21, 31], Enumerable.Range(1, 40).Where(n => DoubleScoring.Selects(n, 10)));
    }

    [Fact]
    public void Entering_review_decides_double_scoring_once_and_dates_it_from_submission()
    {
        var w = new World(doubleScoringPercent: 10);
        var submission = w.Submitted(at: Now); // Monday
        var first = Review.Open(submission, 1, w.Policy, Now.AddDays(2));
        Assert.True(first.DoubleScored);
        Assert.Equal([AssignmentRole.Primary, AssignmentRole.Second], first.OpenRoles);
        Assert.Equal(Now.AddDays(7), first.DueAt); // five business days after Monday's submission: next Monday
        w.Policy.ChangeAssessment(w.Policy.Assignment, 5, true, 0, false, 80, 80);
        Assert.True(first.DoubleScored); // decided when it entered review
        Assert.False(Review.Open(w.Submitted(), 2, w.Policy, Now).DoubleScored);

        var draft = Submission.Start(w.District, w.Earner, w.Credential, w.Version, 0, null, [], Now);
        Assert.Throws<DomainException>(() => Review.Open(draft, 3, w.Policy, Now));
    }

    [Fact]
    public void The_recommendation_follows_the_rubrics_passing_rule()
    {
        var w = new World();
        Assert.Equal(Recommendation.Award, w.Sheet(2, 2, 3).RecommendationUnder(w.Rubric));  // all at or above Proficient
        Assert.Equal(Recommendation.NotYet, w.Sheet(3, 1, 3).RecommendationUnder(w.Rubric)); // one Developing
        Assert.Equal(Recommendation.NotYet, (w.Sheet(3, 3, 3) with { Criteria = w.Sheet(3, 3, 3).Criteria.Take(2).ToList() }).RecommendationUnder(w.Rubric));

        // A minimum total raises the bar: 2+2+2 = 6 < 7.
        var strict = w.Rubric with { Passing = w.Rubric.Passing! with { MinimumTotal = 7 } };
        Assert.Equal(Recommendation.NotYet, w.Sheet(2, 2, 2).RecommendationUnder(strict));
        Assert.Equal(Recommendation.Award, w.Sheet(2, 2, 3).RecommendationUnder(strict));
    }

    [Fact]
    public void Feedback_is_required_for_every_criterion_below_the_passing_level()
    {
        var w = new World();
        var submission = w.Submitted();
        var review = Review.Open(submission, 2, w.Policy, Now);
        var mine = review.Assign(AssignmentRole.Primary, w.Ann, AssignmentSource.Automatic, null, submission, w.Pool(), Now);
        var c = w.Rubric.Criteria;
        var sheet = new ScoreSheet(
        [
            new CriterionScore(c[0].Id, w.Level(1).Id, "  "),          // below passing, no feedback
            new CriterionScore(c[1].Id, w.Level(3).Id, null),          // above: feedback optional
            new CriterionScore(c[2].Id, w.Level(0).Id, null),          // below passing, no feedback
        ], null);

        var refusal = Assert.Throws<ScoreIncompleteException>(() => review.SubmitScore(mine, sheet, w.Rubric, submission, w.Policy, Now));
        Assert.Equal([c[0].Id, c[2].Id], refusal.Problems.Select(p => p.CriterionId));
        Assert.Contains("below the passing level (Proficient)", refusal.Problems[0].Message);
        Assert.False(mine.IsCompleted);
        Assert.Equal(SubmissionStatus.InReview, submission.Status);

        var unscored = new ScoreSheet([new CriterionScore(c[0].Id, w.Level(2).Id, null)], null);
        Assert.Equal(["Choose a level for \"Criterion 2\".", "Choose a level for \"Criterion 3\"."],
            Assert.Throws<ScoreIncompleteException>(() => review.SubmitScore(mine, unscored, w.Rubric, submission, w.Policy, Now)).Problems.Select(p => p.Message));

        var complete = new ScoreSheet(
        [
            new CriterionScore(c[0].Id, w.Level(1).Id, "Revoice more often."),
            new CriterionScore(c[1].Id, w.Level(3).Id, null),
            new CriterionScore(c[2].Id, w.Level(0).Id, "Show the students' reasoning."),
        ], "A good start.");
        Assert.Equal(ReviewProgress.Scored, review.SubmitScore(mine, complete, w.Rubric, submission, w.Policy, Now));
        Assert.Equal(Recommendation.NotYet, mine.Recommendation);
        Assert.Equal(4, mine.Total);
    }

    [Fact]
    public void Drafts_may_be_partial_but_not_outside_the_rubric()
    {
        var w = new World();
        var submission = w.Submitted();
        var review = Review.Open(submission, 2, w.Policy, Now);
        var mine = review.Assign(AssignmentRole.Primary, w.Ann, AssignmentSource.Claimed, w.Ann, submission, w.Pool(), Now);
        var c = w.Rubric.Criteria;
        review.SaveDraft(mine, new ScoreSheet([new CriterionScore(c[1].Id, w.Level(2).Id, "  half a thought ")], null), w.Rubric, Now);
        Assert.Equal([null, w.Level(2).Id, null], mine.Sheet!.Criteria.Select(s => s.LevelId)); // in rubric order
        Assert.Equal("half a thought", mine.Sheet.For(c[1].Id)!.Feedback);
        Assert.Null(mine.CompletedAt);

        Assert.Throws<DomainException>(() => review.SaveDraft(mine, new ScoreSheet([new CriterionScore(Guid.NewGuid(), w.Level(2).Id, null)], null), w.Rubric, Now));
        Assert.Throws<DomainException>(() => review.SaveDraft(mine, new ScoreSheet([new CriterionScore(c[0].Id, Guid.NewGuid(), null)], null), w.Rubric, Now));
    }

    [Fact]
    public void A_single_score_decides_and_the_submission_is_scored()
    {
        var w = new World();
        var submission = w.Submitted();
        var review = Review.Open(submission, 2, w.Policy, Now);
        Assert.False(review.DoubleScored);
        var mine = review.Assign(AssignmentRole.Primary, w.Ann, AssignmentSource.Automatic, null, submission, w.Pool(), Now);
        Assert.Empty(review.OpenRoles);
        Assert.Equal(ReviewProgress.Scored, review.SubmitScore(mine, w.Sheet(2, 3, 2), w.Rubric, submission, w.Policy, Now.AddDays(1)));
        Assert.Equal((ReviewStatus.Scored, mine.Id, Recommendation.Award), (review.Status, review.FinalAssignmentId, review.Recommendation));
        Assert.Equal(SubmissionStatus.Scored, submission.Status);
        Assert.Equal(Now.AddDays(1), submission.ScoredAt);

        Assert.Throws<DomainException>(() => review.SaveDraft(mine, w.Sheet(0, 0, 0), w.Rubric, Now));
        Assert.Throws<DomainException>(() => review.Release(mine, submission, Now));
    }

    [Fact]
    public void Two_agreeing_independent_scores_make_the_primary_score_the_score_of_record()
    {
        var w = new World(doubleScoringPercent: 100);
        var submission = w.Submitted();
        var review = Review.Open(submission, 1, w.Policy, Now);
        var first = review.Assign(AssignmentRole.Primary, w.Ann, AssignmentSource.Automatic, null, submission, w.Pool(), Now);
        var second = review.Assign(AssignmentRole.Second, w.Ben, AssignmentSource.Automatic, null, submission, w.Pool(), Now);
        Assert.Empty(review.ScoresVisibleTo(first));

        Assert.Equal(ReviewProgress.WaitingForOtherScore, review.SubmitScore(second, w.Sheet(3, 2, 2), w.Rubric, submission, w.Policy, Now));
        Assert.Equal(SubmissionStatus.InReview, submission.Status);
        Assert.Empty(review.ScoresVisibleTo(first)); // neither scorer sees the other's score
        Assert.Empty(review.ScoresVisibleTo(second));

        Assert.Equal(ReviewProgress.Scored, review.SubmitScore(first, w.Sheet(2, 2, 2), w.Rubric, submission, w.Policy, Now));
        Assert.Equal(first.Id, review.FinalAssignmentId);
        Assert.Equal(Recommendation.Award, review.Recommendation);
        Assert.NotNull(review.IndependentPair);
    }

    [Fact]
    public void Differing_recommendations_go_to_an_adjudicator_who_sees_both_and_whose_score_decides()
    {
        var w = new World(doubleScoringPercent: 100);
        var submission = w.Submitted(at: Now);
        var review = Review.Open(submission, 1, w.Policy, Now);
        var first = review.Assign(AssignmentRole.Primary, w.Ann, AssignmentSource.Automatic, null, submission, w.Pool(), Now);
        var second = review.Assign(AssignmentRole.Second, w.Ben, AssignmentSource.Automatic, null, submission, w.Pool(), Now);
        Assert.Throws<DomainException>(() => review.Assign(AssignmentRole.Adjudicator, w.Cy, AssignmentSource.Admin, w.Admin, submission, w.Pool(), Now));

        review.SubmitScore(first, w.Sheet(2, 2, 2), w.Rubric, submission, w.Policy, Now);
        var wednesday = Now.AddDays(2);
        Assert.Equal(ReviewProgress.NeedsAdjudication, review.SubmitScore(second, w.Sheet(1, 2, 2), w.Rubric, submission, w.Policy, wednesday));
        Assert.Equal(ReviewStatus.AwaitingAdjudication, review.Status);
        Assert.Equal([AssignmentRole.Adjudicator], review.OpenRoles);
        Assert.Equal(SubmissionStatus.InReview, submission.Status);
        Assert.Equal(wednesday.AddDays(7), review.AdjudicationDueAt); // a new step: five business days from the disagreement

        var judge = review.Assign(AssignmentRole.Adjudicator, w.Cy, AssignmentSource.Automatic, null, submission, w.Pool(), wednesday);
        Assert.Equal(review.AdjudicationDueAt, judge.DueAt);
        Assert.Equal([first, second], review.ScoresVisibleTo(judge));
        Assert.Empty(review.ScoresVisibleTo(first));

        Assert.Equal(ReviewProgress.Scored, review.SubmitScore(judge, w.Sheet(1, 3, 3), w.Rubric, submission, w.Policy, wednesday));
        Assert.Equal(judge.Id, review.FinalAssignmentId);
        Assert.Equal(Recommendation.NotYet, review.Recommendation);
        Assert.Equal(SubmissionStatus.Scored, submission.Status);
    }

    [Fact]
    public void Releasing_returns_the_work_to_the_queue_and_automatic_assignment_skips_who_let_it_go()
    {
        var w = new World();
        var submission = w.Submitted();
        var review = Review.Open(submission, 2, w.Policy, Now);
        var mine = review.Claim(w.Ann, submission, w.Pool(), Now);
        Assert.Equal((AssignmentRole.Primary, AssignmentSource.Claimed), (mine.Role, mine.Source));
        Assert.Throws<DomainException>(() => review.Claim(w.Ben, submission, w.Pool(), Now)); // taken
        review.SaveDraft(mine, w.Sheet(2, 2, 2), w.Rubric, Now);

        review.Release(mine, submission, Now.AddHours(1));
        Assert.Equal((AssignmentEnd.Released, Now.AddHours(1)), (mine.EndReason!.Value, mine.EndedAt!.Value));
        Assert.Equal(SubmissionStatus.Submitted, submission.Status);
        Assert.Equal([AssignmentRole.Primary], review.OpenRoles);
        Assert.Equal([w.Ann], review.FormerAssessors);

        var next = review.Claim(w.Ben, submission, w.Pool(), Now.AddHours(2));
        Assert.Null(next.Sheet); // Ann's draft stays with Ann's ended assignment
        Assert.Equal(SubmissionStatus.InReview, submission.Status);
    }

    [Fact]
    public void An_admin_reassigns_open_work_through_the_same_rules_and_it_keeps_its_due_date()
    {
        var w = new World();
        var submission = w.Submitted(at: Now);
        var review = Review.Open(submission, 2, w.Policy, Now);
        var late = review.Assign(AssignmentRole.Primary, w.Ann, AssignmentSource.Automatic, null, submission, w.Pool(), Now);
        var moved = review.Reassign(late, w.Ben, w.Admin, submission, w.Pool(), Now.AddDays(9));
        Assert.Equal(AssignmentEnd.Reassigned, late.EndReason);
        Assert.Equal((w.Ben, AssignmentRole.Primary, AssignmentSource.Admin, w.Admin), (moved.AssessorId, moved.Role, moved.Source, moved.AssignedBy));
        Assert.Equal(late.DueAt, moved.DueAt);
        Assert.True(moved.IsOverdue(Now.AddDays(9)));
        Assert.Equal(SubmissionStatus.InReview, submission.Status);

        Assert.Throws<DomainException>(() => review.Reassign(moved, w.Ben, w.Admin, submission, w.Pool(), Now));
        review.SubmitScore(moved, w.Sheet(2, 2, 2), w.Rubric, submission, w.Policy, Now.AddDays(10));
        Assert.Throws<DomainException>(() => review.Reassign(moved, w.Cy, w.Admin, submission, w.Pool(), Now));
    }
}
