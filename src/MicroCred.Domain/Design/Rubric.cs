using MicroCred.Domain.Common;

namespace MicroCred.Domain.Design;

/// <summary>A performance level, ordered from lowest to highest; its points are its position (0, 1, 2, …).</summary>
public sealed record RubricLevel(Guid Id, string Name);

/// <summary>
/// One criterion: a descriptor for every level (keyed by level id, so reordering levels keeps them) and the
/// evidence prompts it judges.
/// </summary>
public sealed record RubricCriterion(Guid Id, string Title, IReadOnlyDictionary<Guid, string> Descriptors, IReadOnlyList<Guid> PromptIds)
{
    public string Descriptor(Guid levelId) => Descriptors.TryGetValue(levelId, out var d) ? d : "";
}

/// <summary>Passing: every criterion at or above <see cref="MinimumLevelId"/>, and optionally a minimum total of points.</summary>
public sealed record PassingRule(Guid MinimumLevelId, int? MinimumTotal);

/// <summary>What a set of criterion scores means under the rubric's passing rule.</summary>
public sealed record RubricOutcome(bool Passes, int Total, int MaximumTotal, IReadOnlyList<Guid> CriteriaBelowPassing, IReadOnlyList<Guid> Unscored);

/// <summary>Criteria × performance levels with a descriptor in every cell and a passing rule (principles H, K and L).</summary>
public sealed record Rubric(IReadOnlyList<RubricLevel> Levels, IReadOnlyList<RubricCriterion> Criteria, PassingRule? Passing)
{
    public static readonly IReadOnlyList<string> DefaultLevelNames = ["Not yet", "Developing", "Proficient", "Exemplary"];

    public static Rubric WithLevels(IReadOnlyList<string> names) =>
        new(names.Select(n => new RubricLevel(Guid.NewGuid(), n)).ToList(), [], null);

    public int PointsOf(Guid levelId)
    {
        for (var i = 0; i < Levels.Count; i++) if (Levels[i].Id == levelId) return i;
        throw new DomainException("That performance level is not part of this rubric.");
    }

    public RubricLevel? PassingLevel => Passing is null ? null : Levels.FirstOrDefault(l => l.Id == Passing.MinimumLevelId);

    /// <summary>A level below the passing level needs feedback (principle M).</summary>
    public bool IsBelowPassing(Guid levelId) => Passing is not null && PointsOf(levelId) < PointsOf(Passing.MinimumLevelId);

    public RubricOutcome Evaluate(IReadOnlyDictionary<Guid, Guid> levelByCriterion)
    {
        var unscored = Criteria.Where(c => !levelByCriterion.ContainsKey(c.Id)).Select(c => c.Id).ToList();
        var below = Criteria.Where(c => levelByCriterion.TryGetValue(c.Id, out var level) && IsBelowPassing(level)).Select(c => c.Id).ToList();
        var total = Criteria.Where(c => levelByCriterion.ContainsKey(c.Id)).Sum(c => PointsOf(levelByCriterion[c.Id]));
        var maximum = Criteria.Count * (Levels.Count - 1);
        var passes = Passing is not null && unscored.Count == 0 && below.Count == 0 && (Passing.MinimumTotal is null || total >= Passing.MinimumTotal);
        return new RubricOutcome(passes, total, maximum, below, unscored);
    }

    // A rubric's limits, in one place: Validate enforces them, SaveCredentialDraft's validator and the design settings use them.
    public const int MinLevels = 2;
    public const int MaxLevels = 7;
    public const int MaxLevelName = 60;
    public const int MaxCriteria = 20;
    public const int MaxCriterionTitle = 200;
    public const int MaxDescriptor = 2000;

    internal void Validate(IReadOnlySet<Guid> promptIds)
    {
        if (Levels.Count is < MinLevels or > MaxLevels) throw new DomainException($"A rubric has {MinLevels} to {MaxLevels} performance levels.", "Rubric");
        if (Levels.Any(l => string.IsNullOrWhiteSpace(l.Name))) throw new DomainException("Every performance level needs a name.", "Rubric");
        if (Levels.Any(l => l.Name.Length > MaxLevelName)) throw new DomainException($"Level names must be at most {MaxLevelName} characters.", "Rubric");
        if (Levels.Select(l => l.Id).Distinct().Count() != Levels.Count) throw new DomainException("Performance levels must be distinct.", "Rubric");
        if (Criteria.Count > MaxCriteria) throw new DomainException($"Keep the rubric to at most {MaxCriteria} criteria.", "Rubric");
        foreach (var c in Criteria)
        {
            if (string.IsNullOrWhiteSpace(c.Title)) throw new DomainException("Every criterion needs a title.", "Rubric");
            if (c.Title.Length > MaxCriterionTitle) throw new DomainException($"Criterion titles must be at most {MaxCriterionTitle} characters.", "Rubric");
            if (c.Descriptors.Values.Any(d => d.Length > MaxDescriptor)) throw new DomainException($"Descriptors must be at most {MaxDescriptor} characters.", "Rubric");
            if (c.PromptIds.Any(id => !promptIds.Contains(id))) throw new DomainException($"Criterion \"{c.Title}\" judges an evidence prompt that no longer exists.", "Rubric");
        }
        if (Passing is not null)
        {
            if (Levels.All(l => l.Id != Passing.MinimumLevelId)) throw new DomainException("The passing level must be one of the rubric's levels.", "Rubric");
            if (Passing.MinimumTotal is { } min && (min < 0 || min > Criteria.Count * (Levels.Count - 1)))
                throw new DomainException($"The minimum total must be between 0 and {Criteria.Count * (Levels.Count - 1)} points.", "Rubric");
        }
    }

    internal IEnumerable<string> ProblemsBeforePublishing(IReadOnlyList<EvidencePrompt> prompts)
    {
        if (Criteria.Count == 0) yield return "Add at least one criterion to the rubric.";
        foreach (var c in Criteria)
        {
            var empty = Levels.Where(l => string.IsNullOrWhiteSpace(c.Descriptor(l.Id))).Select(l => l.Name).ToList();
            if (empty.Count > 0) yield return $"Rubric criterion \"{c.Title}\": write the descriptor for {string.Join(", ", empty)}.";
            if (c.PromptIds.Count == 0) yield return $"Rubric criterion \"{c.Title}\": link it to the evidence prompt(s) it judges.";
        }
        if (Passing is null) yield return "Set the rubric's passing rule.";
        foreach (var p in prompts.Where(p => p.Required && !Criteria.Any(c => c.PromptIds.Contains(p.Id))))
            yield return $"The required evidence prompt \"{p.Title}\" is not judged by any rubric criterion.";
    }
}
