using MicroCred.Application.Features.Issuing;
using MicroCred.Application.Features.Recognition;
using MicroCred.Domain.Recognition;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.IntegrationTests.Issuing;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroCred.IntegrationTests.Recognition;

/// <summary>
/// Credit that follows the badge (issue 14 §3): the State Board grants credit for a Springfield badge; approval verifies
/// the badge again, and revoking it later rescinds the credit (recorded, never deleted). Rules may require assessed badges.
/// </summary>
public sealed class CreditFollowsBadgeTests(VerifierAppFixture fixture) : IClassFixture<VerifierAppFixture>
{
    private const string Riley = "riley.chen@springfield.test";
    private const string StateBoard = "recognizer@state-board.test";
    private readonly RecognitionKit kit = new(fixture);
    private readonly AssessmentKit assessment = new(fixture);

    private Task<T> AsBoard<T>(Func<Mediator.ISender, Task<T>> act) => kit.As(StateBoard, "state-board", act);

    /// <summary>A new Springfield credential, issued by hand to Riley; returns its id and the badge's public URL.</summary>
    private async Task<(Guid CredentialId, Guid AssertionId, string Url)> BadgeForRiley(string name)
    {
        var (credentialId, _, _) = await assessment.Credential(name);
        var id = await assessment.As(AssessmentKit.Issuer, s => s.Send(new IssueBadge(Riley, credentialId, null, null, false)).AsTask());
        return (credentialId, id, new Uri(fixture.BaseAddress, $"/public/assertions/{id}").ToString());
    }

    private async Task<Guid> CreditType(string name) => await AsBoard(s => s.Send(new DefineCreditType(name, "renewal units")).AsTask());

    private Task<Guid> Request(string url) => kit.As(Riley, "state-board", s => s.Send(new RequestCredit(url)).AsTask());

    [Fact]
    public async Task Approval_verifies_the_badge_again_and_refuses_one_revoked_since_the_request()
    {
        var (_, assertionId, url) = await BadgeForRiley("Credit: revoked before approval");
        var type = await CreditType("Renewal (revoked before approval)");
        var requestId = await Request(url);
        Assert.Equal(SnapshotVerdict.Valid, (await AsBoard(s => s.Send(new GetCreditRequest(requestId)).AsTask())).Badge.Verdict);

        await fixture.RevokeAsync(assertionId, "Issued to the wrong Riley.");

        var refusal = await Assert.ThrowsAsync<BadgeNotCreditableException>(() => AsBoard(s => s.Send(new ApproveCreditRequest(requestId, type, 2)).AsTask()));
        Assert.Equal(SnapshotVerdict.Revoked, refusal.Badge.Verdict);
        Assert.Contains("Issued to the wrong Riley.", refusal.Message);
        var request = await kit.Db("state-board", db => db.CreditRequests.AsNoTracking().SingleAsync(r => r.Id == requestId));
        Assert.Equal((CreditRequestStatus.Pending, (decimal?)null), (request.Status, request.Units));

        // Over HTTP the recognizer reads the refusal on the request page.
        using var board = new HttpSession(fixture.BaseAddress);
        await board.LogInAsync(StateBoard);
        var response = await board.SubmitAsync($"/state-board/recognition/requests/{requestId}",
            new Dictionary<string, string> { ["Input.CreditTypeId"] = type.ToString(), ["Input.Units"] = "2" }, "Approve");
        Assert.Equal(System.Net.HttpStatusCode.OK, response.StatusCode);
        var after = await HttpSession.Parse(await response.Content.ReadAsStringAsync());
        Assert.Contains(after.Errors(), e => e.Contains("Issued to the wrong Riley."));
    }

    [Fact]
    public async Task Revoking_a_badge_rescinds_the_credit_granted_for_it_tells_the_recognizer_and_shows_on_the_transcript()
    {
        var (_, assertionId, url) = await BadgeForRiley("Credit: revoked after approval");
        var type = await CreditType("Renewal (revoked after approval)");
        var requestId = await Request(url);
        await AsBoard(s => s.Send(new ApproveCreditRequest(requestId, type, 3)).AsTask());
        Assert.Contains((await kit.TranscriptOf(Riley)).Totals, t => t.CreditTypeName == "Renewal (revoked after approval)" && t.Units == 3);

        await fixture.RevokeAsync(assertionId, "The evidence was not the teacher's own.");

        var request = await kit.Db("state-board", db => db.CreditRequests.AsNoTracking().SingleAsync(r => r.Id == requestId));
        Assert.Equal(CreditRequestStatus.Rescinded, request.Status);
        Assert.Equal(3m, request.Units); // what was granted stays on record
        Assert.NotNull(request.DecidedAt);
        Assert.NotNull(request.RescindedAt);
        Assert.Contains("The evidence was not the teacher's own.", request.RescissionReason);

        var transcript = await kit.TranscriptOf(Riley);
        Assert.Equal(CreditRequestStatus.Rescinded, transcript.Lines.Single(l => l.Id == requestId).Status);
        Assert.DoesNotContain(transcript.Totals, t => t.CreditTypeName == "Renewal (revoked after approval)");

        var (mail, audit) = await kit.Db("state-board", async db => (
            await db.EmailMessages.Where(m => m.Subject.StartsWith("Credit rescinded")).Select(m => m.To + " " + m.TextBody).ToListAsync(),
            await db.AuditEntries.Where(a => a.Action == "RescindCredit").Select(a => a.Targets).ToListAsync()));
        Assert.Contains(mail, m => m.StartsWith(Riley, StringComparison.Ordinal) && m.Contains("The evidence was not the teacher's own."));
        Assert.Contains(mail, m => m.StartsWith(StateBoard, StringComparison.Ordinal) && m.Contains($"/state-board/recognition/requests/{requestId}"));
        Assert.Contains(audit, a => a.Contains(requestId.ToString()));

        using var riley = new HttpSession(fixture.BaseAddress);
        await riley.LogInAsync(Riley);
        var page = await riley.PageAsync("/account/transcript");
        Assert.Contains("rescinded", page.QuerySelector("table.open-requests")!.TextContent);
    }

    [Fact]
    public async Task Credit_left_standing_on_a_revoked_badge_is_rescinded_by_the_next_sweep_once()
    {
        var (_, assertionId, url) = await BadgeForRiley("Credit: rescission missed");
        var type = await CreditType("Renewal (rescission missed)");
        var requestId = await Request(url);
        await AsBoard(s => s.Send(new ApproveCreditRequest(requestId, type, 2)).AsTask());
        // The revocation landed but its rescission did not (it failed after the commit, or the approval slipped in between).
        await kit.Db("springfield", db => db.Assertions.Where(a => a.Id == assertionId)
            .ExecuteUpdateAsync(u => u.SetProperty(a => a.RevokedAt, DateTimeOffset.UtcNow).SetProperty(a => a.RevocationReason, "Found later to be copied work.")));
        Assert.Equal(CreditRequestStatus.Approved, (await kit.Db("state-board", db => db.CreditRequests.AsNoTracking().SingleAsync(r => r.Id == requestId))).Status);

        var sweep = fixture.App.Services.GetRequiredService<CreditRescissionSweep>();
        // Two sweeps at once (two instances), then another: the credit is rescinded, and the teacher told, once.
        Assert.True((await Task.WhenAll(sweep.RunOnceAsync(default), sweep.RunOnceAsync(default))).Sum() >= 1);
        Assert.Equal(0, await sweep.RunOnceAsync(default));

        var request = await kit.Db("state-board", db => db.CreditRequests.AsNoTracking().SingleAsync(r => r.Id == requestId));
        Assert.Equal(CreditRequestStatus.Rescinded, request.Status);
        Assert.Contains("Found later to be copied work.", request.RescissionReason);
        var told = await kit.Db("state-board", db => db.EmailMessages
            .CountAsync(m => m.To == Riley && m.Subject == "Credit rescinded: Credit: rescission missed"));
        Assert.Equal(1, told); // the second pass found nothing left to rescind
        Assert.Contains(await kit.Db("state-board", db => db.AuditEntries.Where(a => a.Action == "RescindCredit").Select(a => a.Targets).ToListAsync()),
            t => t.Contains(requestId.ToString()));
    }

    [Fact]
    public async Task A_rule_that_requires_assessed_badges_does_not_match_a_badge_issued_by_hand_and_the_recognizer_sees_its_basis()
    {
        var (credentialId, _, url) = await BadgeForRiley("Credit: prior learning");
        var strict = await CreditType("Renewal (assessed only)");
        var lenient = await CreditType("PD (any basis)");
        var strictRule = await AsBoard(s => s.Send(new AddRecognitionRule(RuleTarget.Credential, strict, 2, SourceDistrict: "springfield", ItemId: credentialId)).AsTask());
        var lenientRule = await AsBoard(s => s.Send(new AddRecognitionRule(RuleTarget.Credential, lenient, 1, SourceDistrict: "springfield", ItemId: credentialId)).AsTask());
        await AsBoard(s => s.Send(new SetRuleRequiresAssessed(strictRule, true)).AsTask());

        var requestId = await Request(url);
        var view = await AsBoard(s => s.Send(new GetCreditRequest(requestId)).AsTask());
        Assert.Equal("Prior learning recognised", view.Badge.NotAssessedBasis);
        Assert.Equal([lenientRule], view.Matches.Select(m => m.RuleId));

        using var board = new HttpSession(fixture.BaseAddress);
        await board.LogInAsync(StateBoard);
        var page = await board.PageAsync($"/state-board/recognition/requests/{requestId}");
        Assert.Contains("Prior learning recognised", page.QuerySelector("#badge-basis")!.TextContent);
    }
}
