using MicroCred.Domain.Common;
using MicroCred.Domain.Tenancy;

namespace MicroCred.UnitTests.Tenancy;

/// <summary>The district's own onboarding state: the checklist put away once, the Admins' attention email once a day.</summary>
public sealed class DistrictStateTests
{
    private static readonly DateTimeOffset Now = new(2026, 12, 7, 23, 30, 0, TimeSpan.Zero);

    private static District NewDistrict() => District.SignUp("Ogden Valley Schools", "ogden-valley", "Ogden Valley School District", null, "pd@ogden.example.org", Now.AddDays(-3));

    [Fact]
    public void The_attention_email_goes_at_most_once_per_day_and_again_the_next_day()
    {
        var district = NewDistrict();
        Assert.True(district.MayEmailAttention(Now));
        district.AttentionEmailed(Now);
        Assert.False(district.MayEmailAttention(Now.AddMinutes(29))); // 23:59 the same day
        Assert.Throws<DomainException>(() => district.AttentionEmailed(Now.AddMinutes(10)));
        Assert.True(district.MayEmailAttention(Now.AddMinutes(31))); // 00:01 the next day
        district.AttentionEmailed(Now.AddMinutes(31));
        Assert.Equal(new DateOnly(2026, 12, 8), district.AttentionEmailedOn);
    }

    [Fact]
    public void The_checklist_is_put_away_once()
    {
        var district = NewDistrict();
        Assert.Null(district.GettingStartedDismissedAt);
        district.DismissGettingStarted(Now);
        Assert.Equal(Now, district.GettingStartedDismissedAt);
        Assert.Throws<DomainException>(() => district.DismissGettingStarted(Now.AddHours(1)));
    }
}
