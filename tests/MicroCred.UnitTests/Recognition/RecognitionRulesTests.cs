using MicroCred.Application.Common;
using MicroCred.Domain.Common;
using MicroCred.Domain.Recognition;

namespace MicroCred.UnitTests.Recognition;

public sealed class RecognitionRulesTests
{
    private static readonly Guid Board = Guid.NewGuid();
    private static readonly Guid Teacher = Guid.NewGuid();
    private static readonly DateTimeOffset Now = new(2026, 11, 1, 12, 0, 0, TimeSpan.Zero);
    private static readonly Uri Platform = new("https://microcred.example/");

    private static CreditType Hours() => CreditType.Define(Board, "Professional development", "PD hours", Now);

    private static BadgeSnapshot Badge(SnapshotVerdict verdict = SnapshotVerdict.Valid, string assertion = "https://issuer.example/a/1") =>
        new(verdict, "Url", assertion, Now, [new SnapshotCheck("assertion-id", verdict == SnapshotVerdict.Invalid ? "Failed" : "Passed", "The id differs from the URL.")])
        {
            AssertionId = assertion, BadgeName = "Formative Assessment", RevocationReason = verdict == SnapshotVerdict.Revoked ? "Issued in error." : null,
        };

    [Theory]
    [InlineData(-1)]
    [InlineData(0)]
    [InlineData(1000.01)]
    [InlineData(1.005)]
    public void Units_outside_the_range_or_with_more_than_two_decimals_are_refused(double units)
    {
        var refused = Assert.Throws<DomainException>(() => CreditUnits.Check((decimal)units));
        Assert.Equal("Units", refused.Field);
        Assert.Equal(1.25m, CreditUnits.Check(1.25m));
    }

    [Fact]
    public void An_external_rule_matches_its_badge_class_url_only_and_not_by_prefix()
    {
        var rule = RecognitionRule.ForExternalBadge(Board, "https://Issuer.example/badges/formative/", "Formative", Hours(), 3, Now);

        Assert.True(RuleMatching.Matches(rule, Platform, "https://issuer.example/badges/formative", null));
        Assert.True(RuleMatching.Matches(rule, Platform, "https://issuer.example/badges/formative#badge", null));
        Assert.False(RuleMatching.Matches(rule, Platform, "https://issuer.example/badges/formative-2", null));
        Assert.False(RuleMatching.Matches(rule, Platform, "https://other.example/x", "https://issuer.example/badges/formative"));
        rule.Deactivate(Now);
        Assert.False(RuleMatching.Matches(rule, Platform, "https://issuer.example/badges/formative", null));
    }

    [Fact]
    public void A_rule_for_our_credential_needs_our_badge_class_and_the_credentials_page_as_criteria()
    {
        var credential = Guid.NewGuid();
        var rule = RecognitionRule.ForPlatformBadge(Board, RuleTarget.Credential, Guid.NewGuid(), "springfield", credential, "Wait Time", Hours(), 6, Now);
        var criteria = $"https://microcred.example/springfield/credentials/{credential}";

        Assert.Equal(criteria, RuleMatching.UrlOf(rule, Platform));
        Assert.True(RuleMatching.Matches(rule, Platform, "https://microcred.example/public/badges/123", criteria));
        Assert.False(RuleMatching.Matches(rule, Platform, "https://copycat.example/badges/123", criteria));
        Assert.False(RuleMatching.Matches(rule, Platform, "https://microcred.example/public/badges/123", $"https://microcred.example/shelbyville/credentials/{credential}"));
    }

    [Fact]
    public void Only_a_valid_badge_can_be_filed_and_the_refusal_explains_the_verdict()
    {
        Assert.Contains("Issued in error.", Assert.Throws<BadgeNotCreditableException>(() =>
            CreditRequest.Submit(Board, Teacher, Badge(SnapshotVerdict.Revoked), [], [], null, Now)).Message);
        Assert.Contains("The id differs from the URL.", Assert.Throws<BadgeNotCreditableException>(() =>
            CreditRequest.Submit(Board, Teacher, Badge(SnapshotVerdict.Invalid), [], [], null, Now)).Message);
        Assert.Contains("expired", Assert.Throws<BadgeNotCreditableException>(() =>
            CreditRequest.Submit(Board, Teacher, Badge(SnapshotVerdict.Expired), [], [], null, Now)).Message);
    }

    [Fact]
    public void A_request_is_decided_once_keeps_the_credit_types_name_and_may_be_asked_again_after_a_decline()
    {
        var hours = Hours();
        var first = CreditRequest.Submit(Board, Teacher, Badge(), [], [], "Note", Now);
        Assert.Throws<DomainException>(() => CreditRequest.Submit(Board, Teacher, Badge(), [], [first], null, Now));

        Assert.Equal("DeclineReason", Assert.Throws<DomainException>(() => first.Decline(" ", Guid.NewGuid(), Now)).Field);
        first.Decline("Send the certificate.", Guid.NewGuid(), Now);
        var second = CreditRequest.Submit(Board, Teacher, Badge(), [], [first], null, Now);

        second.Approve(hours, 2.5m, Guid.NewGuid(), Now);
        hours.Rename("PD", "clock hours");
        Assert.Equal((CreditRequestStatus.Approved, 2.5m, "Professional development", "PD hours"), (second.Status, second.Units, second.CreditTypeName, second.CreditUnit));
        Assert.Throws<DomainException>(() => second.Decline("Too late", Guid.NewGuid(), Now));
        Assert.Contains("already been credited", Assert.Throws<DomainException>(() => CreditRequest.Submit(Board, Teacher, Badge(), [], [first, second], null, Now)).Message);

        var foreign = CreditType.Define(Guid.NewGuid(), "Theirs", "hours", Now);
        Assert.Throws<DomainException>(() => CreditRequest.Submit(Board, Teacher, Badge(assertion: "https://issuer.example/a/2"), [], [], null, Now).Approve(foreign, 1, Guid.NewGuid(), Now));
    }
}

public sealed class CsvTests
{
    [Fact]
    public void Fields_are_quoted_per_rfc_4180_and_lines_end_with_crlf()
    {
        var csv = Csv.Write(["Name", "Count"], [[(CsvCell)"Plain", 3], [(CsvCell)"Comma, quote \" and\nbreak", 1.5m], [(CsvCell)(string?)null, (double?)null]]);
        Assert.Equal("Name,Count\r\nPlain,3\r\n\"Comma, quote \"\" and\nbreak\",1.5\r\n,\r\n", csv);
    }

    [Theory]
    [InlineData("=1+1", "'=1+1")]
    [InlineData("+SUM(A1)", "'+SUM(A1)")]
    [InlineData("-2+3", "'-2+3")]
    [InlineData("@cmd", "'@cmd")]
    [InlineData("\tTab", "'\tTab")]
    [InlineData("=HYPERLINK(\"x\",\"y\")", "\"'=HYPERLINK(\"\"x\"\",\"\"y\"\")\"")]
    [InlineData("Ms. =Smith", "Ms. =Smith")]
    public void Text_a_spreadsheet_would_run_as_a_formula_is_made_text(string text, string written) =>
        Assert.Equal(written, Csv.Field(text));

    [Fact]
    public void Negative_numbers_stay_numbers_and_rows_must_fit_the_header()
    {
        Assert.Equal("-2.5", Csv.Field(-2.5m));
        Assert.Throws<ArgumentException>(() => Csv.Write(["A", "B"], [[(CsvCell)"only one"]]));
    }
}
