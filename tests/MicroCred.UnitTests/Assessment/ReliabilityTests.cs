using MicroCred.Domain.Assessment;

namespace MicroCred.UnitTests.Assessment;

/// <summary>The statistics against values computed by hand from textbook tables.</summary>
public sealed class ReliabilityTests
{
    /// <summary>Expands a 2×2 contingency table (rater A rows, rater B columns) into rating pairs.</summary>
    private static IEnumerable<(bool A, bool B)> Table(int yesYes, int yesNo, int noYes, int noNo) =>
        Enumerable.Repeat((true, true), yesYes).Concat(Enumerable.Repeat((true, false), yesNo))
            .Concat(Enumerable.Repeat((false, true), noYes)).Concat(Enumerable.Repeat((false, false), noNo));

    [Fact]
    public void Kappa_of_the_textbook_table_is_0_40()
    {
        // 50 cases: both yes 20, A yes B no 5, A no B yes 10, both no 15.
        // p_o = 35/50 = 0.70; A says yes 25/50 = 0.5, B says yes 30/50 = 0.6;
        // p_e = 0.5·0.6 + 0.5·0.4 = 0.50; κ = (0.70 − 0.50) / (1 − 0.50) = 0.40.
        var k = Reliability.CohensKappa(Table(20, 5, 10, 15));
        Assert.Equal(50, k.Pairs);
        Assert.Equal(0.70, k.ObservedAgreement!.Value, 10);
        Assert.Equal(0.50, k.ExpectedAgreement!.Value, 10);
        Assert.Equal(0.40, k.Kappa!.Value, 10);
    }

    [Fact]
    public void The_same_observed_agreement_gives_different_kappas_when_the_marginals_differ()
    {
        // Both tables agree on 60 of 100 cases.
        // 45/15/25/15: p_e = 0.6·0.7 + 0.4·0.3 = 0.54 → κ = 0.06 / 0.46 = 0.1304…
        var balanced = Reliability.CohensKappa(Table(45, 15, 25, 15));
        Assert.Equal(0.60, balanced.ObservedAgreement!.Value, 10);
        Assert.Equal(0.54, balanced.ExpectedAgreement!.Value, 10);
        Assert.Equal(0.06 / 0.46, balanced.Kappa!.Value, 10);
        Assert.Equal(0.1304, balanced.Kappa.Value, 4);
        // 25/35/5/35: p_e = 0.6·0.3 + 0.4·0.7 = 0.46 → κ = 0.14 / 0.54 = 0.2593…
        var skewed = Reliability.CohensKappa(Table(25, 35, 5, 35));
        Assert.Equal(0.46, skewed.ExpectedAgreement!.Value, 10);
        Assert.Equal(0.2593, skewed.Kappa!.Value, 4);
    }

    [Fact]
    public void Perfect_agreement_is_1_and_systematic_disagreement_is_minus_1()
    {
        Assert.Equal(1.0, Reliability.CohensKappa(Table(12, 0, 0, 8)).Kappa!.Value, 10);
        // Always opposite, half each way: p_o = 0, p_e = 0.5 → κ = −1.
        Assert.Equal(-1.0, Reliability.CohensKappa(Table(0, 5, 5, 0)).Kappa!.Value, 10);
    }

    [Fact]
    public void Kappa_is_undefined_when_chance_explains_everything_and_when_there_is_nothing()
    {
        // Every rating "Award" by both: p_o = 1 and p_e = 1, so κ = 0/0. Reported as undefined, never as NaN or 1.
        var allAward = Reliability.CohensKappa(Enumerable.Repeat((Recommendation.Award, Recommendation.Award), 9));
        Assert.Equal(1.0, allAward.ObservedAgreement);
        Assert.Equal(1.0, allAward.ExpectedAgreement);
        Assert.Null(allAward.Kappa);
        Assert.False(allAward.IsDefined);

        var none = Reliability.CohensKappa(Array.Empty<(Recommendation, Recommendation)>());
        Assert.Equal(0, none.Pairs);
        Assert.Null(none.Kappa);
    }

    [Fact]
    public void Kappa_works_over_more_than_two_categories()
    {
        // A 3-category table worked by hand, n = 100 (rows A, columns B):
        //   a: 25 10  5 | b:  5 20 5 | c: 5 5 20   → p_o = 65/100;
        // A's row shares .40 .30 .30, B's column shares .35 .35 .30 → p_e = .14 + .105 + .09 = .335; κ = .315 / .665 = 0.4737.
        var pairs = new List<(char, char)>();
        void Add(char a, char b, int n) => pairs.AddRange(Enumerable.Repeat((a, b), n));
        Add('a', 'a', 25); Add('a', 'b', 10); Add('a', 'c', 5);
        Add('b', 'a', 5); Add('b', 'b', 20); Add('b', 'c', 5);
        Add('c', 'a', 5); Add('c', 'b', 5); Add('c', 'c', 20);
        var k = Reliability.CohensKappa(pairs);
        Assert.Equal(0.65, k.ObservedAgreement!.Value, 10);
        Assert.Equal(0.335, k.ExpectedAgreement!.Value, 10);
        Assert.Equal(0.315 / 0.665, k.Kappa!.Value, 10);
    }

    [Fact]
    public void Exact_and_adjacent_agreement_count_level_pairs()
    {
        // (2,2) exact; (1,2) adjacent; (3,1) two apart; (0,0) exact; (2,3) adjacent → exact 2/5, adjacent 4/5.
        var a = Reliability.Agreement([(2, 2), (1, 2), (3, 1), (0, 0), (2, 3)]);
        Assert.Equal(new AgreementStats(5, 2, 4), a);
        Assert.Equal(40.0, a.ExactPercent);
        Assert.Equal(80.0, a.AdjacentPercent);
        Assert.Null(Reliability.Agreement([]).ExactPercent);
    }

    [Fact]
    public void The_median_turnaround_takes_the_middle_value()
    {
        Assert.Equal(TimeSpan.FromDays(3), Reliability.Median([TimeSpan.FromDays(5), TimeSpan.FromDays(1), TimeSpan.FromDays(3)]));
        Assert.Equal(TimeSpan.FromDays(2.5), Reliability.Median([TimeSpan.FromDays(4), TimeSpan.FromDays(1), TimeSpan.FromDays(2), TimeSpan.FromDays(3)]));
        Assert.Null(Reliability.Median([]));
    }

    [Fact]
    public void The_report_aggregates_by_criterion_assessor_and_month_and_flags_below_the_threshold()
    {
        Guid ann = Guid.NewGuid(), ben = Guid.NewGuid(), cy = Guid.NewGuid(), credential = Guid.NewGuid(), c1 = Guid.NewGuid(), c2 = Guid.NewGuid();
        ScorePair Pair(Guid a, Guid b, int month, (int, int) first, (int, int) second, Recommendation ra, Recommendation rb) =>
            new(Guid.NewGuid(), credential, a, b, new DateTimeOffset(2026, month, 10, 12, 0, 0, TimeSpan.Zero),
                [new CriterionPair(c1, first.Item1, first.Item2), new CriterionPair(c2, second.Item1, second.Item2)], ra, rb);
        var pairs = new[]
        {
            Pair(ann, ben, 9, (2, 2), (3, 3), Recommendation.Award, Recommendation.Award),   // ann–ben agree fully
            Pair(ben, ann, 9, (1, 1), (2, 1), Recommendation.NotYet, Recommendation.NotYet), // c2 adjacent
            Pair(ann, cy, 10, (2, 0), (2, 1), Recommendation.Award, Recommendation.NotYet),  // cy disagrees
            Pair(cy, ben, 10, (1, 3), (1, 2), Recommendation.NotYet, Recommendation.Award),  // cy disagrees
        };
        var summary = ReliabilityReport.Summarise(pairs);
        Assert.Equal(4, summary.DoubleScored);
        Assert.Equal(2, summary.Disagreements);
        Assert.Equal(new AgreementStats(8, 3, 6), summary.Levels);
        // Recommendations: agree, agree, disagree, disagree → p_o = .5; A: Award 2/4, B: Award 2/4 → p_e = .5 → κ = 0.
        Assert.Equal(0.0, summary.Recommendations.Kappa!.Value, 10);

        var byCriterion = ReliabilityReport.ByCriterion(pairs);
        Assert.Equal(new AgreementStats(4, 2, 2), byCriterion.Single(c => c.CriterionId == c1).Agreement);
        Assert.Equal(new AgreementStats(4, 1, 4), byCriterion.Single(c => c.CriterionId == c2).Agreement);

        var byAssessor = ReliabilityReport.ByAssessor(pairs, thresholdPercent: 80);
        var cyRow = byAssessor.Single(a => a.AssessorId == cy);
        Assert.Equal((2, 2, new AgreementStats(4, 0, 2)), (cyRow.DoubleScored, cyRow.Disagreements, cyRow.Levels));
        Assert.True(cyRow.Flagged);
        var annRow = byAssessor.Single(a => a.AssessorId == ann);
        Assert.Equal(new AgreementStats(6, 3, 5), annRow.Levels); // 50 % < 80 %
        Assert.True(annRow.Flagged);
        Assert.Equal(cy, byAssessor[0].AssessorId); // lowest agreement first
        Assert.False(ReliabilityReport.ByAssessor(pairs, thresholdPercent: 50).Single(a => a.AssessorId == ann).Flagged);

        var drift = ReliabilityReport.ByMonth(pairs);
        Assert.Equal([new DateOnly(2026, 9, 1), new DateOnly(2026, 10, 1)], drift.Select(d => d.Month));
        Assert.Equal(75.0, drift[0].Levels.ExactPercent);
        Assert.Equal(0.0, drift[1].Levels.ExactPercent);
    }
}
