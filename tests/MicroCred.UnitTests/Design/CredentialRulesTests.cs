using MicroCred.Domain.Evidence;
using MicroCred.Domain.Common;
using MicroCred.Domain.Design;

namespace MicroCred.UnitTests.Design;

public sealed class CredentialRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly Guid District = Guid.NewGuid();
    private static readonly Guid Developer = Guid.NewGuid();

    /// <summary>A complete, publishable content document.</summary>
    public static CredentialContent Complete(string name = "Facilitating Productive Discourse")
    {
        var levels = Rubric.DefaultLevelNames.Select(n => new RubricLevel(Guid.NewGuid(), n)).ToList();
        var video = new EvidencePrompt(Guid.NewGuid(), "Classroom video", "Record 10 minutes of a discussion.", EvidenceKind.Files, FileKind.Video, 2L << 30, null, null, true);
        var reflection = new EvidencePrompt(Guid.NewGuid(), "Reflection", "What moves did you use?", EvidenceKind.Reflection, FileKind.None, null, 200, 600, true);
        var criterion = new RubricCriterion(Guid.NewGuid(), "Uses talk moves", levels.ToDictionary(l => l.Id, l => $"{l.Name}: descriptor"), [video.Id, reflection.Id]);
        return new CredentialContent(name, "Students build on each other's ideas.", "The educator facilitates discussion in which students reason together.",
            "Talk moves", ["Revoicing", "Wait time"], "Discourse improves reasoning.", [new Citation("Michaels & O'Connor (2015)", "https://example.org/talk")],
            [new Resource(Guid.NewGuid(), "Talk moves guide", ResourceKind.Article, "https://example.org/guide", null, null)],
            [video, reflection], new Rubric(levels, [criterion], new PassingRule(levels[2].Id, null)),
            [new Alignment("ISTE Standards for Educators", "2.5.a", "Designer", "https://iste.org/standards", null)],
            15, ["discourse"], ["6-8"], ["Mathematics"], 36);
    }

    [Fact]
    public void A_new_credential_is_a_draft_with_the_districts_levels()
    {
        var (credential, draft) = MicroCredential.Create(District, "Equitable Classroom Culture", ["Beginning", "Emerging", "Secure"], Developer, Now);
        Assert.Equal(draft.Id, credential.DraftVersionId);
        Assert.Null(credential.PublishedVersionId);
        Assert.Equal(VersionStatus.Draft, draft.Status);
        Assert.Equal(["Beginning", "Emerging", "Secure"], draft.Content.Rubric.Levels.Select(l => l.Name));
    }

    [Fact]
    public void The_publish_gate_lists_everything_missing()
    {
        var (credential, draft) = MicroCredential.Create(District, "Half done", Rubric.DefaultLevelNames, Developer, Now);
        var refusal = Assert.Throws<PublishRefusedException>(() => credential.Publish(draft, null, Developer, Now));
        Assert.Contains("Write the competency statement.", refusal.Problems);
        Assert.Contains("Add at least one evidence prompt to the submission guidelines.", refusal.Problems);
        Assert.Contains("Add at least one criterion to the rubric.", refusal.Problems);
        Assert.Contains("Set the rubric's passing rule.", refusal.Problems);
        Assert.Contains("Align the credential to at least one standard.", refusal.Problems);
        Assert.Equal(VersionStatus.Draft, draft.Status);
    }

    [Fact]
    public void An_empty_rubric_cell_blocks_publishing()
    {
        var content = Complete();
        var criterion = content.Rubric.Criteria[0];
        var holed = criterion with { Descriptors = criterion.Descriptors.Where(d => d.Key != content.Rubric.Levels[1].Id).ToDictionary() };
        var (credential, draft) = MicroCredential.Create(District, "X", Rubric.DefaultLevelNames, Developer, Now);
        draft.Revise(content with { Rubric = content.Rubric with { Criteria = [holed] } });
        var refusal = Assert.Throws<PublishRefusedException>(() => credential.Publish(draft, null, Developer, Now));
        Assert.Equal(["Rubric criterion \"Uses talk moves\": write the descriptor for Developing."], refusal.Problems);
    }

    [Fact]
    public void A_published_version_never_changes_and_a_revision_supersedes_it()
    {
        var (credential, v1) = MicroCredential.Create(District, "X", Rubric.DefaultLevelNames, Developer, Now);
        v1.Revise(Complete());
        credential.Publish(v1, null, Developer, Now);
        Assert.Equal(VersionStatus.Published, v1.Status);
        Assert.Throws<DomainException>(() => v1.Revise(Complete("Changed after publishing")));

        var v2 = credential.StartRevision(v1, Developer, Now.AddDays(1));
        Assert.Equal(2, v2.Number);
        Assert.Equal(v1.Content, v2.Content);
        Assert.Throws<DomainException>(() => credential.StartRevision(v1, Developer, Now.AddDays(1)));
        v2.Revise(Complete("Facilitating Productive Discourse, 2nd edition"));
        Assert.Equal("Facilitating Productive Discourse", v1.Content.Name);

        credential.Publish(v2, v1, Developer, Now.AddDays(2));
        Assert.Equal(VersionStatus.Superseded, v1.Status);
        Assert.Equal(v2.Id, credential.PublishedVersionId);
        Assert.Null(credential.DraftVersionId);
    }

    [Fact]
    public void Retiring_hides_and_reinstating_restores()
    {
        var (credential, v1) = MicroCredential.Create(District, "X", Rubric.DefaultLevelNames, Developer, Now);
        Assert.Throws<DomainException>(() => credential.Retire(v1, Now));
        v1.Revise(Complete());
        credential.Publish(v1, null, Developer, Now);
        credential.Retire(v1, Now.AddDays(3));
        Assert.True(credential.IsRetired);
        Assert.Equal(VersionStatus.Retired, v1.Status);
        credential.Reinstate(v1);
        Assert.False(credential.IsRetired);
        Assert.Equal(VersionStatus.Published, v1.Status);
    }

    [Fact]
    public void A_criterion_cannot_judge_a_prompt_that_was_removed()
    {
        var content = Complete();
        var (_, draft) = MicroCredential.Create(District, "X", Rubric.DefaultLevelNames, Developer, Now);
        var refusal = Assert.Throws<DomainException>(() => draft.Revise(content with { Prompts = [content.Prompts[1]] }));
        Assert.Contains("no longer exists", refusal.Message);
    }

    [Fact]
    public void The_rubric_decides_pass_and_which_criteria_need_feedback()
    {
        var rubric = Complete().Rubric;
        var levels = rubric.Levels;
        var criterion = rubric.Criteria[0].Id;
        Assert.True(rubric.Evaluate(new Dictionary<Guid, Guid> { [criterion] = levels[2].Id }).Passes);
        var developing = rubric.Evaluate(new Dictionary<Guid, Guid> { [criterion] = levels[1].Id });
        Assert.False(developing.Passes);
        Assert.Equal([criterion], developing.CriteriaBelowPassing);
        Assert.True(rubric.IsBelowPassing(levels[0].Id));
        Assert.False(rubric.IsBelowPassing(levels[3].Id));
        Assert.Equal([criterion], rubric.Evaluate(new Dictionary<Guid, Guid>()).Unscored);

        var strict = rubric with { Passing = new PassingRule(levels[1].Id, 3) };
        Assert.False(strict.Evaluate(new Dictionary<Guid, Guid> { [criterion] = levels[2].Id }).Passes);
        Assert.True(strict.Evaluate(new Dictionary<Guid, Guid> { [criterion] = levels[3].Id }).Passes);
    }

    [Fact]
    public void The_catalog_columns_follow_the_content()
    {
        var (_, draft) = MicroCredential.Create(District, "X", Rubric.DefaultLevelNames, Developer, Now);
        draft.Revise(Complete() with { Tags = ["discourse", " Discourse ", "math"] });
        Assert.Equal(["discourse", "math"], draft.Tags);
        Assert.Contains("ISTE Standards for Educators: 2.5.a", draft.Standards);
        Assert.Contains("ISTE Standards for Educators", draft.Standards);
        Assert.Equal(15, draft.EstimatedHours);
        Assert.Contains("talk moves", draft.SearchText);
    }

    [Fact]
    public void A_sequential_stack_requires_the_earlier_credentials()
    {
        Guid a = Guid.NewGuid(), b = Guid.NewGuid(), c = Guid.NewGuid();
        var stack = Stack.Create(District, "Discourse", "Three steps", sequential: true, [a, b, c], Now);
        Assert.Empty(stack.MissingPrerequisites(a, new HashSet<Guid>()));
        Assert.Equal([a, b], stack.MissingPrerequisites(c, new HashSet<Guid>()));
        Assert.Equal([b], stack.MissingPrerequisites(c, new HashSet<Guid> { a }));
        Assert.True(stack.IsCompletedBy(new HashSet<Guid> { a, b, c }));

        stack.Update("Discourse", "Any order", sequential: false, [a, b, c]);
        Assert.Empty(stack.MissingPrerequisites(c, new HashSet<Guid>()));
        Assert.Throws<DomainException>(() => stack.Update("X", "", false, [a]));
        Assert.Throws<DomainException>(() => stack.Update("X", "", false, [a, a]));
    }
}
