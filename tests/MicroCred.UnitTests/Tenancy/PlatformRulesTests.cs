using MicroCred.Domain.Common;
using MicroCred.Domain.Issuing;
using MicroCred.Domain.Tenancy;

namespace MicroCred.UnitTests.Tenancy;

/// <summary>An unverified district's daily cap, suspension, and claiming a badge issued to an email.</summary>
public sealed class PlatformRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 23, 30, 0, TimeSpan.Zero);

    private static District NewDistrict() => District.SignUp("Ogden Valley Schools", "ogden-valley", "Ogden Valley School District", null, "pd@ogden.example.org", Now);

    [Fact]
    public void An_unverified_district_sends_up_to_the_cap_per_UTC_day_counts_what_it_held_back_and_a_verified_one_is_not_capped()
    {
        var district = NewDistrict();
        Assert.False(district.IsVerified);
        Assert.Equal([true, true, false, false], Enumerable.Range(0, 4).Select(_ => district.TrySendOutsideEmail(Now, 2)));
        Assert.Equal(2, district.OutsideEmailsSentOn(Now));
        Assert.Equal(2, district.OutsideEmailsHeldOn(Now));
        // Midnight UTC starts a new day.
        Assert.True(district.TrySendOutsideEmail(Now.AddMinutes(31), 2));
        Assert.Equal(0, district.OutsideEmailsHeldOn(Now.AddMinutes(31)));

        district.Verify(Now);
        Assert.Throws<DomainException>(() => district.Verify(Now));
        Assert.All(Enumerable.Range(0, 10), _ => Assert.True(district.TrySendOutsideEmail(Now.AddMinutes(40), 2)));
    }

    [Fact]
    public void A_suspension_needs_a_reason_and_is_lifted_once()
    {
        var district = NewDistrict();
        Assert.Equal("Reason", Assert.Throws<DomainException>(() => district.Suspend(" ", Now)).Field);
        district.Suspend("Phishing reports.", Now);
        Assert.True(district.IsSuspended);
        Assert.Throws<DomainException>(() => district.Suspend("Again.", Now));
        district.Unsuspend();
        Assert.False(district.IsSuspended);
        Assert.Null(district.SuspensionReason);
        Assert.Throws<DomainException>(district.Unsuspend);
    }

    [Fact]
    public void A_badge_issued_to_an_email_is_claimed_only_by_that_address_once_and_its_link_expires()
    {
        var assertion = Assertion.Issue(Guid.NewGuid(), new BadgeRecipient(null, "Dana@Example.net", "Dana"),
            BadgeSubject.Credential(Guid.NewGuid(), Guid.NewGuid(), "Going Public", null), null, null, null, BadgeVerification.Hosted, null, null, Now);
        Assert.False(assertion.IsClaimed);
        Assert.Throws<DomainException>(() => assertion.ClaimBy(Guid.NewGuid(), "someone.else@example.net"));
        var dana = Guid.NewGuid();
        assertion.ClaimBy(dana, " DANA@example.net ");
        Assert.Equal(dana, assertion.RecipientId);
        Assert.Throws<DomainException>(() => assertion.ClaimBy(Guid.NewGuid(), "dana@example.net"));

        var claim = BadgeClaim.Open(Guid.NewGuid(), assertion.Id, "dana@example.net", "hash", emailed: true, Now);
        Assert.Contains("expired", Assert.Throws<DomainException>(() => claim.Use(dana, Now.AddDays(BadgeClaim.ValidDays))).Message);
        claim.Use(dana, Now.AddDays(1));
        Assert.Contains("already been used", Assert.Throws<DomainException>(() => claim.Use(dana, Now.AddDays(2))).Message);
    }
}
