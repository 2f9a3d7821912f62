using MicroCred.Domain.Common;
using MicroCred.Domain.Design;

namespace MicroCred.Domain.Assessment;

/// <summary>What a score means for the earner, from the rubric's passing rule.</summary>
public enum Recommendation { Award, NotYet }

/// <summary>The level chosen for one criterion (none yet, in a draft) and the feedback written for it.</summary>
public sealed record CriterionScore(Guid CriterionId, Guid? LevelId, string? Feedback);

/// <summary>One thing that stops a score from being submitted; <see cref="CriterionId"/> says where, when it is about one criterion.</summary>
public sealed record ScoreProblem(Guid? CriterionId, string Message);

/// <summary>
/// A scorer's sheet against one rubric: a level and feedback per criterion, and overall feedback. A draft may be
/// partial; a submitted sheet has a level for every criterion and feedback for every criterion below the passing
/// level (principle M: the earner learns what to improve, whatever the decision).
/// </summary>
public sealed record ScoreSheet(IReadOnlyList<CriterionScore> Criteria, string? Overall)
{
    public const int MaxFeedbackLength = 5000;
    public const int MaxOverallLength = 10_000;

    public static readonly ScoreSheet Empty = new([], null);

    /// <summary>The chosen level of every criterion that has one.</summary>
    public IReadOnlyDictionary<Guid, Guid> Levels =>
        Criteria.Where(c => c.LevelId is not null).ToDictionary(c => c.CriterionId, c => c.LevelId!.Value);

    public CriterionScore? For(Guid criterionId) => Criteria.FirstOrDefault(c => c.CriterionId == criterionId);

    /// <summary>
    /// The sheet in the rubric's criterion order with feedback trimmed; refuses a criterion or a level that is
    /// not part of the rubric and over-long text. Partial sheets are fine (drafts).
    /// </summary>
    public ScoreSheet CheckedAgainst(Rubric rubric)
    {
        foreach (var score in Criteria)
        {
            if (rubric.Criteria.All(c => c.Id != score.CriterionId)) throw new DomainException("That criterion is not part of this rubric.");
            if (score.LevelId is { } level && rubric.Levels.All(l => l.Id != level)) throw new DomainException("That performance level is not part of this rubric.");
            if (score.Feedback is { Length: > MaxFeedbackLength })
                throw new DomainException($"Keep the feedback on each criterion to {MaxFeedbackLength:N0} characters.");
        }
        if (Criteria.Select(c => c.CriterionId).Distinct().Count() != Criteria.Count) throw new DomainException("Each criterion is scored once.");
        if (Overall is { Length: > MaxOverallLength }) throw new DomainException($"Keep the overall feedback to {MaxOverallLength:N0} characters.", nameof(Overall));
        var ordered = rubric.Criteria.Select(c => For(c.Id) is { } s ? s with { Feedback = Clean(s.Feedback) } : new CriterionScore(c.Id, null, null)).ToList();
        return new ScoreSheet(ordered, Clean(Overall));
    }

    /// <summary>What stops this sheet from being submitted, in the rubric's order. Empty means complete.</summary>
    public IReadOnlyList<ScoreProblem> ProblemsBeforeSubmitting(Rubric rubric)
    {
        var problems = new List<ScoreProblem>();
        foreach (var criterion in rubric.Criteria)
        {
            var score = For(criterion.Id);
            if (score?.LevelId is not { } level)
                problems.Add(new ScoreProblem(criterion.Id, $"Choose a level for \"{criterion.Title}\"."));
            else if (rubric.IsBelowPassing(level) && string.IsNullOrWhiteSpace(score.Feedback))
                problems.Add(new ScoreProblem(criterion.Id,
                    $"Write feedback for \"{criterion.Title}\": it is below the passing level ({rubric.PassingLevel?.Name}), so the earner needs to know what to improve."));
        }
        return problems;
    }

    /// <summary>The recommendation the rubric's passing rule gives for these levels (a partial sheet is "Not yet").</summary>
    public Recommendation RecommendationUnder(Rubric rubric) => rubric.Evaluate(Levels).Passes ? Recommendation.Award : Recommendation.NotYet;

    private static string? Clean(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();

    /// <summary>
    /// Known levels for an anchor or a calibration rating: every criterion of the rubric, each a level of the
    /// rubric, nothing else.
    /// </summary>
    public static IReadOnlyDictionary<Guid, Guid> CompleteLevels(Rubric rubric, IReadOnlyDictionary<Guid, Guid> levels, string field = "Levels")
    {
        foreach (var (criterion, level) in levels)
        {
            if (rubric.Criteria.All(c => c.Id != criterion)) throw new DomainException("That criterion is not part of this rubric.", field);
            if (rubric.Levels.All(l => l.Id != level)) throw new DomainException("That performance level is not part of this rubric.", field);
        }
        var missing = rubric.Criteria.Where(c => !levels.ContainsKey(c.Id)).Select(c => $"\"{c.Title}\"").ToList();
        if (missing.Count > 0) throw new DomainException($"Choose a level for {string.Join(", ", missing)}.", field);
        return rubric.Criteria.ToDictionary(c => c.Id, c => levels[c.Id]);
    }
}

/// <summary>The score cannot be submitted yet: <see cref="Problems"/> says what is missing, criterion by criterion.</summary>
public sealed class ScoreIncompleteException(IReadOnlyList<ScoreProblem> problems)
    : DomainException($"The score is not complete yet: {problems.Count} {(problems.Count == 1 ? "thing needs" : "things need")} attention.")
{
    public IReadOnlyList<ScoreProblem> Problems { get; } = problems;
}

/// <summary>
/// Which submissions are scored twice (principle O). The n-th submission of a credential to enter review is
/// double-scored when the running share n·p/100 crosses a whole number: ⌈n·p/100⌉ &gt; ⌈(n−1)·p/100⌉. That is
/// exactly p in every 100, spread evenly, starting with the first (a new credential yields reliability evidence
/// at once). It depends only on the order work enters review, which assessors never see, so nobody can tell
/// (or steer) which work is checked; it is decided once, when the work enters review.
/// </summary>
public static class DoubleScoring
{
    public static bool Selects(int sequence, int percent)
    {
        if (sequence < 1) throw new ArgumentOutOfRangeException(nameof(sequence), "The sequence starts at 1.");
        if (percent is < 0 or > 100) throw new ArgumentOutOfRangeException(nameof(percent));
        static int Ceiling(int hundredths) => (hundredths + 99) / 100;
        return Ceiling(sequence * percent) > Ceiling((sequence - 1) * percent);
    }
}
