using MicroCred.Application.Features.Assessment;
using MicroCred.Domain.Assessment;
using MicroCred.Domain.Common;
using MicroCred.Domain.Design;
using MicroCred.Domain.Tenancy;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.IntegrationTests.Assessment;

/// <summary>Qualification through calibration on anchors: passing at the threshold, failing below it, both recorded.</summary>
public sealed class CalibrationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly AssessmentKit kit = new(fixture);

    /// <summary>A credential with five criteria and one anchor (scored work) whose known levels are all Proficient.</summary>
    private async Task<(Guid CredentialId, Rubric Rubric, Guid AnchorId)> WithAnchor(string name)
    {
        await kit.Policy(AssignmentMode.Automatic, doubleScoringPercent: 0, calibrationThreshold: 80);
        var (credentialId, rubric, _) = await kit.Credential(name, criteria: 5);
        await kit.Qualify(credentialId, AssessmentKit.Morgan);
        var submissionId = await kit.Submit(AssessmentKit.Erin, credentialId);
        await kit.AssignWaitingWork();
        await kit.As(AssessmentKit.Morgan, s => s.Send(new SubmitScore(submissionId, AssessmentKit.Levels(rubric, 2, 2, 2, 2, 3), "Fine.")).AsTask());
        var known = rubric.Criteria.ToDictionary(c => c.Id, _ => rubric.Levels[2].Id);
        var anchorId = await kit.As(AssessmentKit.Admin, s => s.Send(new MarkAnchor(submissionId, "Anchor A", known, "All Proficient after moderation.")).AsTask());
        return (credentialId, rubric, anchorId);
    }

    private async Task<bool> Calibrate(string candidate, Guid credentialId, Guid anchorId, Rubric rubric, params int[] points)
    {
        await kit.As(candidate, s => s.Send(new StartCalibration(credentialId)).AsTask());
        var anchor = await kit.As(candidate, s => s.Send(new GetCalibrationAnchor(credentialId, anchorId)).AsTask());
        Assert.Equal("Anchor A", anchor.Label);
        Assert.DoesNotContain(anchor.Evidence.SelectMany(e => e.Items), i => i.Label.Contains("Erin", StringComparison.Ordinal)); // always blind
        var levels = rubric.Criteria.Select((c, i) => (c.Id, rubric.Levels[points[i]].Id)).ToDictionary();
        await kit.As(candidate, s => s.Send(new RateAnchor(credentialId, anchorId, levels)).AsTask());
        return await kit.As(candidate, s => s.Send(new SubmitCalibration(credentialId)).AsTask());
    }

    [Fact]
    public async Task A_candidate_at_the_threshold_qualifies_and_one_below_does_not_and_both_attempts_are_recorded()
    {
        var (credentialId, rubric, anchorId) = await WithAnchor("Calibrated");
        var asa = await fixture.UserId(AssessmentKit.Asa);
        var jordan = await fixture.UserId(AssessmentKit.Jordan);
        foreach (var id in new[] { asa, jordan })
            await kit.As(AssessmentKit.Admin, s => s.Send(new ChangeQualification(id, credentialId, QualificationChange.RequireCalibration)).AsTask());
        Assert.Contains((await kit.As(AssessmentKit.Asa, s => s.Send(new GetMyAssessmentWork()).AsTask())).Qualifications,
            q => q.CredentialId == credentialId && q.Status == QualificationStatus.CalibrationRequired);

        // 4 of 5 criteria at the known level: exactly 80 %, the threshold: qualified.
        Assert.True(await Calibrate(AssessmentKit.Asa, credentialId, anchorId, rubric, 2, 2, 2, 2, 3));
        // 3 of 5: 60 %: not qualified.
        Assert.False(await Calibrate(AssessmentKit.Jordan, credentialId, anchorId, rubric, 2, 2, 2, 1, 3));

        var view = await kit.As(AssessmentKit.Admin, s => s.Send(new GetQualifications(credentialId)).AsTask());
        var asaRow = view.Assessors.Single(a => a.AssessorId == asa);
        Assert.Equal((QualificationStatus.Qualified, QualificationMethod.Calibration), (asaRow.Status!.Value, asaRow.Method!.Value));
        Assert.Equal((4, 5, 80.0, 80, true), (asaRow.Attempts.Single().Matched!.Value, asaRow.Attempts.Single().Compared!.Value, asaRow.Attempts.Single().AgreementPercent!.Value, asaRow.Attempts.Single().ThresholdPercent!.Value, asaRow.Attempts.Single().Passed!.Value));
        var jordanRow = view.Assessors.Single(a => a.AssessorId == jordan);
        Assert.Equal(QualificationStatus.CalibrationRequired, jordanRow.Status);
        Assert.Equal((3, 60.0, false), (jordanRow.Attempts.Single().Matched!.Value, jordanRow.Attempts.Single().AgreementPercent!.Value, jordanRow.Attempts.Single().Passed!.Value));

        // The candidate sees the result criterion by criterion, with the anchor's rationale.
        var result = (await kit.As(AssessmentKit.Jordan, s => s.Send(new GetCalibration(credentialId)).AsTask())).LastResult!;
        Assert.False(result.Passed);
        Assert.Equal("All Proficient after moderation.", result.Anchors.Single().Rationale);
        Assert.Equal(2, result.Anchors.Single().Criteria.Count(c => !c.Match));

        // Qualified through calibration, Asa may now be given work on it; Jordan may not.
        var next = await kit.Submit(AssessmentKit.Taylor, credentialId);
        var health = await kit.As(AssessmentKit.Admin, s => s.Send(new GetQueueHealth()).AsTask());
        var eligible = health.Items.Single(i => i.SubmissionId == next).Eligible.Select(p => p.Id).ToList();
        Assert.Contains(asa, eligible);
        Assert.DoesNotContain(jordan, eligible);
    }

    [Fact]
    public async Task Calibration_is_only_for_candidates_asked_to_calibrate_and_never_on_their_own_work()
    {
        var (credentialId, _, anchorId) = await WithAnchor("Own work");
        // Nobody asked Pat: there is nothing to start.
        await Assert.ThrowsAsync<Application.Common.NotFoundException>(() => kit.As(AssessmentKit.Pat, s => s.Send(new StartCalibration(credentialId)).AsTask()));
        // The anchor is Erin's work; Erin as a candidate (made an assessor for this) would have no anchor left.
        var erin = await fixture.UserId(AssessmentKit.Erin);
        await kit.Db(async db =>
        {
            await using var scope = await fixture.As(AssessmentKit.Admin, "springfield");
            var membership = await db.Memberships.SingleAsync(m => m.UserId == erin);
            var roles = membership.Roles | DistrictRole.Assessor;
            await AppFixture.Get<Mediator.ISender>(scope).Send(new Application.Features.Tenancy.ChangeMemberRoles(membership.Id, roles));
            return 0;
        });
        await kit.As(AssessmentKit.Admin, s => s.Send(new ChangeQualification(erin, credentialId, QualificationChange.RequireCalibration)).AsTask());
        Assert.Contains("no anchors", (await Assert.ThrowsAsync<DomainException>(() => kit.As(AssessmentKit.Erin, s => s.Send(new StartCalibration(credentialId)).AsTask()))).Message);
        // And an anchor of another candidate's calibration is not found for someone outside it.
        await Assert.ThrowsAsync<Application.Common.NotFoundException>(() => kit.As(AssessmentKit.Jordan, s => s.Send(new GetCalibrationAnchor(credentialId, anchorId)).AsTask()));
    }
}
