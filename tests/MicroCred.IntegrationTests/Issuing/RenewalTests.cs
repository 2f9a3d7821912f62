using MicroCred.Application.Data;
using MicroCred.Application.Features.Assessment;
using MicroCred.Application.Features.Evidence;
using MicroCred.Application.Features.Issuing;
using MicroCred.Application.Features.Recognition;
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
/// Renewal (issue 14 §4): a credential whose badge expired, or expires within 90 days, can be earned again through
/// assessment; the new badge supersedes the old in what counts.
/// </summary>
public sealed class RenewalTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly AssessmentKit kit = new(fixture);

    /// <summary>A published credential whose badges are valid for a year, with the one demo assessor qualified.</summary>
    private async Task<(Guid Id, Guid VersionId, Rubric Rubric)> YearlyCredential(string name)
    {
        await kit.Policy(AssignmentMode.Automatic, doubleScoringPercent: 0, forbidSameSchool: false);
        Guid credentialId, versionId;
        Rubric rubric;
        await using (var scope = await fixture.As(AssessmentKit.Developer, "springfield"))
        {
            var db = AppFixture.Get<AppDbContext>(scope);
            using var _ = AppFixture.Get<AuditScope>(scope).Begin("TestCredential", null);
            var (tenantId, _) = await fixture.District("springfield");
            var developer = await fixture.UserId(AssessmentKit.Developer);
            var now = DateTimeOffset.UtcNow;
            var (credential, draft) = MicroCredential.Create(tenantId, name, Rubric.DefaultLevelNames, developer, now);
            draft.Revise(AssessmentKit.Content(name, 3) with { ValidityMonths = 12 });
            credential.Publish(draft, null, developer, now);
            db.MicroCredentials.Add(credential);
            db.CredentialVersions.Add(draft);
            await db.SaveChangesAsync();
            (credentialId, versionId, rubric) = (credential.Id, draft.Id, draft.Content.Rubric);
        }
        await kit.Qualify(credentialId, AssessmentKit.Asa);
        return (credentialId, versionId, rubric);
    }

    /// <summary>A badge for the credential as the district recorded it before (imported), issued on <paramref name="issuedOn"/>.</summary>
    private async Task<Guid> EarlierBadge(string email, Guid versionId, DateTimeOffset issuedOn)
    {
        await using var scope = await fixture.As(AssessmentKit.Issuer, "springfield");
        using var _ = AppFixture.Get<AuditScope>(scope).Begin("TestImport", null);
        var id = await AppFixture.Get<BadgeIssuing>(scope).IssueAsync(
            new BadgeAward(await fixture.UserId(email), versionId, IssuedOn: issuedOn, Basis: AwardBasis.Migrated), CancellationToken.None);
        await AppFixture.Get<AppDbContext>(scope).SaveChangesAsync();
        return id;
    }

    /// <summary>Starts the credential as the earner would, fills in the evidence, submits it and has it scored and awarded.</summary>
    private async Task<Guid> EarnAgain(string earner, Guid credentialId, Rubric rubric)
    {
        var id = await kit.As(earner, s => s.Send(new StartCredential(credentialId)).AsTask());
        await using (var scope = await fixture.As(earner, "springfield"))
        {
            var db = AppFixture.Get<AppDbContext>(scope);
            using var _ = AppFixture.Get<AuditScope>(scope).Begin("TestEvidence", null);
            var submission = await db.Submissions.Include(s => s.Items).SingleAsync(s => s.Id == id);
            var version = await db.CredentialVersions.SingleAsync(v => v.Id == submission.CredentialVersionId);
            var now = DateTimeOffset.UtcNow;
            submission.WriteReflection(version.Content.Prompts.Single(p => p.Kind == EvidenceKind.Reflection), "This year my students led the discussion themselves.", now);
            submission.AddLink(version.Content.Prompts.Single(p => p.Kind == EvidenceKind.Link), "https://docs.example.org/plan/2027", "This year's plan", now);
            submission.Submit(version.Content, now);
            await db.SaveChangesAsync();
        }
        await kit.AssignWaitingWork();
        await kit.As(AssessmentKit.Asa, s => s.Send(new SubmitScore(id, AssessmentKit.Levels(rubric, 2, 2, 3), "Strong again.")).AsTask());
        await kit.As(AssessmentKit.Issuer, s => s.Send(new DecideSubmissions([id], Decision.Award, null)).AsTask());
        return id;
    }

    [Fact]
    public async Task An_expired_badge_can_be_earned_again_and_the_new_badge_counts()
    {
        var (credentialId, versionId, rubric) = await YearlyCredential("Renewal: expired");
        var old = await EarlierBadge(AssessmentKit.Taylor, versionId, DateTimeOffset.UtcNow.AddMonths(-13));

        var before = await kit.As(AssessmentKit.Taylor, s => s.Send(new GetMyCredentialStatus(credentialId)).AsTask());
        Assert.False(before.Earned);
        Assert.Null(before.BadgeId); // the expired badge is not a valid one

        var submission = await EarnAgain(AssessmentKit.Taylor, credentialId, rubric);

        Assert.Equal(SubmissionStatus.Awarded, await kit.Status(submission));
        var renewed = await kit.Db(db => db.Assertions.AsNoTracking().SingleAsync(a => a.SubmissionId == submission));
        Assert.Equal(AssertionStatus.Valid, renewed.StatusAt(DateTimeOffset.UtcNow));
        Assert.Equal(AwardBasis.Assessment, renewed.Basis);
        Assert.Equal(AssertionStatus.Expired, (await kit.Db(db => db.Assertions.AsNoTracking().SingleAsync(a => a.Id == old))).StatusAt(DateTimeOffset.UtcNow));
        var after = await kit.As(AssessmentKit.Taylor, s => s.Send(new GetMyCredentialStatus(credentialId)).AsTask());
        Assert.True(after.Earned);
        Assert.Equal(renewed.Id, after.BadgeId);
        Assert.False(after.CanRenew);
        await Assert.ThrowsAsync<DomainException>(() => kit.As(AssessmentKit.Taylor, s => s.Send(new StartCredential(credentialId)).AsTask()));
    }

    [Fact]
    public async Task A_badge_expiring_within_90_days_is_offered_for_renewal_and_the_new_badge_supersedes_it_in_counts()
    {
        var (credentialId, versionId, rubric) = await YearlyCredential("Renewal: expiring soon");
        var old = await EarlierBadge(AssessmentKit.Erin, versionId, DateTimeOffset.UtcNow.AddMonths(-11));
        var report = () => kit.As(AssessmentKit.Admin, s => s.Send(new GetDistrictReport()).AsTask());
        var countedBefore = (await report()).Teachers.Single(t => t.Email == AssessmentKit.Erin).Credentials;

        var status = await kit.As(AssessmentKit.Erin, s => s.Send(new GetMyCredentialStatus(credentialId)).AsTask());
        Assert.False(status.Earned);
        Assert.True(status.CanRenew);
        Assert.Equal(old, status.BadgeId);
        using (var erin = new HttpSession(fixture.BaseAddress))
        {
            await erin.LogInAsync(AssessmentKit.Erin);
            var page = await erin.PageAsync($"/springfield/credentials/{credentialId}");
            Assert.Contains("Your badge expires on", page.QuerySelector("#renewal")!.TextContent);
            Assert.Contains(page.QuerySelectorAll("form button"), b => b.TextContent.Contains("Earn it again"));
        }

        var submission = await EarnAgain(AssessmentKit.Erin, credentialId, rubric);

        var renewed = await kit.Db(db => db.Assertions.AsNoTracking().SingleAsync(a => a.SubmissionId == submission));
        Assert.True(renewed.Expires > DateTimeOffset.UtcNow.AddMonths(11));
        var after = await kit.As(AssessmentKit.Erin, s => s.Send(new GetMyCredentialStatus(credentialId)).AsTask());
        Assert.True(after.Earned);
        Assert.Equal(renewed.Id, after.BadgeId);
        // Two valid badges for one credential count once: the new one supersedes the old.
        Assert.Equal(countedBefore, (await report()).Teachers.Single(t => t.Email == AssessmentKit.Erin).Credentials);
    }
}
