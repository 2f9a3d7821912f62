namespace MicroCred.Domain.Assessment;

/// <summary>How often two sets of level ratings agree: exactly, and within one level (adjacent, exact included).</summary>
public readonly record struct AgreementStats(int Pairs, int Exact, int Adjacent)
{
    public double? ExactPercent => Pairs == 0 ? null : 100.0 * Exact / Pairs;
    public double? AdjacentPercent => Pairs == 0 ? null : 100.0 * Adjacent / Pairs;

    public static AgreementStats operator +(AgreementStats a, AgreementStats b) => new(a.Pairs + b.Pairs, a.Exact + b.Exact, a.Adjacent + b.Adjacent);
}

/// <summary>
/// Cohen's kappa with its parts: p_o (observed agreement), p_e (agreement expected by chance from each rater's
/// own category shares) and κ = (p_o − p_e) / (1 − p_e). <see cref="Kappa"/> is null when it is not defined: no
/// pairs, or p_e = 1 (both raters put everything in the same single category, so chance already explains all
/// agreement and the formula is 0/0).
/// </summary>
public sealed record KappaResult(int Pairs, double? ObservedAgreement, double? ExpectedAgreement, double? Kappa)
{
    public bool IsDefined => Kappa is not null;
}

/// <summary>Inter-rater reliability statistics (principle O). Pure functions, tested against textbook values.</summary>
public static class Reliability
{
    /// <summary>Exact and adjacent (|a − b| ≤ 1) agreement of paired level points.</summary>
    public static AgreementStats Agreement(IEnumerable<(int A, int B)> pairs)
    {
        int n = 0, exact = 0, adjacent = 0;
        foreach (var (a, b) in pairs)
        {
            n++;
            if (a == b) exact++;
            if (Math.Abs(a - b) <= 1) adjacent++;
        }
        return new AgreementStats(n, exact, adjacent);
    }

    /// <summary>Cohen's kappa for two raters over any set of categories (e.g. the Award / Not yet recommendations).</summary>
    public static KappaResult CohensKappa<T>(IEnumerable<(T A, T B)> pairs) where T : notnull
    {
        var list = pairs.ToList();
        var n = list.Count;
        if (n == 0) return new KappaResult(0, null, null, null);
        var observed = (double)list.Count(p => EqualityComparer<T>.Default.Equals(p.A, p.B)) / n;
        var byA = list.GroupBy(p => p.A).ToDictionary(g => g.Key, g => g.Count());
        var byB = list.GroupBy(p => p.B).ToDictionary(g => g.Key, g => g.Count());
        var expected = byA.Sum(a => (double)a.Value / n * (byB.TryGetValue(a.Key, out var b) ? (double)b / n : 0));
        // p_e = 1 exactly when both raters used one and the same category throughout: κ is 0/0, undefined.
        if (1 - expected < 1e-12) return new KappaResult(n, observed, expected, null);
        return new KappaResult(n, observed, expected, (observed - expected) / (1 - expected));
    }

    /// <summary>The median of some durations (the mean of the middle two for an even count); null for none.</summary>
    public static TimeSpan? Median(IEnumerable<TimeSpan> values)
    {
        var sorted = values.Order().ToList();
        if (sorted.Count == 0) return null;
        var mid = sorted.Count / 2;
        return sorted.Count % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}

/// <summary>One criterion of a double-scored submission: the two independent levels, as rubric points.</summary>
public sealed record CriterionPair(Guid CriterionId, int A, int B);

/// <summary>The two independent scores of one double-scored submission.</summary>
public sealed record ScorePair(Guid SubmissionId, Guid CredentialId, Guid AssessorA, Guid AssessorB, DateTimeOffset ScoredAt,
    IReadOnlyList<CriterionPair> Criteria, Recommendation RecommendationA, Recommendation RecommendationB)
{
    public bool Disagree => RecommendationA != RecommendationB;

    public bool Involves(Guid assessorId) => AssessorA == assessorId || AssessorB == assessorId;
}

public sealed record ReliabilitySummary(int DoubleScored, int Disagreements, AgreementStats Levels, KappaResult Recommendations);

public sealed record CriterionReliability(Guid CriterionId, AgreementStats Agreement);

public sealed record AssessorReliability(Guid AssessorId, int DoubleScored, int Disagreements, AgreementStats Levels, KappaResult Recommendations, bool Flagged);

public sealed record DriftPoint(DateOnly Month, int DoubleScored, AgreementStats Levels);

/// <summary>
/// The reliability report over double-scored submissions: per credential (criterion by criterion), per
/// assessor (flagged below the district's agreement threshold) and over time (drift, month by month).
/// Agreement counts every criterion of every pair; kappa is on the recommendations.
/// </summary>
public static class ReliabilityReport
{
    public static ReliabilitySummary Summarise(IReadOnlyCollection<ScorePair> pairs) => new(
        pairs.Count,
        pairs.Count(p => p.Disagree),
        Reliability.Agreement(pairs.SelectMany(p => p.Criteria).Select(c => (c.A, c.B))),
        Reliability.CohensKappa(pairs.Select(p => (p.RecommendationA, p.RecommendationB))));

    /// <summary>Criteria in first-seen order.</summary>
    public static IReadOnlyList<CriterionReliability> ByCriterion(IReadOnlyCollection<ScorePair> pairs) =>
        pairs.SelectMany(p => p.Criteria).GroupBy(c => c.CriterionId)
            .Select(g => new CriterionReliability(g.Key, Reliability.Agreement(g.Select(c => (c.A, c.B))))).ToList();

    /// <summary>
    /// Each assessor's agreement with whoever independently scored the same work. Flagged when their exact
    /// agreement is below <paramref name="thresholdPercent"/>.
    /// </summary>
    public static IReadOnlyList<AssessorReliability> ByAssessor(IReadOnlyCollection<ScorePair> pairs, int thresholdPercent) =>
        pairs.SelectMany(p => new[] { p.AssessorA, p.AssessorB }).Distinct()
            .Select(id =>
            {
                var mine = pairs.Where(p => p.Involves(id)).ToList();
                var levels = Reliability.Agreement(mine.SelectMany(p => p.Criteria).Select(c => (c.A, c.B)));
                // Oriented: this assessor as rater A, the other scorer as rater B.
                var kappa = Reliability.CohensKappa(mine.Select(p => p.AssessorA == id ? (p.RecommendationA, p.RecommendationB) : (p.RecommendationB, p.RecommendationA)));
                var flagged = levels.Pairs > 0 && levels.Exact * 100 < thresholdPercent * levels.Pairs;
                return new AssessorReliability(id, mine.Count, mine.Count(p => p.Disagree), levels, kappa, flagged);
            })
            .OrderBy(a => a.Levels.ExactPercent ?? 100).ThenBy(a => a.AssessorId).ToList();

    /// <summary>Agreement per calendar month (UTC) of the later of the two scores, oldest first.</summary>
    public static IReadOnlyList<DriftPoint> ByMonth(IReadOnlyCollection<ScorePair> pairs) =>
        pairs.GroupBy(p => new DateOnly(p.ScoredAt.UtcDateTime.Year, p.ScoredAt.UtcDateTime.Month, 1))
            .OrderBy(g => g.Key)
            .Select(g => new DriftPoint(g.Key, g.Count(), Reliability.Agreement(g.SelectMany(p => p.Criteria).Select(c => (c.A, c.B))))).ToList();
}
