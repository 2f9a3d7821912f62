using MicroCred.Domain.Common;
using MicroCred.Domain.Issuing;
using MicroCred.OpenBadges;

namespace MicroCred.UnitTests.Issuing;

public sealed class AssertionRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 16, 30, 45, 123, TimeSpan.Zero);
    private static readonly Guid District = Guid.NewGuid();
    private static readonly BadgeRecipient Erin = new(Guid.NewGuid(), "Erin.Earner@Springfield.test ", "Erin Earner");
    private static readonly BadgeSubject Discourse = BadgeSubject.Credential(Guid.NewGuid(), Guid.NewGuid(), "Accountable Talk", 24);

    private static Assertion Hosted(BadgeSubject? subject = null, DateTimeOffset? issuedOn = null, string? evidence = null) =>
        Assertion.Issue(District, Erin, subject ?? Discourse, null, "Scored proficient on every criterion.", evidence,
            BadgeVerification.Hosted, null, Guid.NewGuid(), Now, issuedOn);

    [Fact]
    public void Issuing_hashes_the_lowercased_email_with_a_fresh_salt_the_Open_Badges_way()
    {
        var a = Hosted();
        var b = Hosted();
        Assert.NotEqual(a.Salt, b.Salt);
        Assert.NotEqual(a.IdentityHash, b.IdentityHash);
        Assert.Equal(32, a.Salt.Length);
        Assert.Equal(Recipient.HashedEmail("erin.earner@springfield.test", a.Salt).Identity, a.IdentityHash);
        Assert.True(new Recipient(Recipient.EmailType, a.IdentityHash, true, a.Salt).Matches("ERIN.EARNER@springfield.test"));
        Assert.True(a.IsFor(" erin.earner@SPRINGFIELD.test"));
        Assert.False(a.IsFor("someone.else@springfield.test"));
        Assert.False(a.IsFor(""));
        Assert.Equal("erin.earner@springfield.test", a.RecipientEmail);
        // The hash is the library's formula: sha256$ + hex(sha256(email + salt)).
        Assert.Equal(Recipient.Sha256Identity("erin.earner@springfield.test", a.Salt), a.IdentityHash);
    }

    [Fact]
    public void Expiry_follows_the_validity_period_and_dates_have_second_precision()
    {
        var a = Hosted();
        Assert.Equal(new DateTimeOffset(2026, 11, 23, 16, 30, 45, TimeSpan.Zero), a.IssuedOn);
        Assert.Equal(a.IssuedOn.AddMonths(24), a.Expires);
        Assert.Null(Hosted(BadgeSubject.Credential(Guid.NewGuid(), Guid.NewGuid(), "Forever", null)).Expires);
        Assert.Null(Hosted(BadgeSubject.Stack(Guid.NewGuid(), "Discourse stack")).Expires);

        Assert.Equal(AssertionStatus.Valid, a.StatusAt(Now));
        Assert.Equal(AssertionStatus.Expired, a.StatusAt(a.Expires!.Value));
        var old = Hosted(issuedOn: Now.AddMonths(-30));
        Assert.Equal(AssertionStatus.Expired, old.StatusAt(Now));
        Assert.Equal("IssuedOn", Assert.Throws<DomainException>(() => Hosted(issuedOn: Now.AddDays(1))).Field);
    }

    [Fact]
    public void A_badge_is_for_exactly_one_version_or_stack_to_a_valid_email()
    {
        Assert.Throws<DomainException>(() => Hosted(new BadgeSubject(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), "Both", null)));
        Assert.Throws<DomainException>(() => Hosted(new BadgeSubject(null, null, null, "Neither", null)));
        Assert.Throws<DomainException>(() => Assertion.Issue(District, Erin with { Email = "not-an-email" }, Discourse, null, null, null,
            BadgeVerification.Hosted, null, null, Now));
        Assert.Throws<DomainException>(() => Hosted(evidence: "javascript:alert(1)"));
        Assert.Equal("https://evidence.example.org/erin", Hosted(evidence: "https://evidence.example.org/erin").EvidenceUrl);
    }

    [Fact]
    public void Revoking_needs_a_reason_happens_once_and_says_revoked()
    {
        var a = Hosted();
        Assert.Equal("Reason", Assert.Throws<DomainException>(() => a.Revoke("  ", null, Now)).Field);
        Assert.False(a.IsRevoked);
        a.Revoke("Issued to the wrong teacher.", Guid.NewGuid(), Now.AddHours(1));
        Assert.True(a.IsRevoked);
        Assert.Equal("Issued to the wrong teacher.", a.RevocationReason);
        Assert.Equal(AssertionStatus.Revoked, a.StatusAt(Now.AddHours(2)));
        Assert.Contains("already revoked", Assert.Throws<DomainException>(() => a.Revoke("Again", null, Now)).Message);
        Assert.Throws<DomainException>(() => a.ShareEvidence("https://example.org/evidence"));
    }

    [Fact]
    public void A_signed_badge_names_its_key_and_a_hosted_one_none()
    {
        Assert.Throws<DomainException>(() => Assertion.Issue(District, Erin, Discourse, null, null, null, BadgeVerification.Signed, null, null, Now));
        Assert.Throws<DomainException>(() => Assertion.Issue(District, Erin, Discourse, null, null, null, BadgeVerification.Hosted, Guid.NewGuid(), null, Now));
        var key = Guid.NewGuid();
        var signed = Assertion.Issue(District, Erin, Discourse, null, null, null, BadgeVerification.Signed, key, null, Now);
        Assert.True(signed.IsSigned);
        Assert.Equal(key, signed.SigningKeyId);
        Assert.False(Hosted().IsSigned);
    }

    [Fact]
    public void Evidence_and_the_name_are_shown_only_when_the_teacher_chooses()
    {
        var a = Hosted();
        Assert.Null(a.EvidenceUrl);
        Assert.False(a.ShowRecipientName);
        a.ShareEvidence("https://evidence.example.org/erin");
        a.ShowName(true);
        Assert.Equal("https://evidence.example.org/erin", a.EvidenceUrl);
        Assert.True(a.ShowRecipientName);
        a.HideEvidence();
        Assert.Null(a.EvidenceUrl);
    }

    [Fact]
    public void A_renewal_reminder_is_recorded_once_and_only_for_a_valid_badge_expiring_within_the_window()
    {
        var window = TimeSpan.FromDays(90);
        var soon = Hosted(issuedOn: Now.AddMonths(-23)); // expires in about a month
        Assert.Throws<DomainException>(() => Hosted().RemindOfRenewal(window, Now)); // two years away
        Assert.Throws<DomainException>(() => Hosted(BadgeSubject.Credential(Guid.NewGuid(), Guid.NewGuid(), "Forever", null)).RemindOfRenewal(window, Now));
        Assert.Throws<DomainException>(() => Hosted(issuedOn: Now.AddMonths(-30)).RemindOfRenewal(window, Now)); // already expired
        var revoked = Hosted(issuedOn: Now.AddMonths(-23));
        revoked.Revoke("Issued in error.", null, Now);
        Assert.Throws<DomainException>(() => revoked.RemindOfRenewal(window, Now));

        soon.RemindOfRenewal(window, Now);
        Assert.Equal(Now, soon.RenewalRemindedAt);
        Assert.Throws<DomainException>(() => soon.RemindOfRenewal(window, Now.AddDays(1)));
    }

    [Fact]
    public void Rotating_retires_a_key_once_and_keeps_it()
    {
        var key = IssuerKey.Create(District, "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----", "protected", Now);
        Assert.True(key.IsActive);
        key.Retire(Now.AddDays(1));
        Assert.False(key.IsActive);
        Assert.Equal(Now.AddDays(1), key.RetiredAt);
        Assert.Throws<DomainException>(() => key.Retire(Now.AddDays(2)));
        Assert.Throws<DomainException>(() => IssuerKey.Create(District, "not pem", "protected", Now));
    }
}
