using MicroCred.Domain.Common;
using MicroCred.Domain.Tenancy;

namespace MicroCred.UnitTests.Tenancy;

public sealed class DistrictSlugTests
{
    [Theory]
    [InlineData("springfield")]
    [InlineData("d-12")]
    [InlineData("abc")]
    [InlineData("a234567890123456789012345678901234567890")]
    public void Accepts_lowercase_letters_digits_and_single_hyphens(string slug) => Assert.Null(DistrictSlug.Problem(slug));

    [Theory]
    [InlineData("ab", "3 to 40")]
    [InlineData("a2345678901234567890123456789012345678901", "3 to 40")]
    [InlineData("Springfield", "lowercase")]
    [InlineData("spring field", "lowercase")]
    [InlineData("-spring", "lowercase")]
    [InlineData("spring-", "lowercase")]
    [InlineData("spring--field", "single hyphens")]
    [InlineData("école", "lowercase")]
    [InlineData("", "Choose")]
    public void Refuses_badly_shaped_slugs_with_a_reason(string slug, string reason) =>
        Assert.Contains(reason, DistrictSlug.Problem(slug));

    [Theory]
    [InlineData("public")]
    [InlineData("verify")]
    [InlineData("signup")]
    [InlineData("account")]
    [InlineData("health")]
    [InlineData("admin")]
    [InlineData("api")]
    public void Refuses_reserved_words(string slug)
    {
        Assert.Contains("reserved", DistrictSlug.Problem(slug));
        var refusal = Assert.Throws<DomainException>(() => DistrictSlug.Validate(slug));
        Assert.Equal("Slug", refusal.Field);
    }

    [Fact]
    public void Suggests_a_slug_from_a_name() =>
        Assert.Equal("springfield-public-schools", DistrictSlug.Suggest("  Springfield Public  Schools! "));
}
