using MicroCred.Domain.Common;
using MicroCred.Domain.Evidence;

namespace MicroCred.UnitTests.Evidence;

public sealed class PlanAndRecommendationRulesTests
{
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 9, 0, 0, TimeSpan.Zero);
    private static readonly DateOnly Today = new(2026, 11, 23);

    [Fact]
    public void A_target_date_is_today_or_later_within_five_years_and_can_be_cleared()
    {
        var entry = PlanEntry.Add(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Now);
        Assert.Null(entry.TargetDate);

        var past = Assert.Throws<DomainException>(() => entry.Target(Today.AddDays(-1), Now));
        Assert.Equal(("Choose a target date from today on, or leave it empty.", "TargetDate"), (past.Message, past.Field));
        Assert.Throws<DomainException>(() => entry.Target(Today.AddYears(6), Now));

        entry.Target(Today, Now);
        Assert.Equal(Today, entry.TargetDate);
        // A date that has since passed may be kept as it is (saving the plan again does not fail), and cleared.
        entry.Target(Today, Now.AddDays(3));
        entry.Target(null, Now.AddDays(3));
        Assert.Null(entry.TargetDate);
    }

    [Fact]
    public void A_target_date_is_due_soon_within_the_window_or_when_passed()
    {
        var entry = PlanEntry.Add(Guid.NewGuid(), Guid.NewGuid(), Guid.NewGuid(), Now);
        Assert.False(entry.IsDueWithin(14, Now));
        entry.Target(Today.AddDays(14), Now);
        Assert.True(entry.IsDueWithin(14, Now));
        Assert.False(entry.IsDueWithin(13, Now));
        Assert.True(entry.IsDueWithin(0, Now.AddDays(20)));
    }

    [Fact]
    public void A_recommendation_reaches_everyone_or_one_school_until_withdrawn()
    {
        var school = Guid.NewGuid();
        var everyone = CredentialRecommendation.Make(Guid.NewGuid(), Guid.NewGuid(), null, "  Our focus  ", Guid.NewGuid(), Now);
        var oneSchool = CredentialRecommendation.Make(Guid.NewGuid(), Guid.NewGuid(), school, " ", Guid.NewGuid(), Now);
        Assert.Equal("Our focus", everyone.Note);
        Assert.Null(oneSchool.Note);
        Assert.True(everyone.Reaches(null));
        Assert.True(everyone.Reaches(school));
        Assert.True(oneSchool.Reaches(school));
        Assert.False(oneSchool.Reaches(Guid.NewGuid()));
        Assert.False(oneSchool.Reaches(null));

        oneSchool.Withdraw(Now);
        Assert.False(oneSchool.Reaches(school));
        Assert.Equal("This recommendation was already withdrawn.", Assert.Throws<DomainException>(() => oneSchool.Withdraw(Now)).Message);
        Assert.Throws<DomainException>(() => CredentialRecommendation.Make(Guid.NewGuid(), Guid.NewGuid(), null, new string('x', 501), Guid.NewGuid(), Now));
    }
}
