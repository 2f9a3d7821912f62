using System.Net;
using System.Text.Json.Nodes;
using MicroCred.Application.Features.Assessment;
using MicroCred.Application.Features.Evidence;
using MicroCred.Application.Features.Issuing;
using MicroCred.Domain.Tenancy;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.IntegrationTests.Issuing;

/// <summary>The earner's evidence privacy reaches the badge: linked and readable only while they make it public.</summary>
public sealed class PublicEvidenceTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly AssessmentKit kit = new(fixture);

    [Fact]
    public async Task The_badge_links_the_evidence_only_while_the_earner_makes_it_public()
    {
        await kit.Policy(AssignmentMode.Automatic, doubleScoringPercent: 0, forbidSameSchool: false);
        var (credentialId, rubric, _) = await kit.Credential("Evidence in public");
        await kit.Qualify(credentialId, AssessmentKit.Asa);
        var submissionId = await kit.Submit(AssessmentKit.Erin, credentialId, reflection: "My students defended their claims with evidence from the experiment.");
        await kit.AssignWaitingWork();
        await kit.As(AssessmentKit.Asa, s => s.Send(new SubmitScore(submissionId, AssessmentKit.Levels(rubric, 2, 2, 2), "Clear.")).AsTask());
        await kit.As(AssessmentKit.Issuer, s => s.Send(new DecideSubmissions([submissionId], Decision.Award, null)).AsTask());
        var assertionId = await kit.Db(db => db.Assertions.Where(a => a.SubmissionId == submissionId).Select(a => a.Id).SingleAsync());

        using var visitor = new HttpSession(fixture.BaseAddress);
        async Task<JsonObject> Json() => JsonNode.Parse(await visitor.Client.GetStringAsync($"/public/assertions/{assertionId}.json"))!.AsObject();
        var evidencePage = $"/public/assertions/{assertionId}/evidence";

        // Private by default: no evidence in the badge, no page.
        Assert.Null((await Json())["evidence"]);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(evidencePage)).StatusCode);

        await kit.As(AssessmentKit.Erin, s => s.Send(new ShareEvidence(submissionId, true)).AsTask());
        var evidence = (await Json())["evidence"]!;
        var one = evidence is JsonArray many ? Assert.Single(many)! : evidence;
        var link = one is JsonValue url ? url.GetValue<string>() : one["id"]!.GetValue<string>(); // an IRI alone, or an Evidence object
        Assert.EndsWith(evidencePage, link, StringComparison.Ordinal);
        var page = await visitor.PageAsync(evidencePage);
        Assert.Contains("My students defended their claims with evidence from the experiment.", page.MainText());
        Assert.Contains("https://docs.example.org/plan/42", page.Source.Text);

        // Private again: the cached badge drops the link at once, and the page is gone.
        await kit.As(AssessmentKit.Erin, s => s.Send(new ShareEvidence(submissionId, false)).AsTask());
        Assert.Null((await Json())["evidence"]);
        Assert.Equal(HttpStatusCode.NotFound, (await visitor.GetAsync(evidencePage)).StatusCode);

        // Another person cannot make it public.
        await Assert.ThrowsAnyAsync<Exception>(() => kit.As(AssessmentKit.Taylor, s => s.Send(new ShareEvidence(submissionId, true)).AsTask()));
        Assert.Null((await Json())["evidence"]);
    }
}
