using MicroCred.Application.Features.Assessment;
using MicroCred.Domain.Assessment;
using MicroCred.Domain.Common;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroCred.IntegrationTests.Assessment;

/// <summary>The queue: claiming, releasing, declaring a conflict, reassignment, revoked qualifications, overdue work.</summary>
public sealed class QueueTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private readonly AssessmentKit kit = new(fixture);

    private static Task<MyAssessmentWork> Work(AssessmentKit kit, string email) => kit.As(email, s => s.Send(new GetMyAssessmentWork()).AsTask());

    [Fact]
    public async Task In_claim_mode_work_is_claimed_released_and_declined_for_a_conflict_back_to_the_queue()
    {
        await kit.Policy(AssignmentMode.Claim, doubleScoringPercent: 0);
        var (credentialId, _, _) = await kit.Credential("Claimable");
        await kit.Qualify(credentialId, AssessmentKit.Asa, AssessmentKit.Morgan);
        var submissionId = await kit.Submit(AssessmentKit.Erin, credentialId);

        Assert.Contains((await Work(kit, AssessmentKit.Asa)).Claimable, c => c.SubmissionId == submissionId);
        Assert.DoesNotContain((await Work(kit, AssessmentKit.Jordan)).Claimable, c => c.SubmissionId == submissionId); // not qualified

        // Over HTTP, as the assessor would: claim from the dashboard, land on the scoring page.
        using (var asa = new HttpSession(fixture.BaseAddress))
        {
            await asa.LogInAsync(AssessmentKit.Asa);
            var dashboard = await asa.PageAsync("/springfield/assessment");
            var form = dashboard.QuerySelectorAll("form").Single(f => f.GetAttribute("action")!.Contains("handler=Claim") && f.GetAttribute("action")!.Contains(submissionId.ToString()));
            var claimed = await asa.PostAsync(form.GetAttribute("action")!, new Dictionary<string, string>(), HttpSession.TokenOf(dashboard));
            Assert.Equal(System.Net.HttpStatusCode.Redirect, claimed.StatusCode);
            Assert.Equal($"/springfield/assessment/submissions/{submissionId}", claimed.Headers.Location!.OriginalString);
        }
        Assert.Equal(SubmissionStatus.InReview, await kit.Status(submissionId));
        Assert.Contains((await Work(kit, AssessmentKit.Asa)).Assigned, t => t.SubmissionId == submissionId);
        Assert.DoesNotContain((await Work(kit, AssessmentKit.Morgan)).Claimable, c => c.SubmissionId == submissionId);
        Assert.Contains("already taken", (await Assert.ThrowsAsync<DomainException>(() => kit.As(AssessmentKit.Morgan, s => s.Send(new ClaimWork(submissionId)).AsTask()))).Message);

        await kit.As(AssessmentKit.Asa, s => s.Send(new ReleaseWork(submissionId)).AsTask());
        Assert.Equal(SubmissionStatus.Submitted, await kit.Status(submissionId));
        Assert.Equal(AssignmentEnd.Released, (await kit.Assignments(submissionId)).Single().EndReason);
        Assert.Contains((await Work(kit, AssessmentKit.Morgan)).Claimable, c => c.SubmissionId == submissionId);

        await kit.As(AssessmentKit.Morgan, s => s.Send(new ClaimWork(submissionId)).AsTask());
        await kit.As(AssessmentKit.Morgan, s => s.Send(new DeclareConflictOnSubmission(submissionId, "I recognise my neighbour's classroom.")).AsTask());
        Assert.Equal(SubmissionStatus.Submitted, await kit.Status(submissionId));
        var erin = await fixture.UserId(AssessmentKit.Erin);
        var morgan = await fixture.UserId(AssessmentKit.Morgan);
        Assert.True(await kit.Db(db => db.ConflictDeclarations.AnyAsync(c => c.DeclaredBy == morgan && c.OtherPersonId == erin && c.SubmissionId == submissionId)));
        Assert.DoesNotContain((await Work(kit, AssessmentKit.Morgan)).Claimable, c => c.SubmissionId == submissionId);
        Assert.Equal(Ineligibility.DeclaredConflict, (await Assert.ThrowsAsync<AssessorRefusedException>(() =>
            kit.As(AssessmentKit.Morgan, s => s.Send(new ClaimWork(submissionId)).AsTask()))).Reason);

        // The conflict holds for the earner's next submission too.
        var next = await kit.Submit(AssessmentKit.Erin, credentialId);
        Assert.DoesNotContain((await Work(kit, AssessmentKit.Morgan)).Claimable, c => c.SubmissionId == next);
        Assert.Contains((await Work(kit, AssessmentKit.Asa)).Claimable, c => c.SubmissionId == next);

        // The profile page shows the declaration without naming the earner under blind review.
        using var morganHttp = new HttpSession(fixture.BaseAddress);
        await morganHttp.LogInAsync(AssessmentKit.Morgan);
        var profile = (await morganHttp.PageAsync("/springfield/profile")).MainText();
        Assert.Contains("The earner of submission", profile);
        Assert.DoesNotContain("Erin Earner", profile.Split("Declare a conflict")[0]);
    }

    [Fact]
    public async Task Claiming_is_refused_when_the_district_assigns_automatically()
    {
        await kit.Policy(AssignmentMode.Automatic, doubleScoringPercent: 0);
        var (credentialId, _, _) = await kit.Credential("Automatic only");
        await kit.Qualify(credentialId, AssessmentKit.Asa);
        var submissionId = await kit.Submit(AssessmentKit.Erin, credentialId);
        Assert.Contains("automatically", (await Assert.ThrowsAsync<DomainException>(() => kit.As(AssessmentKit.Asa, s => s.Send(new ClaimWork(submissionId)).AsTask()))).Message);
        Assert.Empty((await Work(kit, AssessmentKit.Asa)).Claimable);
    }

    [Fact]
    public async Task An_admin_reassigns_open_work_through_the_conflict_rules_and_the_new_assessor_is_told()
    {
        await kit.Policy(AssignmentMode.Automatic, doubleScoringPercent: 0);
        var (credentialId, _, _) = await kit.Credential("Reassignable");
        await kit.Qualify(credentialId, AssessmentKit.Jordan);
        const string sam = "sam.ortiz@springfield.test"; // an earner no other test here puts in a conflict
        var submissionId = await kit.Submit(sam, credentialId, at: DateTimeOffset.UtcNow.AddDays(-12));
        await kit.AssignWaitingWork();
        var held = (await kit.Assignments(submissionId)).Single();
        Assert.Equal(await fixture.UserId(AssessmentKit.Jordan), held.AssessorId);

        // Overdue: submitted twelve days ago with a five-business-day target.
        var health = await kit.As(AssessmentKit.Admin, s => s.Send(new GetQueueHealth()).AsTask());
        var item = health.Items.Single(i => i.SubmissionId == submissionId);
        Assert.True(item.Overdue);
        Assert.True(item.Holders.Single().Overdue);
        Assert.Empty(item.Holders.Single().ReassignTo); // nobody else is qualified yet

        await kit.Qualify(credentialId, AssessmentKit.Asa);
        var asa = await fixture.UserId(AssessmentKit.Asa);
        var morgan = await fixture.UserId(AssessmentKit.Morgan);
        var earner = await fixture.UserId(sam);
        var casey = await fixture.UserId("casey.nguyen@springfield.test");
        foreach (var (person, reason) in new[] { (morgan, Ineligibility.NotQualified), (casey, Ineligibility.NotAnAssessor), (earner, Ineligibility.OwnSubmission) })
            Assert.Equal(reason, (await Assert.ThrowsAsync<AssessorRefusedException>(() =>
                kit.As(AssessmentKit.Admin, s => s.Send(new ReassignWork(held.Id, person)).AsTask()))).Reason);

        using (var admin = new HttpSession(fixture.BaseAddress))
        {
            await admin.LogInAsync(AssessmentKit.Admin);
            var page = await admin.PageAsync("/springfield/assessment/admin");
            var code = await kit.Db(db => db.Submissions.Where(x => x.Id == submissionId).Select(x => x.Code).SingleAsync());
            Assert.Contains(page.QuerySelectorAll("tr.overdue"), row => row.TextContent.Contains(code) && row.TextContent.Contains("Overdue"));
            var response = await admin.PostAsync($"/springfield/assessment/admin?handler=Reassign&assignmentId={held.Id}",
                new Dictionary<string, string> { ["assessorId"] = asa.ToString() }, HttpSession.TokenOf(page));
            Assert.Equal(System.Net.HttpStatusCode.Redirect, response.StatusCode);
        }
        var after = await kit.Assignments(submissionId);
        Assert.Equal(AssignmentEnd.Reassigned, after.Single(a => a.Id == held.Id).EndReason);
        var moved = after.Single(a => a.IsActive);
        Assert.Equal((asa, AssignmentSource.Admin, held.DueAt), (moved.AssessorId, moved.Source, moved.DueAt));
        Assert.Contains(await kit.Db(db => db.EmailMessages.Where(m => m.To == AssessmentKit.Asa).Select(m => m.Subject).ToListAsync()), s => s.Contains("New work to assess"));
        Assert.Equal(SubmissionStatus.InReview, await kit.Status(submissionId));
    }

    [Fact]
    public async Task Revoking_a_qualification_sends_open_work_to_someone_else_and_a_new_conflict_does_too()
    {
        await kit.Policy(AssignmentMode.Automatic, doubleScoringPercent: 0);
        var (credentialId, _, _) = await kit.Credential("Revocable");
        await kit.Qualify(credentialId, AssessmentKit.Morgan);
        var submissionId = await kit.Submit(AssessmentKit.Taylor, credentialId); // Morgan declared a conflict with Erin in another test
        await kit.AssignWaitingWork();
        var morgan = await fixture.UserId(AssessmentKit.Morgan);
        Assert.Equal(morgan, (await kit.Assignments(submissionId)).Single().AssessorId);

        await kit.Qualify(credentialId, AssessmentKit.Asa);
        await kit.As(AssessmentKit.Admin, s => s.Send(new ChangeQualification(morgan, credentialId, QualificationChange.Revoke)).AsTask());
        var assignments = await kit.Assignments(submissionId);
        Assert.Equal(AssignmentEnd.NoLongerEligible, assignments.Single(a => a.AssessorId == morgan).EndReason);
        var asa = await fixture.UserId(AssessmentKit.Asa);
        Assert.Equal(asa, assignments.Single(a => a.IsActive).AssessorId);

        // Taylor declares a conflict with Asa: Asa's open work on their submission goes back, and nobody else is qualified.
        await kit.As(AssessmentKit.Taylor, s => s.Send(new DeclareConflict(asa, "Asa is my sister.")).AsTask());
        Assert.DoesNotContain(await kit.Assignments(submissionId), a => a.IsActive);
        Assert.Equal(SubmissionStatus.Submitted, await kit.Status(submissionId));
        var health = await kit.As(AssessmentKit.Admin, s => s.Send(new GetQueueHealth()).AsTask());
        var item = health.Items.Single(i => i.SubmissionId == submissionId);
        Assert.Equal("Waiting", item.Stage);
        Assert.Empty(item.Eligible);
    }

    [Fact]
    public async Task The_assignment_job_gives_new_work_out_and_takes_it_back_from_someone_who_lost_the_assessor_role()
    {
        await kit.Policy(AssignmentMode.Automatic, doubleScoringPercent: 0, forbidSameSchool: false);
        var (credentialId, _, _) = await kit.Credential("Picked up by the job");
        await kit.Qualify(credentialId, AssessmentKit.Pat);
        var submissionId = await kit.Submit("riley.chen@springfield.test", credentialId);
        var job = fixture.App.Services.GetServices<Microsoft.Extensions.Hosting.IHostedService>().OfType<AutoAssignmentJob>().Single();

        await job.RunOnceAsync(TestContext.Current.CancellationToken);
        var pat = await fixture.UserId(AssessmentKit.Pat);
        Assert.Equal(pat, (await kit.Assignments(submissionId)).Single(a => a.IsActive).AssessorId);
        Assert.Contains(await kit.Db(db => db.EmailMessages.Where(m => m.To == AssessmentKit.Pat).Select(m => m.Subject).ToListAsync()), s => s.StartsWith("New work to assess", StringComparison.Ordinal));

        var membership = await kit.Db(db => db.Memberships.SingleAsync(m => m.UserId == pat));
        await kit.As(AssessmentKit.Admin, s => s.Send(new Application.Features.Tenancy.ChangeMemberRoles(membership.Id, DistrictRole.Earner)).AsTask());
        await job.RunOnceAsync(TestContext.Current.CancellationToken);
        Assert.Equal(AssignmentEnd.NoLongerEligible, (await kit.Assignments(submissionId)).Single().EndReason);
        Assert.Equal(SubmissionStatus.Submitted, await kit.Status(submissionId));
    }

    [Fact]
    public async Task Members_pick_their_school_and_the_same_school_rule_follows()
    {
        await kit.Policy(AssignmentMode.Claim, doubleScoringPercent: 0, forbidSameSchool: true);
        var (credentialId, _, _) = await kit.Credential("Same school");
        await kit.Qualify(credentialId, AssessmentKit.Jordan);
        var submissionId = await kit.Submit(AssessmentKit.Erin, credentialId); // Erin: Springfield Elementary
        Assert.Contains((await Work(kit, AssessmentKit.Jordan)).Claimable, c => c.SubmissionId == submissionId);

        var profile = await kit.As(AssessmentKit.Jordan, s => s.Send(new GetMyAssessmentProfile()).AsTask());
        var elementary = profile.Schools.Single(s => s.Name == "Springfield Elementary").Id;
        await kit.As(AssessmentKit.Jordan, s => s.Send(new ChooseMySchool(elementary)).AsTask());
        Assert.DoesNotContain((await Work(kit, AssessmentKit.Jordan)).Claimable, c => c.SubmissionId == submissionId);
        Assert.Equal(Ineligibility.SameSchool, (await Assert.ThrowsAsync<AssessorRefusedException>(() =>
            kit.As(AssessmentKit.Jordan, s => s.Send(new ClaimWork(submissionId)).AsTask()))).Reason);

        await kit.Policy(AssignmentMode.Claim, doubleScoringPercent: 0, forbidSameSchool: false);
        await kit.As(AssessmentKit.Jordan, s => s.Send(new ClaimWork(submissionId)).AsTask());
        Assert.Equal(SubmissionStatus.InReview, await kit.Status(submissionId));
    }
}
