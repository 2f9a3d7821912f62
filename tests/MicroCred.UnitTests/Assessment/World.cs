using MicroCred.Domain.Assessment;
using MicroCred.Domain.Design;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;
using MicroCred.UnitTests.Design;

namespace MicroCred.UnitTests.Assessment;

/// <summary>A district with one published credential, its people and a policy, for the assessment rules.</summary>
internal sealed class World
{
    /// <summary>A Monday.</summary>
    public static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);

    public Guid District { get; } = Guid.NewGuid();
    public Guid Earner { get; } = Guid.NewGuid();
    public Guid Ann { get; } = Guid.NewGuid();
    public Guid Ben { get; } = Guid.NewGuid();
    public Guid Cy { get; } = Guid.NewGuid();
    public Guid Dee { get; } = Guid.NewGuid();
    public Guid Admin { get; } = Guid.NewGuid();
    public MicroCredential Credential { get; }
    public CredentialVersion Version { get; }
    public DistrictPolicy Policy { get; }
    public List<ConflictDeclaration> Conflicts { get; } = [];
    public Dictionary<Guid, Guid> Schools { get; } = [];
    public HashSet<Guid> Unqualified { get; } = [];

    public World(int criteria = 3, int doubleScoringPercent = 0, bool forbidSameSchool = false)
    {
        Policy = DistrictPolicy.Default(District);
        Policy.ChangeAssessment(AssignmentMode.Automatic, 5, true, doubleScoringPercent, forbidSameSchool, 80, 80);
        var content = CredentialRulesTests.Complete();
        var levels = content.Rubric.Levels;
        var prompts = content.Prompts.Select(p => p.Id).ToList();
        var rubricCriteria = Enumerable.Range(1, criteria)
            .Select(i => new RubricCriterion(Guid.NewGuid(), $"Criterion {i}", levels.ToDictionary(l => l.Id, l => $"{l.Name} on criterion {i}"), prompts)).ToList();
        content = content with { Rubric = new Rubric(levels, rubricCriteria, new PassingRule(levels[2].Id, null)) };
        (Credential, Version) = MicroCredential.Create(District, "Discourse", Rubric.DefaultLevelNames, Guid.NewGuid(), Now);
        Version.Revise(content);
        Credential.Publish(Version, null, Guid.NewGuid(), Now);
    }

    public Rubric Rubric => Version.Content.Rubric;
    public RubricLevel Level(int points) => Rubric.Levels[points];

    public Submission Submitted(Guid? earner = null, DateTimeOffset? at = null)
    {
        var when = at ?? Now;
        var s = Submission.Start(District, earner ?? Earner, Credential, Version, 0, null, [], when.AddDays(-1));
        s.AttachFile(Version.Content.Prompts[0], Guid.NewGuid(), "lesson.mp4", FileKind.Video, 1000, when.AddDays(-1));
        s.WriteReflection(Version.Content.Prompts[1], string.Join(' ', Enumerable.Repeat("word", 250)), when.AddDays(-1));
        s.Submit(Version.Content, when);
        return s;
    }

    /// <summary>Everyone: the earner (an assessor too, to prove the self rule), Ann, Ben, Cy and Dee, all qualified unless listed.</summary>
    public AssessorPool Pool() => new(
        new[] { Earner, Ann, Ben, Cy, Dee }.Select(id => new PoolMember(id, true, Schools.TryGetValue(id, out var s) ? s : null,
            Unqualified.Contains(id) ? new HashSet<Guid>() : new HashSet<Guid> { Credential.Id })),
        Conflicts, Policy.ForbidSameSchool);

    /// <summary>A sheet with these level points, in criterion order, and feedback on every criterion.</summary>
    public ScoreSheet Sheet(params int[] points) => new(
        Rubric.Criteria.Select((c, i) => new CriterionScore(c.Id, Level(points[i]).Id, $"Feedback on {c.Title}")).ToList(), "Overall, well done.");
}
