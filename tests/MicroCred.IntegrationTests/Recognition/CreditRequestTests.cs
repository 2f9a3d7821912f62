using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Features.Public;
using MicroCred.Application.Features.Recognition;
using MicroCred.Domain.Common;
using MicroCred.Domain.Recognition;
using MicroCred.OpenBadges.Verification;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.IntegrationTests.Recognition;

/// <summary>
/// A teacher asks a recognizer for credit for a badge of another issuer (served locally from the fixtures):
/// the server verifies it, stores the report and the matching rule; the recognizer approves or declines;
/// the transcript shows it. Badges that are not valid are refused with the report.
/// </summary>
public sealed class CreditRequestTests(VerifierAppFixture fixture, BadgeIssuerServer issuer)
    : IClassFixture<VerifierAppFixture>, IClassFixture<BadgeIssuerServer>
{
    private const string Riley = "riley.chen@springfield.test";
    private const string StateBoard = "recognizer@state-board.test";
    private readonly RecognitionKit kit = new(fixture);

    [Fact]
    public async Task A_valid_badge_is_filed_with_its_report_and_matching_rule_and_approval_lands_on_the_transcript_and_in_the_mail()
    {
        var pd = await kit.CreditType();
        var ruleId = await kit.ExternalRule(pd, issuer.BadgeClassUrl, 4.5m);
        // Another organisation's rule for the same badge class must not leak into springfield's matches.
        var board = await kit.As(StateBoard, "state-board", s => s.Send(new GetRecognitionRules()).AsTask());
        await kit.As(StateBoard, "state-board", s => s.Send(new AddRecognitionRule(RuleTarget.ExternalBadgeClass, board.CreditTypes[0].Id, 9, issuer.BadgeClassUrl, "Theirs")).AsTask());

        var requestId = await kit.AsTeacher(s => s.Send(new RequestCredit(issuer.ValidUrl, Note: "From my summer institute.")).AsTask(), Riley);

        var view = await kit.AsRecognizer(s => s.Send(new GetCreditRequest(requestId)).AsTask());
        Assert.Equal(CreditRequestStatus.Pending, view.Status);
        Assert.Equal(SnapshotVerdict.Valid, view.Badge.Verdict);
        Assert.Equal("Formative Assessment", view.Badge.BadgeName);
        Assert.Equal("Capital City Teacher Academy", view.Badge.IssuerName);
        Assert.Equal(issuer.BadgeClassUrl, view.Badge.BadgeClassId);
        Assert.Equal(issuer.ValidUrl, view.Badge.AssertionId);
        Assert.Equal("From my summer institute.", view.Note);
        Assert.Equal(Riley, view.RequesterEmail);
        // Every check the verifier ran is stored, not just the verdict; the recipient was checked against the account.
        foreach (var name in new[] { CheckNames.AssertionFetched, CheckNames.AssertionId, CheckNames.BadgeClassFetched, CheckNames.IssuerFetched, CheckNames.VerificationScope, CheckNames.Revocation, CheckNames.Expiry })
            Assert.Equal("Passed", Assert.Single(view.Badge.Checks, c => c.Name == name).Outcome);
        Assert.False(view.Badge.RecipientMatches); // the fixture badge was awarded to another address
        Assert.Contains(view.Matches, m => (m.RuleId, m.Units, m.Unit) == (ruleId, 4.5m, "PD hours"));
        Assert.DoesNotContain(view.Matches, m => m.DisplayName == "Theirs");

        var pending = await kit.TranscriptOf(Riley);
        Assert.Equal(CreditRequestStatus.Pending, Assert.Single(pending.Lines).Status);
        Assert.Empty(pending.Totals);

        await kit.AsRecognizer(s => s.Send(new ApproveCreditRequest(requestId, pd, 4.5m)).AsTask());

        var transcript = await kit.TranscriptOf(Riley);
        var line = Assert.Single(transcript.Lines);
        Assert.Equal((CreditRequestStatus.Approved, 4.5m, "PD hours", "Professional development", "Springfield Public Schools"),
            (line.Status, line.Units, line.CreditUnit, line.CreditTypeName, line.Organisation));
        var total = Assert.Single(transcript.Totals);
        Assert.Equal((4.5m, "PD hours", 1), (total.Units, total.Unit, total.Badges));

        var decided = await kit.AsRecognizer(s => s.Send(new GetCreditRequest(requestId)).AsTask());
        Assert.Equal("Rory Recognizer", decided.DecidedBy);
        Assert.NotNull(decided.DecidedAt);
        var (mail, audit) = await kit.Db("springfield", async db => (
            await db.EmailMessages.Where(m => m.To == Riley).Select(m => m.Subject + " " + m.TextBody).ToListAsync(),
            await db.AuditEntries.Where(a => a.Action == nameof(ApproveCreditRequest) || a.Action == nameof(RequestCredit)).Select(a => a.Action + " " + a.Targets).ToListAsync()));
        Assert.Contains(mail, m => m.StartsWith("Credit granted: Formative Assessment", StringComparison.Ordinal) && m.Contains("4.5 PD hours", StringComparison.Ordinal));
        Assert.Contains(audit, a => a.StartsWith(nameof(RequestCredit), StringComparison.Ordinal) && a.Contains($"CreditRequest {requestId}", StringComparison.Ordinal));
        Assert.Contains(audit, a => a.StartsWith(nameof(ApproveCreditRequest), StringComparison.Ordinal) && a.Contains($"Modified CreditRequest {requestId}", StringComparison.Ordinal));

        // Decided once: a second decision is refused.
        await Assert.ThrowsAsync<DomainException>(() => kit.AsRecognizer(s => s.Send(new DeclineCreditRequest(requestId, "Changed my mind")).AsTask()));
    }

    [Fact]
    public async Task A_revoked_badge_is_refused_with_the_issuers_reason_and_nothing_is_filed()
    {
        await kit.CreditType("Renewal", "renewal units");
        var before = await kit.RequestCount();

        var refused = await Assert.ThrowsAsync<BadgeNotCreditableException>(() => kit.AsTeacher(s => s.Send(new RequestCredit(issuer.RevokedUrl)).AsTask()));

        Assert.Equal(SnapshotVerdict.Revoked, refused.Badge.Verdict);
        Assert.Contains(BadgeIssuerServer.RevocationReason, refused.Message);
        Assert.Contains("HTTP 410", Assert.Single(refused.Badge.Checks, c => c.Name == CheckNames.Revocation && c.Outcome == "Failed").Message);
        Assert.Equal(before, await kit.RequestCount());
    }

    [Fact]
    public async Task Unverifiable_badges_are_refused_with_the_failed_checks_as_reasons()
    {
        await kit.CreditType("Hours", "hours");
        var before = await kit.RequestCount();

        var misplaced = await Assert.ThrowsAsync<BadgeNotCreditableException>(() => kit.AsTeacher(s => s.Send(new RequestCredit(issuer.MisplacedUrl)).AsTask()));
        Assert.Equal(SnapshotVerdict.Invalid, misplaced.Badge.Verdict);
        Assert.Contains(issuer.ElsewhereUrl, Assert.Single(misplaced.Badge.Checks, c => c.Name == CheckNames.AssertionId && c.Outcome == "Failed").Message);
        Assert.StartsWith("This badge could not be verified, so it cannot earn credit:", misplaced.Message);

        var tampered = await Assert.ThrowsAsync<BadgeNotCreditableException>(() =>
            kit.AsTeacher(s => s.Send(new RequestCredit(null, new BadgeFile("mine.png", issuer.TamperedPng))).AsTask()));
        Assert.Equal(SnapshotVerdict.Invalid, tampered.Badge.Verdict);
        Assert.Contains(tampered.Badge.Checks, c => c.Name == CheckNames.BakedMatchesHosted && c.Outcome == "Failed");

        var forged = await Assert.ThrowsAsync<BadgeNotCreditableException>(() => kit.AsTeacher(s => s.Send(new RequestCredit(issuer.TamperedJws)).AsTask()));
        Assert.Contains(forged.Badge.Checks, c => c.Name == CheckNames.Signature && c.Outcome == "Failed");

        var expired = await Assert.ThrowsAsync<BadgeNotCreditableException>(() => kit.AsTeacher(s => s.Send(new RequestCredit(issuer.ExpiredUrl)).AsTask()));
        Assert.Equal(SnapshotVerdict.Expired, expired.Badge.Verdict);

        var nonsense = await Assert.ThrowsAsync<BadgeNotCreditableException>(() => kit.AsTeacher(s => s.Send(new RequestCredit("my badge from last summer")).AsTask()));
        Assert.Equal("Failed", Assert.Single(nonsense.Badge.Checks, c => c.Name == CheckNames.Input).Outcome);

        var empty = await Assert.ThrowsAsync<ValidationFailedException>(() => kit.AsTeacher(s => s.Send(new RequestCredit("  ")).AsTask()));
        Assert.Equal("Badge", Assert.Single(empty.Errors).Field);
        Assert.Equal(before, await kit.RequestCount());
    }

    [Fact]
    public async Task A_baked_image_and_a_signed_badge_are_accepted_and_the_same_badge_cannot_be_asked_for_twice()
    {
        var pd = await kit.CreditType("PD", "PD hours");
        var rule = await kit.ExternalRule(pd, issuer.BadgeClassUrl, 2);

        var baked = await kit.AsTeacher(s => s.Send(new RequestCredit(null, new BadgeFile("formative.png", issuer.BakedPng))).AsTask());
        var signed = await kit.AsTeacher(s => s.Send(new RequestCredit(issuer.ValidJws)).AsTask());
        Assert.NotEqual(baked, signed);
        var views = await kit.AsRecognizer(async s => new[] { await s.Send(new GetCreditRequest(baked)), await s.Send(new GetCreditRequest(signed)) });
        Assert.Equal(["File", "Jws"], views.Select(v => v.Badge.SourceKind));
        Assert.All(views, v => Assert.Contains(v.Matches, m => m.RuleId == rule && m.Units == 2));

        // The baked image is the hosted assertion again: already waiting for a decision.
        var again = await Assert.ThrowsAsync<DomainException>(() => kit.AsTeacher(s => s.Send(new RequestCredit(issuer.ValidUrl)).AsTask()));
        Assert.Contains("already asked", again.Message);

        // After a decline the teacher may ask again.
        await kit.AsRecognizer(s => s.Send(new DeclineCreditRequest(baked, "Send the transcript from the academy too.")).AsTask());
        var declined = Assert.Single((await kit.TranscriptOf(RecognitionKit.Teacher)).Lines, l => l.Id == baked);
        Assert.Equal((CreditRequestStatus.Declined, "Send the transcript from the academy too."), (declined.Status, declined.DeclineReason));
        await kit.AsTeacher(s => s.Send(new RequestCredit(issuer.ValidUrl)).AsTask());
    }

    [Fact]
    public async Task Units_must_be_positive_with_at_most_two_decimals_and_a_decline_needs_a_reason()
    {
        var pd = await kit.CreditType("Units check", "hours");

        var negative = await Assert.ThrowsAsync<ValidationFailedException>(() => kit.ExternalRule(pd, issuer.BadgeClassUrl, -3));
        Assert.Equal(("Units", "Units must be more than 0 (for example 3 or 1.5)."), (negative.Errors[0].Field, negative.Errors[0].Message));
        await Assert.ThrowsAsync<ValidationFailedException>(() => kit.ExternalRule(pd, issuer.BadgeClassUrl, 0));
        // The validator asks the domain's rule, so the form refuses three decimals as the entity would.
        var decimals = await Assert.ThrowsAsync<ValidationFailedException>(() => kit.ExternalRule(pd, issuer.BadgeClassUrl, 1.125m));
        Assert.Equal(("Units", "Use at most two decimals (for example 1.25)."), (decimals.Errors[0].Field, decimals.Errors[0].Message));
        var url = await Assert.ThrowsAsync<ValidationFailedException>(() => kit.ExternalRule(pd, "ftp://example.org/badge", 1));
        Assert.Equal("BadgeClassUrl", url.Errors[0].Field);
        Assert.Equal(0, await kit.Db("springfield", db => db.RecognitionRules.CountAsync(r => r.CreditTypeId == pd)));

        await kit.ExternalRule(pd, issuer.BadgeClassUrl, 1);
        var requestId = await kit.AsTeacher(s => s.Send(new RequestCredit(issuer.ValidUrl)).AsTask(), "pat.rivera@springfield.test");
        var approve = await Assert.ThrowsAsync<ValidationFailedException>(() => kit.AsRecognizer(s => s.Send(new ApproveCreditRequest(requestId, pd, -1)).AsTask()));
        Assert.Equal("Units", approve.Errors[0].Field);
        var decline = await Assert.ThrowsAsync<ValidationFailedException>(() => kit.AsRecognizer(s => s.Send(new DeclineCreditRequest(requestId, " ")).AsTask()));
        Assert.Equal("Reason", decline.Errors[0].Field);
        Assert.Equal(CreditRequestStatus.Pending, (await kit.AsRecognizer(s => s.Send(new GetCreditRequest(requestId)).AsTask())).Status);
    }

    [Fact]
    public async Task A_rule_for_our_credential_does_not_match_another_issuers_badge_class_that_copies_its_criteria_url()
    {
        var pd = await kit.CreditType("Ours", "PD hours");
        var catalog = await kit.AsRecognizer(s => s.Send(new GetRecognizableBadges("springfield")).AsTask());
        var credential = catalog.Credentials[0];
        await kit.AsRecognizer(s => s.Send(new AddRecognitionRule(RuleTarget.Credential, pd, 6, SourceDistrict: "springfield", ItemId: credential.Id)).AsTask());
        var criteria = new Uri(fixture.BaseAddress, $"springfield/credentials/{credential.Id}").ToString();

        var copy = RecognitionKit.ServeBadgeWithCriteria(issuer, credential.Name, criteria, RecognitionKit.Teacher);
        var requestId = await kit.AsTeacher(s => s.Send(new RequestCredit(copy)).AsTask());

        var view = await kit.AsRecognizer(s => s.Send(new GetCreditRequest(requestId)).AsTask());
        Assert.Equal(SnapshotVerdict.Valid, view.Badge.Verdict);
        Assert.Equal(criteria, view.Badge.CriteriaId);
        Assert.True(view.Badge.RecipientMatches);
        Assert.Empty(view.Matches); // served by another origin: not our badge, whatever its criteria say
    }

    [Fact]
    public async Task Only_organisations_with_credit_types_are_listed_and_asked()
    {
        var listed = await kit.AsTeacher(s => s.Send(new ListRecognizers()).AsTask());
        Assert.DoesNotContain(listed, r => r.Slug == "shelbyville");
        Assert.Contains(listed, r => r.Slug == "state-board");
        await Assert.ThrowsAsync<NotFoundException>(() => kit.As(RecognitionKit.Teacher, "shelbyville", s => s.Send(new RequestCredit(issuer.ValidUrl)).AsTask()));

        await kit.As(RecognitionKit.OtherRecognizer, "shelbyville", s => s.Send(new DefineCreditType("Salary lane", "credits")).AsTask());
        Assert.Contains(await kit.AsTeacher(s => s.Send(new ListRecognizers()).AsTask()), r => r.Slug == "shelbyville");
    }
}

/// <summary>Badges of this platform match rules for its credentials by their criteria URL (the platform's address is a local issuer's here).</summary>
public sealed class PlatformBadgeMatchingTests(PlatformOriginFixture fixture) : IClassFixture<PlatformOriginFixture>
{
    private readonly RecognitionKit kit = new(fixture);

    [Fact]
    public async Task A_badge_class_served_by_the_platform_with_a_credentials_criteria_url_matches_that_credentials_rule_only()
    {
        var pd = await kit.CreditType();
        var renewal = await kit.CreditType("Renewal", "renewal units");
        var catalog = await kit.AsRecognizer(s => s.Send(new GetRecognizableBadges("springfield")).AsTask());
        var (first, second) = (catalog.Credentials[0], catalog.Credentials[1]);
        var ruleId = await kit.AsRecognizer(s => s.Send(new AddRecognitionRule(RuleTarget.Credential, pd, 12, SourceDistrict: "springfield", ItemId: first.Id)).AsTask());
        var both = await kit.AsRecognizer(s => s.Send(new AddRecognitionRule(RuleTarget.Credential, renewal, 1, SourceDistrict: "springfield", ItemId: first.Id)).AsTask());
        await kit.AsRecognizer(s => s.Send(new AddRecognitionRule(RuleTarget.Credential, pd, 8, SourceDistrict: "springfield", ItemId: second.Id)).AsTask());
        var stack = catalog.Stacks[0];
        await kit.AsRecognizer(s => s.Send(new AddRecognitionRule(RuleTarget.Stack, pd, 20, SourceDistrict: "springfield", ItemId: stack.Id)).AsTask());
        await kit.AsRecognizer(s => s.Send(new SetRuleActive(both, false)).AsTask());

        var rules = await kit.AsRecognizer(s => s.Send(new GetRecognitionRules()).AsTask());
        var criteria = Assert.Single(rules.Rules, r => r.Id == ruleId).Url!;
        Assert.Equal(fixture.Issuer.Url($"springfield/credentials/{first.Id}"), criteria);
        Assert.Equal($"{first.Name} (Springfield Public Schools)", Assert.Single(rules.Rules, r => r.Id == ruleId).DisplayName);

        var badge = RecognitionKit.ServeBadgeWithCriteria(fixture.Issuer, first.Name, criteria, RecognitionKit.Teacher);
        var requestId = await kit.AsTeacher(s => s.Send(new RequestCredit(badge)).AsTask());

        var view = await kit.AsRecognizer(s => s.Send(new GetCreditRequest(requestId)).AsTask());
        var match = Assert.Single(view.Matches); // the inactive rule for the same credential does not match
        Assert.Equal((ruleId, 12m), (match.RuleId, match.Units));

        var stackBadge = RecognitionKit.ServeBadgeWithCriteria(fixture.Issuer, stack.Name, fixture.Issuer.Url($"springfield/stacks/{stack.Id}/"), RecognitionKit.Teacher);
        var stackRequest = await kit.AsTeacher(s => s.Send(new RequestCredit(stackBadge)).AsTask());
        Assert.Equal(20m, Assert.Single((await kit.AsRecognizer(s => s.Send(new GetCreditRequest(stackRequest)).AsTask())).Matches).Units);
    }

    [Fact]
    public async Task A_rule_needs_a_published_item_of_the_chosen_district()
    {
        var pd = await kit.CreditType("Check", "hours");
        var shelbyville = await kit.AsRecognizer(s => s.Send(new GetRecognizableBadges("shelbyville")).AsTask());
        var springfieldItem = (await kit.AsRecognizer(s => s.Send(new GetRecognizableBadges("springfield")).AsTask())).Credentials[0];
        Assert.DoesNotContain(shelbyville.Credentials, c => c.Id == springfieldItem.Id);

        var wrongDistrict = await Assert.ThrowsAsync<DomainException>(() => kit.AsRecognizer(s =>
            s.Send(new AddRecognitionRule(RuleTarget.Credential, pd, 2, SourceDistrict: "shelbyville", ItemId: springfieldItem.Id)).AsTask()));
        Assert.Equal("ItemId", wrongDistrict.Field);
        await Assert.ThrowsAsync<DomainException>(() => kit.AsRecognizer(s =>
            s.Send(new AddRecognitionRule(RuleTarget.Credential, pd, 2, SourceDistrict: "nowhere", ItemId: springfieldItem.Id)).AsTask()));
        await Assert.ThrowsAsync<NotFoundException>(() => kit.AsRecognizer(s => s.Send(new GetRecognizableBadges("nowhere")).AsTask()));
    }
}
