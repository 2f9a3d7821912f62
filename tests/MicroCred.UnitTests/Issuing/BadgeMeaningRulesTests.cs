using MicroCred.Domain.Assessment;
using MicroCred.Domain.Common;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Issuing;
using MicroCred.Domain.Recognition;
using MicroCred.UnitTests.Assessment;

namespace MicroCred.UnitTests.Issuing;

/// <summary>The domain rules behind what a badge means (issue 14): issuer conflicts, overrides, basis, rescinded credit.</summary>
public sealed class BadgeMeaningRulesTests
{
    private static readonly DateTimeOffset Now = World.Now;
    private static readonly BadgeRecipient Erin = new(Guid.NewGuid(), "erin@springfield.test", "Erin Earner");
    private static readonly BadgeSubject Talk = BadgeSubject.Credential(Guid.NewGuid(), Guid.NewGuid(), "Accountable Talk", null);

    [Fact]
    public void An_issuer_is_refused_for_themselves_a_declared_conflict_and_their_own_school_when_the_district_forbids_it()
    {
        var w = new World(forbidSameSchool: true);
        var school = Guid.NewGuid();
        w.Schools[w.Ann] = school;
        w.Schools[w.Earner] = school;
        w.Conflicts.Add(ConflictDeclaration.Declare(w.District, w.Ben, w.Earner, "My neighbour.", Now));
        var pool = w.Pool();

        Ineligibility? Refusal(Guid issuer)
        {
            try { pool.EnsureMayIssue(issuer, w.Earner, "Email"); return null; }
            catch (IssuerRefusedException e) { Assert.Equal("Email", e.Field); return e.Reason; }
        }
        Assert.Equal(Ineligibility.OwnSubmission, Refusal(w.Earner));
        Assert.Equal(Ineligibility.SameSchool, Refusal(w.Ann));
        Assert.Equal(Ineligibility.DeclaredConflict, Refusal(w.Ben));
        Assert.Null(Refusal(w.Cy));
        Assert.Contains("themselves", ConflictOfInterest.DescribeForIssuer(Ineligibility.OwnSubmission));
    }

    [Fact]
    public void Awarding_against_a_not_yet_recommendation_needs_a_reason_and_is_flagged()
    {
        var w = new World();
        var refused = w.Submitted();
        refused.StartReview(Now);
        refused.MarkScored(Now);
        var error = Assert.Throws<DomainException>(() => refused.Award("  ", Now, againstRecommendation: true));
        Assert.Equal("Note", error.Field);
        Assert.Equal(SubmissionStatus.Scored, refused.Status);

        refused.Award("Scored against the retired rubric; meets the current one.", Now, againstRecommendation: true);
        Assert.True(refused.AwardedAgainstRecommendation);

        var plain = w.Submitted();
        plain.StartReview(Now);
        plain.MarkScored(Now);
        plain.Award(null, Now);
        Assert.False(plain.AwardedAgainstRecommendation);
    }

    [Fact]
    public void A_badge_records_its_basis_and_one_without_assessment_cannot_claim_it()
    {
        Assertion Issue(BadgeSubject subject, Guid? submission, AwardBasis? basis) =>
            Assertion.Issue(Guid.NewGuid(), Erin, subject, submission, null, null, BadgeVerification.Hosted, null, null, Now, basis: basis);

        Assert.Equal(AwardBasis.Assessment, Issue(Talk, Guid.NewGuid(), null).Basis);
        Assert.Equal(AwardBasis.Stack, Issue(BadgeSubject.Stack(Guid.NewGuid(), "Pathway"), null, null).Basis);
        Assert.Equal(AwardBasis.PriorLearning, Issue(Talk, null, null).Basis);
        Assert.Equal(AwardBasis.Migrated, Issue(Talk, null, AwardBasis.Migrated).Basis);
        Assert.Throws<DomainException>(() => Issue(Talk, null, AwardBasis.Assessment));
        Assert.Throws<DomainException>(() => Issue(Talk, Guid.NewGuid(), AwardBasis.PriorLearning));

        Assert.True(AwardBasis.Stack.IsAssessed());
        Assert.False(AwardBasis.Migrated.IsAssessed());
        Assert.Null(AwardBasis.Assessment.Explanation());
        Assert.StartsWith("Migrated from another system", AwardBasis.Migrated.Explanation());
    }

    [Fact]
    public void Granted_credit_is_rescinded_with_a_reason_and_keeps_what_was_granted_and_a_rule_can_require_assessed_badges()
    {
        var board = Guid.NewGuid();
        var type = CreditType.Define(board, "Renewal", "units", Now);
        var badge = new BadgeSnapshot(SnapshotVerdict.Valid, "Url", "https://microcred.example/public/assertions/1", Now, []) { AssertionId = "https://microcred.example/public/assertions/1" };
        var request = CreditRequest.Submit(board, Guid.NewGuid(), badge, [], [], null, Now);
        Assert.Throws<DomainException>(() => request.Rescind("Revoked.", Now)); // nothing granted yet
        Assert.Throws<BadgeNotCreditableException>(() => request.Approve(type, 2, Guid.NewGuid(), Now, badge with { Verdict = SnapshotVerdict.Revoked }));
        Assert.True(request.IsPending);
        // A swapped badge behind the same address is not the badge asked about.
        Assert.Throws<DomainException>(() => request.Approve(type, 2, Guid.NewGuid(), Now, badge with { AssertionId = "https://elsewhere.example/assertions/9" }));
        Assert.True(request.IsPending);

        request.Approve(type, 2, Guid.NewGuid(), Now, badge with { VerifiedAt = Now.AddDays(1) });
        Assert.Equal(Now.AddDays(1), request.Badge.VerifiedAt); // the report it was granted on
        Assert.Throws<DomainException>(() => request.Rescind(" ", Now));
        request.Rescind("The badge was revoked by its issuer: wrong teacher.", Now.AddDays(2));
        Assert.Equal((CreditRequestStatus.Rescinded, 2m, Now.AddDays(2)), (request.Status, request.Units, request.RescindedAt));
        Assert.Throws<DomainException>(() => request.Rescind("Again.", Now));

        var rule = RecognitionRule.ForExternalBadge(board, "https://issuer.example/badges/talk", "Talk", type, 1, Now);
        Assert.True(RuleMatching.Matches(rule, new Uri("https://microcred.example/"), "https://issuer.example/badges/talk", null, "Prior learning recognised"));
        rule.RequireAssessed(true, Now);
        Assert.False(RuleMatching.Matches(rule, new Uri("https://microcred.example/"), "https://issuer.example/badges/talk", null, "Prior learning recognised"));
        Assert.True(RuleMatching.Matches(rule, new Uri("https://microcred.example/"), "https://issuer.example/badges/talk", null));
    }
}
