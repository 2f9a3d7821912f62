using MicroCred.Application.Features.Issuing;
using MicroCred.Application.Features.Recognition;
using MicroCred.Domain.Common;
using MicroCred.Domain.Design;
using MicroCred.Domain.Recognition;

namespace MicroCred.UnitTests.Application;

/// <summary>Validators and entities ask one definition of each rule, so a form never accepts what the domain refuses (or the reverse).</summary>
public sealed class RuleAgreementTests
{
    public static TheoryData<decimal> Units => [-1m, 0m, 0.01m, 1.5m, 1.255m, 3m, 999.99m, 1000m, 1000.01m];

    [Theory]
    [MemberData(nameof(Units))]
    public void Every_credit_units_validator_refuses_exactly_what_the_domain_refuses(decimal units)
    {
        var domain = Record.Exception(() => CreditUnits.Check(units))?.Message;
        string?[] validators =
        [
            new ApproveCreditRequestValidator().Validate(new ApproveCreditRequest(Guid.NewGuid(), Guid.NewGuid(), units)).Errors.SingleOrDefault()?.ErrorMessage,
            new ChangeRuleCreditValidator().Validate(new ChangeRuleCredit(Guid.NewGuid(), Guid.NewGuid(), units)).Errors.SingleOrDefault()?.ErrorMessage,
        ];
        Assert.All(validators, message => Assert.Equal(domain, message));
    }

    [Fact]
    public void Missing_credit_units_are_asked_for()
    {
        var errors = new ApproveCreditRequestValidator().Validate(new ApproveCreditRequest(Guid.NewGuid(), Guid.NewGuid(), null)).Errors;
        Assert.Equal("Enter how many units to grant.", Assert.Single(errors).ErrorMessage);
    }

    [Theory]
    [InlineData("https://example.org/evidence", true)]
    [InlineData("  http://example.org/a?b=c  ", true)]
    [InlineData("ftp://example.org/file", false)]
    [InlineData("javascript:alert(1)", false)]
    [InlineData("example.org/no-scheme", false)]
    [InlineData("/relative/path", false)]
    public void The_web_address_validators_and_the_domain_agree(string url, bool accepted)
    {
        Assert.Equal(accepted, WebAddress.IsHttp(url));
        var validator = new IssueBadgeValidator().Validate(new IssueBadge("teacher@school.org", Guid.NewGuid(), null, url, false));
        Assert.Equal(accepted, !validator.Errors.Any(e => e.PropertyName == nameof(IssueBadge.EvidenceUrl)));
        var domain = Record.Exception(() => DesignSettings.Default(Guid.NewGuid()).UseFrameworks([new StandardsFramework("Framework", url, null)]));
        Assert.Equal(accepted, domain is null);
    }
}
