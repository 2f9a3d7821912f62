using MicroCred.Application.Common;
using MicroCred.Application.Features.Assessment;
using MicroCred.Application.Features.Design;
using MicroCred.Domain.Assessment;
using MicroCred.Domain.Common;
using MicroCred.Domain.Design;
using MicroCred.Domain.Tenancy;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.IntegrationTests.Assessment;

/// <summary>
/// Qualifications expire after the district's validity period: an expired assessor gets no new work until they
/// calibrate again (or an Admin re-qualifies them); districts that set no period see no change.
/// </summary>
public sealed class QualificationExpiryTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly AssessmentKit kit = new(fixture);

    /// <summary>A credential with a written anchor (all Proficient) and Asa qualified for it 13 months ago.</summary>
    private async Task<(Guid CredentialId, Rubric Rubric, Guid AnchorId, Guid Asa)> QualifiedLongAgo(string name)
    {
        await kit.Policy(AssignmentMode.Automatic, doubleScoringPercent: 0, calibrationThreshold: 80);
        var (credentialId, rubric, content) = await kit.Credential(name, criteria: 3);
        var known = rubric.Criteria.ToDictionary(c => c.Id, _ => rubric.Levels[2].Id);
        var anchorId = await kit.As(AssessmentKit.Admin, s => s.Send(new WriteAnchor(credentialId, "Anchor A",
            [new AnchorEvidence(content.Prompts[0].Id, "A written example of proficient practice.")], known, "Proficient throughout.")).AsTask());
        await kit.Qualify(credentialId, AssessmentKit.Asa);
        var asa = await fixture.UserId(AssessmentKit.Asa);
        await kit.Db(db => db.AssessorQualifications.Where(q => q.CredentialId == credentialId && q.AssessorId == asa)
            .ExecuteUpdateAsync(u => u.SetProperty(q => q.QualifiedAt, DateTimeOffset.UtcNow.AddMonths(-13))));
        return (credentialId, rubric, anchorId, asa);
    }

    private async Task<List<Guid>> Eligible(Guid submissionId) =>
        (await kit.As(AssessmentKit.Admin, s => s.Send(new GetQueueHealth()).AsTask())).Items.Single(i => i.SubmissionId == submissionId).Eligible.Select(p => p.Id).ToList();

    private Task SetValidity(int? months, int minimumComparisons = DistrictPolicy.DefaultPauseMinimumComparisons) =>
        kit.As(AssessmentKit.Admin, s => s.Send(new SetAssessorQuality(months, minimumComparisons)).AsTask());

    [Fact]
    public async Task An_expired_qualification_gets_no_work_until_calibration_renews_it()
    {
        var (credentialId, rubric, anchorId, asa) = await QualifiedLongAgo("Expiring");
        await SetValidity(12);
        try
        {
            var submissionId = await kit.Submit(AssessmentKit.Taylor, credentialId);
            await kit.AssignWaitingWork();
            Assert.Empty(await kit.Assignments(submissionId));
            Assert.DoesNotContain(asa, await Eligible(submissionId));

            // Nothing pretends otherwise: publishing a new version warns that nobody can assess it, and the Admin's
            // qualifications page lists the credential as without an assessor.
            await kit.As(AssessmentKit.Developer, s => s.Send(new StartNewVersion(credentialId)).AsTask());
            Assert.Equal(0, (await kit.As(AssessmentKit.Developer, s => s.Send(new PublishCredential(credentialId)).AsTask())).QualifiedAssessors);
            Assert.Contains(credentialId, (await kit.As(AssessmentKit.Admin, s => s.Send(new GetQualifications(credentialId)).AsTask())).WithoutAssessor.Select(c => c.Id));

            // The Admin sees why: expired, and since when.
            var row = (await kit.As(AssessmentKit.Admin, s => s.Send(new GetQualifications(credentialId)).AsTask())).Assessors.Single(a => a.AssessorId == asa);
            Assert.True(row.Expired);
            Assert.True(row.ExpiresAt < DateTimeOffset.UtcNow);

            // Renewal by calibration: the expired assessor may calibrate again, and passing makes them eligible at once.
            await kit.As(AssessmentKit.Asa, s => s.Send(new StartCalibration(credentialId)).AsTask());
            var levels = rubric.Criteria.ToDictionary(c => c.Id, _ => rubric.Levels[2].Id);
            await kit.As(AssessmentKit.Asa, s => s.Send(new RateAnchor(credentialId, anchorId, levels)).AsTask());
            Assert.True(await kit.As(AssessmentKit.Asa, s => s.Send(new SubmitCalibration(credentialId)).AsTask()));

            Assert.Equal(asa, (await kit.Assignments(submissionId)).Single(a => a.IsActive).AssessorId);
            var renewed = await kit.As(AssessmentKit.Admin, s => s.Send(new GetQualifications(credentialId)).AsTask());
            Assert.DoesNotContain(credentialId, renewed.WithoutAssessor.Select(c => c.Id));
            row = renewed.Assessors.Single(a => a.AssessorId == asa);
            Assert.False(row.Expired);
            Assert.Equal(QualificationMethod.Calibration, row.Method);
            Assert.True(row.ExpiresAt > DateTimeOffset.UtcNow.AddMonths(11));
        }
        finally
        {
            await SetValidity(null);
        }
    }

    [Fact]
    public async Task Without_a_validity_period_nothing_expires_and_an_Admin_can_requalify_an_expired_assessor()
    {
        var (credentialId, _, _, asa) = await QualifiedLongAgo("Never expiring");
        await SetValidity(null);
        var first = await kit.Submit(AssessmentKit.Taylor, credentialId);
        await kit.AssignWaitingWork();
        Assert.Equal(asa, (await kit.Assignments(first)).Single(a => a.IsActive).AssessorId);

        await SetValidity(12);
        try
        {
            // Already current: re-qualifying is refused; once expired, the Admin may re-qualify directly.
            var requalify = () => kit.As(AssessmentKit.Admin, s => s.Send(new ChangeQualification(asa, credentialId, QualificationChange.Qualify)).AsTask());
            var row = (await kit.As(AssessmentKit.Admin, s => s.Send(new GetQualifications(credentialId)).AsTask())).Assessors.Single(a => a.AssessorId == asa);
            Assert.True(row.Expired);
            // Expiry withdrew the open work (the Admin's change rebalanced the queue): it waits for a current assessor.
            Assert.DoesNotContain(await kit.Assignments(first), a => a.IsOpen);
            Assert.DoesNotContain(asa, await Eligible(first));
            await requalify();
            Assert.Contains(asa, await Eligible(first));
            await Assert.ThrowsAsync<DomainException>(requalify);
        }
        finally
        {
            await SetValidity(null);
        }
    }

    [Fact]
    public async Task The_validity_period_is_checked_and_belongs_to_one_district()
    {
        var refused = await Record.ExceptionAsync(() => SetValidity(0));
        Assert.Contains("1 to 120 months", refused!.Message);
        Assert.Contains("1 to 100", (await Record.ExceptionAsync(() => SetValidity(null, 0)))!.Message);
        await kit.As("admin@shelbyville.test", s => s.Send(new SetAssessorQuality(1, 3)).AsTask(), "shelbyville");
        var springfield = await kit.As(AssessmentKit.Admin, s => s.Send(new GetQualifications(null)).AsTask());
        Assert.Null(springfield.ValidMonths);
        var shelbyville = await kit.As("admin@shelbyville.test", s => s.Send(new GetQualifications(null)).AsTask(), "shelbyville");
        Assert.Equal(DistrictPolicy.DefaultPauseMinimumComparisons, springfield.PauseMinimumComparisons);
        Assert.Equal((1, 3), (shelbyville.ValidMonths, shelbyville.PauseMinimumComparisons));
        await kit.As("admin@shelbyville.test", s => s.Send(new SetAssessorQuality(null, DistrictPolicy.DefaultPauseMinimumComparisons)).AsTask(), "shelbyville");
    }

    [Fact]
    public async Task An_assessor_below_the_agreement_threshold_is_paused_only_after_the_minimum_sample_until_they_recalibrate_or_an_Admin_lifts_it()
    {
        await kit.Policy(AssignmentMode.Automatic, doubleScoringPercent: 100, calibrationThreshold: 80);
        await SetValidity(null, minimumComparisons: 2);
        try
        {
            var (credentialId, rubric, content) = await kit.Credential("Drifting", criteria: 3);
            var known = rubric.Criteria.ToDictionary(c => c.Id, _ => rubric.Levels[2].Id);
            await kit.As(AssessmentKit.Admin, s => s.Send(new WriteAnchor(credentialId, "Anchor A",
                [new AnchorEvidence(content.Prompts[0].Id, "A written example of proficient practice.")], known, "Proficient throughout.")).AsTask());
            await kit.Qualify(credentialId, AssessmentKit.Asa, AssessmentKit.Morgan);
            var asa = await fixture.UserId(AssessmentKit.Asa);
            var morgan = await fixture.UserId(AssessmentKit.Morgan);

            // Double-scored twice: Asa and Morgan both recommend Award but agree on no criterion (0 % exact, threshold 80 %).
            async Task<Guid> Disagree(string earner)
            {
                var id = await kit.Submit(earner, credentialId);
                await kit.AssignWaitingWork();
                Assert.Equal([asa, morgan], (await kit.Assignments(id)).Where(a => a.IsActive).Select(a => a.AssessorId).Order());
                await kit.As(AssessmentKit.Asa, s => s.Send(new SubmitScore(id, AssessmentKit.Levels(rubric, 2, 2, 2), "Proficient.")).AsTask());
                await kit.As(AssessmentKit.Morgan, s => s.Send(new SubmitScore(id, AssessmentKit.Levels(rubric, 3, 3, 3), "Exemplary.")).AsTask());
                return id;
            }
            await Disagree(AssessmentKit.Erin);
            // One disagreement is below the district's minimum sample (2): nobody is paused, both still get work.
            var view = await kit.As(AssessmentKit.Admin, s => s.Send(new GetQualifications(credentialId)).AsTask());
            Assert.All(view.Assessors.Where(a => a.AssessorId == asa || a.AssessorId == morgan), a => Assert.Null(a.PausedBy));
            await Disagree(AssessmentKit.Taylor);

            // Now both are paused for this credential: the next work waits, and the Admin sees why.
            await kit.Policy(AssignmentMode.Automatic, doubleScoringPercent: 0, calibrationThreshold: 80);
            var next = await kit.Submit("casey.nguyen@springfield.test", credentialId);
            await kit.AssignWaitingWork();
            Assert.Empty(await kit.Assignments(next));
            Assert.DoesNotContain(asa, await Eligible(next));
            view = await kit.As(AssessmentKit.Admin, s => s.Send(new GetQualifications(credentialId)).AsTask());
            var row = view.Assessors.Single(a => a.AssessorId == asa);
            Assert.Equal(QualificationStatus.Qualified, row.Status);
            Assert.Equal((2, 6, 0), (row.PausedBy!.DoubleScored, row.PausedBy.Levels.Pairs, row.PausedBy.Levels.Exact));
            Assert.Contains(credentialId, view.WithoutAssessor.Select(c => c.Id));
            // The publish warning counts paused assessors as not there.
            await kit.As(AssessmentKit.Developer, s => s.Send(new StartNewVersion(credentialId)).AsTask());
            Assert.Equal(0, (await kit.As(AssessmentKit.Developer, s => s.Send(new PublishCredential(credentialId)).AsTask())).QualifiedAssessors);

            // Recalibrating lifts the pause: Asa gets the waiting work at once; Morgan stays paused.
            await kit.As(AssessmentKit.Asa, s => s.Send(new StartCalibration(credentialId)).AsTask());
            var anchorId = (await kit.As(AssessmentKit.Asa, s => s.Send(new GetCalibration(credentialId)).AsTask())).InProgress.Single().AnchorId;
            await kit.As(AssessmentKit.Asa, s => s.Send(new RateAnchor(credentialId, anchorId, known)).AsTask());
            Assert.True(await kit.As(AssessmentKit.Asa, s => s.Send(new SubmitCalibration(credentialId)).AsTask()));
            Assert.Equal(asa, (await kit.Assignments(next)).Single(a => a.IsActive).AssessorId);
            view = await kit.As(AssessmentKit.Admin, s => s.Send(new GetQualifications(credentialId)).AsTask());
            Assert.Null(view.Assessors.Single(a => a.AssessorId == asa).PausedBy);
            Assert.NotNull(view.Assessors.Single(a => a.AssessorId == morgan).PausedBy);

            // An Admin lifts Morgan's pause instead (a reason is required, kept and audited); lifting an unpaused one is refused.
            var lift = (Guid who, string? reason) => kit.As(AssessmentKit.Admin, s => s.Send(new LiftAssessorPause(who, credentialId, reason)).AsTask());
            Assert.Contains("Say why", (await Assert.ThrowsAsync<DomainException>(() => lift(morgan, "  "))).Message);
            Assert.Contains("not paused", (await Assert.ThrowsAsync<DomainException>(() => lift(asa, "No reason"))).Message);
            await lift(morgan, "The two disagreements were on a rubric we since rewrote.");
            view = await kit.As(AssessmentKit.Admin, s => s.Send(new GetQualifications(credentialId)).AsTask());
            var lifted = view.Assessors.Single(a => a.AssessorId == morgan);
            Assert.Null(lifted.PausedBy);
            Assert.Equal("The two disagreements were on a rubric we since rewrote.", lifted.LastPauseLift!.Reason);
            var third = await kit.Submit(AssessmentKit.Pat, credentialId);
            await kit.AssignWaitingWork();
            // Morgan is back in the pool: the least-loaded assessor (Asa holds the earlier work) gets it.
            Assert.Equal(morgan, (await kit.Assignments(third)).Single(a => a.IsActive).AssessorId);
            var audit = await kit.Db(db => db.AuditEntries.Where(a => a.Action == nameof(LiftAssessorPause)).OrderByDescending(a => a.Id).FirstAsync());
            Assert.Contains("since rewrote", audit.Details);

            // Another district's Admin cannot lift it (the qualification is not theirs to find).
            await Assert.ThrowsAsync<NotFoundException>(() => kit.As("admin@shelbyville.test",
                s => s.Send(new LiftAssessorPause(morgan, credentialId, "Hostile")).AsTask(), "shelbyville"));
        }
        finally
        {
            await SetValidity(null);
        }
    }
}
