using System.Net;
using System.Text.Json.Nodes;
using MicroCred.Application.Features.Assessment;
using MicroCred.Application.Features.Design;
using MicroCred.Application.Features.Evidence;
using MicroCred.Application.Features.Issuing;
using MicroCred.Application.Features.Public;
using MicroCred.Application.Seeding;
using MicroCred.Domain.Assessment;
using MicroCred.Domain.Common;
using MicroCred.Domain.Design;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Issuing;
using MicroCred.Domain.Tenancy;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.IntegrationTests.Issuing;

/// <summary>
/// What a badge means (issue 14): nobody issues or decides for themselves, awarding against "Not yet" needs a reason,
/// badges not earned through assessment say so, and only valid badges count (stacks, prerequisites, progress).
/// </summary>
public sealed class BadgeIntegrityTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly AssessmentKit kit = new(fixture);

    private async Task<Guid> PublishedStack(string name, bool sequential, params Guid[] credentials)
    {
        return await kit.As(AssessmentKit.Developer, async s =>
        {
            var id = await s.Send(new CreateStack(name, $"{name}: a stack for the badge integrity tests.", sequential, credentials));
            await s.Send(new PublishStack(id));
            return id;
        });
    }

    [Fact]
    public async Task An_issuer_cannot_issue_a_badge_to_themselves_by_command_or_over_http()
    {
        var credentialId = await fixture.PublishedCredentialAsync(DesignSeed.GoingPublic);
        await using (var scope = await fixture.As(AssessmentKit.Issuer, "springfield"))
        {
            var refusal = await Assert.ThrowsAsync<IssuerRefusedException>(() =>
                AppFixture.Get<Mediator.ISender>(scope).Send(new IssueBadge(" Issuer@Springfield.test ", credentialId, null, null, false)).AsTask());
            Assert.Equal(Ineligibility.OwnSubmission, refusal.Reason);
            Assert.Equal("Email", refusal.Field);
        }

        using var issuer = new HttpSession(fixture.BaseAddress);
        await issuer.LogInAsync(AssessmentKit.Issuer);
        var refused = await issuer.SubmitAsync("/springfield/issuing/issue", new Dictionary<string, string>
        {
            ["Input.Email"] = AssessmentKit.Issuer, ["Input.CredentialId"] = credentialId.ToString(), ["Input.Narrative"] = "For me.",
        });
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        var page = await HttpSession.Parse(await refused.Content.ReadAsStringAsync());
        Assert.Contains(page.Errors(), e => e.Contains("Nobody can issue a badge to themselves"));
        Assert.Equal(AssessmentKit.Issuer, page.ValueOf("Input.Email"));
        var issuerId = await kit.Db(db => db.Users.Where(u => u.Email == AssessmentKit.Issuer).Select(u => u.Id).SingleAsync());
        Assert.False(await kit.Db(db => db.Assertions.AnyAsync(a => a.RecipientId == issuerId)));
    }

    [Fact]
    public async Task An_issuer_in_a_declared_conflict_cannot_decide_that_persons_work()
    {
        var (credentialId, rubric) = await kit.SingleAssessorCredential("Integrity: conflicted issuer");
        // An earner no other test of this class uses: the declared conflict stays in the class's database.
        const string riley = "riley.chen@springfield.test";
        var id = await kit.Scored(credentialId, rubric, riley, 2, 2, 2);
        var rileyId = await kit.Db(db => db.Users.Where(u => u.Email == riley).Select(u => u.Id).SingleAsync());
        await kit.As(AssessmentKit.Issuer, s => s.Send(new DeclareConflict(rileyId, "My sister-in-law.")).AsTask());

        var refusal = await Assert.ThrowsAsync<IssuerRefusedException>(() =>
            kit.As(AssessmentKit.Issuer, s => s.Send(new DecideSubmissions([id], Decision.Award, null)).AsTask()));
        Assert.Equal(Ineligibility.DeclaredConflict, refusal.Reason);
        Assert.Equal(SubmissionStatus.Scored, await kit.Status(id));
    }

    [Fact]
    public async Task Awarding_against_a_not_yet_recommendation_needs_a_reason_which_is_recorded_audited_and_shown()
    {
        var (credentialId, rubric) = await kit.SingleAssessorCredential("Integrity: override");
        var below = await kit.Scored(credentialId, rubric, AssessmentKit.Erin, 1, 2, 2);
        var passing = await kit.Scored(credentialId, rubric, AssessmentKit.Taylor, 2, 2, 2);

        // In bulk, one "Not yet" recommendation without a note refuses the whole decision.
        var refusal = await Assert.ThrowsAsync<DomainException>(() =>
            kit.As(AssessmentKit.Issuer, s => s.Send(new DecideSubmissions([below, passing], Decision.Award, " ")).AsTask()));
        Assert.Equal("Note", refusal.Field);
        Assert.Contains("recommends \"Not yet\"", refusal.Message);
        Assert.Equal(SubmissionStatus.Scored, await kit.Status(below));
        Assert.Equal(SubmissionStatus.Scored, await kit.Status(passing));

        // Over HTTP, one by one: refused without a reason, the page says why.
        using var issuer = new HttpSession(fixture.BaseAddress);
        await issuer.LogInAsync(AssessmentKit.Issuer);
        var page = await issuer.PageAsync($"/springfield/issuing/decisions/{below}");
        var award = page.QuerySelector("main form button[formaction$='handler=Award']")!.GetAttribute("formaction")!;
        var refused = await issuer.PostAsync(award, new Dictionary<string, string> { ["Note"] = "" }, HttpSession.TokenOf(page));
        Assert.Equal(HttpStatusCode.OK, refused.StatusCode);
        Assert.Contains((await HttpSession.Parse(await refused.Content.ReadAsStringAsync())).Errors(), e => e.Contains("Write the reason"));

        const string reason = "The second criterion was scored against the old rubric; the evidence meets the new one.";
        var awarded = await issuer.PostAsync(award, new Dictionary<string, string> { ["Note"] = reason }, HttpSession.TokenOf(page));
        Assert.Equal(HttpStatusCode.Redirect, awarded.StatusCode);
        var submission = await kit.Db(db => db.Submissions.AsNoTracking().SingleAsync(s => s.Id == below));
        Assert.Equal((SubmissionStatus.Awarded, true, reason), (submission.Status, submission.AwardedAgainstRecommendation, submission.DecisionNote));
        var decision = await issuer.PageAsync($"/springfield/issuing/decisions/{below}");
        Assert.Contains("Awarded although the rubric recommended", decision.QuerySelector("#override-reason")!.TextContent);
        Assert.Contains(reason, decision.MainText());
        var audit = await kit.Db(db => db.AuditEntries.Where(a => a.Action == nameof(DecideSubmissions) && a.Targets.Contains(below.ToString())).Select(a => a.Details).ToListAsync());
        Assert.Contains(reason, Assert.Single(audit));

        // Work recommended for award needs no reason and is not flagged.
        await kit.As(AssessmentKit.Issuer, s => s.Send(new DecideSubmissions([passing], Decision.Award, null)).AsTask());
        Assert.False(await kit.Db(db => db.Submissions.Where(s => s.Id == passing).Select(s => s.AwardedAgainstRecommendation).SingleAsync()));
    }

    [Fact]
    public async Task A_hand_issued_badge_says_it_was_not_assessed_on_its_page_and_in_its_open_badges_document()
    {
        var handIssued = await fixture.IssueAsync(DesignSeed.GoingPublic, "sam.ortiz@springfield.test", evidenceUrl: "https://evidence.example.org/sam");
        Assert.Equal(AwardBasis.PriorLearning, await kit.Db(db => db.Assertions.Where(a => a.Id == handIssued).Select(a => a.Basis).SingleAsync()));

        using var client = fixture.Client();
        var (response, json) = await client.FetchAsync($"/public/assertions/{handIssued}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.NotNull(json);
        Assert.StartsWith("Prior learning recognised", json.Str("narrative"));
        Assert.EndsWith("Well earned.", json.Str("narrative")); // the issuer's own words follow
        var evidence = Assert.IsType<JsonArray>(json["evidence"]);
        Assert.Equal("https://evidence.example.org/sam", evidence[0]!.GetValue<string>());
        var basis = Assert.IsType<JsonObject>(evidence[1]);
        Assert.Equal(("Evidence", "Prior learning recognised", BadgeDocuments.BasisGenre), (basis.Str("type"), basis.Str("name"), basis.Str("genre")));

        using var visitor = new HttpSession(fixture.BaseAddress);
        visitor.Client.DefaultRequestHeaders.Accept.ParseAdd("text/html,application/xhtml+xml,*/*;q=0.8");
        var doc = await visitor.PageAsync($"/public/assertions/{handIssued}");
        Assert.Contains("not assessed against the rubric", doc.QuerySelector("#badge-basis")!.TextContent);

        // An assessed badge declares no other basis.
        var (credentialId, rubric) = await kit.SingleAssessorCredential("Integrity: assessed basis");
        var submission = await kit.Awarded(credentialId, rubric, AssessmentKit.Erin);
        var assessed = await kit.Db(db => db.Assertions.AsNoTracking().SingleAsync(a => a.SubmissionId == submission));
        Assert.Equal(AwardBasis.Assessment, assessed.Basis);
        var (_, assessedJson) = await client.FetchAsync($"/public/assertions/{assessed.Id}");
        Assert.Null(assessedJson!["evidence"]);
        Assert.Null(VerifiedBadge.NotAssessedBasisOf(assessedJson));
        Assert.Equal("Prior learning recognised", VerifiedBadge.NotAssessedBasisOf(json));
    }

    [Fact]
    public async Task Revoking_a_stack_member_reopens_the_stack_revokes_its_badge_and_blocks_the_next_sequential_credential()
    {
        var (first, rubricA) = await kit.SingleAssessorCredential("Integrity: stack first");
        var (second, rubricB) = await kit.SingleAssessorCredential("Integrity: stack second");
        var (third, _) = await kit.SingleAssessorCredential("Integrity: stack third");
        var pair = await PublishedStack("Integrity pair", false, first, second);
        await PublishedStack("Integrity sequence", true, first, third);

        var firstSubmission = await kit.Awarded(first, rubricA, AssessmentKit.Erin);
        await kit.Awarded(second, rubricB, AssessmentKit.Erin);
        var stackBadge = await kit.Db(db => db.Assertions.AsNoTracking().SingleAsync(a => a.StackId == pair));
        Assert.Equal(AwardBasis.Stack, stackBadge.Basis);
        Assert.Empty((await kit.As(AssessmentKit.Erin, s => s.Send(new GetMyCredentialStatus(third)).AsTask())).MissingFirst);
        Assert.Equal(2, (await kit.As(AssessmentKit.Erin, s => s.Send(new GetMyCredentials()).AsTask())).Stacks.Single(s => s.StackId == pair).Earned);

        var firstBadge = await kit.Db(db => db.Assertions.Where(a => a.SubmissionId == firstSubmission).Select(a => a.Id).SingleAsync());
        await fixture.RevokeAsync(firstBadge, "The evidence was not the teacher's own.");

        var revokedStack = await kit.Db(db => db.Assertions.AsNoTracking().SingleAsync(a => a.Id == stackBadge.Id));
        Assert.True(revokedStack.IsRevoked);
        Assert.Contains("Integrity: stack first", revokedStack.RevocationReason);
        Assert.Contains("The evidence was not the teacher's own.", revokedStack.RevocationReason);
        var mine = await kit.As(AssessmentKit.Erin, s => s.Send(new GetMyCredentials()).AsTask());
        Assert.Equal(1, mine.Stacks.Single(s => s.StackId == pair).Earned);
        var status = await kit.As(AssessmentKit.Erin, s => s.Send(new GetMyCredentialStatus(third)).AsTask());
        Assert.Equal(first, Assert.Single(status.MissingFirst).CredentialId);
        var refusal = await Assert.ThrowsAsync<DomainException>(() => kit.As(AssessmentKit.Erin, s => s.Send(new StartCredential(third)).AsTask()));
        Assert.Contains("Integrity: stack first", refusal.Message);

        var mail = await kit.Db(db => db.EmailMessages.Where(m => m.To == AssessmentKit.Erin && m.Subject.Contains("revoked")).Select(m => m.TextBody).ToListAsync());
        Assert.Contains(mail, m => m.Contains("Integrity pair") && m.Contains("The evidence was not the teacher's own."));
        var audit = await kit.Db(db => db.AuditEntries.Where(a => a.Action == nameof(RevokeBadge) && a.Targets.Contains(stackBadge.Id.ToString())).CountAsync());
        Assert.Equal(1, audit);

        using var erin = new HttpSession(fixture.BaseAddress);
        await erin.LogInAsync(AssessmentKit.Erin);
        var page = await erin.PageAsync("/springfield/evidence");
        Assert.Contains("1 of 2 earned", page.QuerySelector($"#stack-{pair}")!.TextContent);
    }

    [Fact]
    public async Task A_valid_hand_issued_badge_counts_for_progress_and_prerequisites_and_the_credential_is_not_offered_again()
    {
        var (first, _) = await kit.SingleAssessorCredential("Integrity: hand first");
        var (next, _) = await kit.SingleAssessorCredential("Integrity: hand next");
        var stack = await PublishedStack("Integrity hand sequence", true, first, next);
        await kit.As(AssessmentKit.Issuer, s => s.Send(new IssueBadge(AssessmentKit.Taylor, first, "Recognised from the state academy.", null, false)).AsTask());

        var mine = await kit.As(AssessmentKit.Taylor, s => s.Send(new GetMyCredentials()).AsTask());
        Assert.Equal(1, mine.Stacks.Single(s => s.StackId == stack).Earned);
        var status = await kit.As(AssessmentKit.Taylor, s => s.Send(new GetMyCredentialStatus(first)).AsTask());
        Assert.True(status.Earned);
        await Assert.ThrowsAsync<DomainException>(() => kit.As(AssessmentKit.Taylor, s => s.Send(new StartCredential(first)).AsTask()));
        Assert.Empty((await kit.As(AssessmentKit.Taylor, s => s.Send(new GetMyCredentialStatus(next)).AsTask())).MissingFirst);
        await kit.As(AssessmentKit.Taylor, s => s.Send(new StartCredential(next)).AsTask());

        using var taylor = new HttpSession(fixture.BaseAddress);
        await taylor.LogInAsync(AssessmentKit.Taylor);
        var page = await taylor.PageAsync($"/springfield/credentials/{first}");
        Assert.Contains("You have earned this micro-credential", page.MainText());
        Assert.Empty(page.QuerySelectorAll("form[action*='handler=Start']"));
    }
}
