using System.Text.Json.Nodes;
using MicroCred.OpenBadges;
using MicroCred.OpenBadges.Verification;

namespace MicroCred.UnitTests.OpenBadges;

public sealed class HostedVerificationTests
{
    private static BadgeVerifier Verifier(FakeFetcher fetcher) => new(fetcher, new FixedClock());

    private static JsonObject Assertion(Action<JsonObject> change)
    {
        var assertion = Fixtures.BasicAssertion;
        change(assertion);
        return assertion;
    }

    [Fact]
    public async Task The_fixture_hosted_badge_is_valid()
    {
        var report = await Verifier(FakeFetcher.WithHostedFixtures()).VerifyUrlAsync(Fixtures.AssertionUrl, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Valid, report.Verdict);
        report.NoFailures();
        Assert.Equal(VerificationMethod.Hosted, report.Method);
        foreach (var name in new[]
        {
            CheckNames.AssertionFetched, CheckNames.AssertionJson, CheckNames.AssertionContext, CheckNames.AssertionType,
            CheckNames.AssertionProperties, CheckNames.VerificationMethod, CheckNames.AssertionId,
            CheckNames.BadgeClassFetched, CheckNames.BadgeClassType, CheckNames.BadgeClassId,
            CheckNames.IssuerFetched, CheckNames.IssuerType, CheckNames.IssuerId, CheckNames.VerificationScope,
            CheckNames.Revocation, CheckNames.IssuedOn, CheckNames.Expiry,
        })
        {
            report.Outcome(name, CheckOutcome.Passed);
        }
        Assert.Equal("Awesome Robotics Badge", report.BadgeName);
        Assert.Equal("An Example Badge Issuer", report.IssuerName);
        Assert.Equal("https://example.org/robotics-badge.png", report.BadgeImage);
        Assert.Equal(new DateTimeOffset(2016, 12, 31, 23, 59, 59, TimeSpan.Zero), report.IssuedOn);
        Assert.Null(report.Expires);
        Assert.Null(report.RecipientMatches);
        Assert.Equal(Fixtures.AssertionUrl, report.AssertionId);
    }

    [Fact]
    public async Task Gone_means_revoked_with_the_published_reason()
    {
        var body = new JsonObject
        {
            ["@context"] = OpenBadgesContext.V2, ["type"] = "Assertion", ["id"] = Fixtures.AssertionUrl,
            ["revoked"] = true, ["revocationReason"] = "Awarded in error",
        };
        var fetcher = FakeFetcher.WithHostedFixtures().Serve(Fixtures.AssertionUrl, body, status: 410);

        var report = await Verifier(fetcher).VerifyUrlAsync(Fixtures.AssertionUrl, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Revoked, report.Verdict);
        Assert.Equal("Awarded in error", report.RevocationReason);
        Assert.Contains("Awarded in error", report.Outcome(CheckNames.Revocation, CheckOutcome.Failed).Message, StringComparison.Ordinal);
        Assert.Equal(CheckCategory.Revocation, report.Check(CheckNames.Revocation)!.Category);
    }

    [Fact]
    public async Task Gone_without_a_body_is_still_revoked()
    {
        var fetcher = FakeFetcher.WithHostedFixtures().ServeBytes(Fixtures.AssertionUrl, [], status: 410, contentType: null);

        var report = await Verifier(fetcher).VerifyUrlAsync(Fixtures.AssertionUrl, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Revoked, report.Verdict);
        Assert.Null(report.RevocationReason);
    }

    [Fact]
    public async Task A_hosted_assertion_marked_revoked_is_revoked()
    {
        var fetcher = FakeFetcher.WithHostedFixtures().Serve(Fixtures.AssertionUrl, Assertion(a => { a["revoked"] = true; a["revocationReason"] = "Policy"; }));

        var report = await Verifier(fetcher).VerifyUrlAsync(Fixtures.AssertionUrl, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Revoked, report.Verdict);
        Assert.Equal("Policy", report.RevocationReason);
    }

    [Fact]
    public async Task A_past_expiry_date_means_expired()
    {
        var fetcher = FakeFetcher.WithHostedFixtures().Serve(Fixtures.AssertionUrl, Assertion(a => a["expires"] = "2020-01-01T00:00:00Z"));

        var report = await Verifier(fetcher).VerifyUrlAsync(Fixtures.AssertionUrl, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Expired, report.Verdict);
        Assert.Contains("2020-01-01T00:00:00Z", report.Outcome(CheckNames.Expiry, CheckOutcome.Failed).Message, StringComparison.Ordinal);
        Assert.Equal(new DateTimeOffset(2020, 1, 1, 0, 0, 0, TimeSpan.Zero), report.Expires);
    }

    [Fact]
    public async Task A_future_expiry_date_is_valid()
    {
        var fetcher = FakeFetcher.WithHostedFixtures().Serve(Fixtures.AssertionUrl, Assertion(a => a["expires"] = "2030-01-01T00:00:00+01:00"));

        var report = await Verifier(fetcher).VerifyUrlAsync(Fixtures.AssertionUrl, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Valid, report.Verdict);
        report.Outcome(CheckNames.Expiry, CheckOutcome.Passed);
    }

    [Fact]
    public async Task An_assertion_whose_id_is_not_its_url_is_invalid()
    {
        const string servedAt = "https://example.org/copies/beths-badge.json";
        var fetcher = FakeFetcher.WithHostedFixtures()
            .Serve(servedAt, Fixtures.BasicAssertion)
            .Serve(Fixtures.AssertionUrl, Assertion(a => a["id"] = "https://example.org/somewhere-else.json"));

        var report = await Verifier(fetcher).VerifyUrlAsync(Fixtures.AssertionUrl, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Invalid, report.Verdict);
        Assert.Contains("somewhere-else", report.Outcome(CheckNames.AssertionId, CheckOutcome.Failed).Message, StringComparison.Ordinal);
        report.Outcome(CheckNames.AssertionInputUrl, CheckOutcome.Warning);
    }

    [Fact]
    public async Task A_redirect_to_a_url_that_is_not_the_id_is_invalid()
    {
        var fetcher = FakeFetcher.WithHostedFixtures()
            .Serve(Fixtures.AssertionUrl, Fixtures.BasicAssertion, finalUrl: "https://example.org/moved/beths-robotics-badge.json");

        var report = await Verifier(fetcher).VerifyUrlAsync(Fixtures.AssertionUrl, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Invalid, report.Verdict);
        report.Outcome(CheckNames.AssertionId, CheckOutcome.Failed);
    }

    [Fact]
    public async Task A_url_that_only_points_at_the_assertion_is_followed_to_its_id()
    {
        const string alias = "https://example.org/beths-robotics-badge";
        var fetcher = FakeFetcher.WithHostedFixtures().Serve(alias, Fixtures.BasicAssertion);

        var report = await Verifier(fetcher).VerifyUrlAsync(alias, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Valid, report.Verdict);
        report.Outcome(CheckNames.AssertionInputUrl, CheckOutcome.Warning);
        report.Outcome(CheckNames.AssertionId, CheckOutcome.Passed);
        Assert.Equal([alias, Fixtures.AssertionUrl], fetcher.Requests.Where(r => r.Kind == BadgeDocumentKind.Assertion).Select(r => r.Url.OriginalString));
    }

    [Fact]
    public async Task An_assertion_hosted_outside_the_issuer_origin_is_invalid()
    {
        const string foreign = "https://badges.elsewhere.example/beth.json";
        var fetcher = FakeFetcher.WithHostedFixtures().Serve(foreign, Assertion(a => a["id"] = foreign));

        var report = await Verifier(fetcher).VerifyUrlAsync(foreign, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Invalid, report.Verdict);
        report.Outcome(CheckNames.AssertionId, CheckOutcome.Passed);
        Assert.Contains("badges.elsewhere.example", report.Outcome(CheckNames.VerificationScope, CheckOutcome.Failed).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Allowed_origins_let_the_issuer_vouch_for_another_host()
    {
        const string foreign = "https://badges.elsewhere.example/beth.json";
        var issuer = Fixtures.Organization;
        issuer["verification"] = new JsonObject { ["type"] = "VerificationObject", ["allowedOrigins"] = new JsonArray("cdn.example", "badges.elsewhere.example") };
        var fetcher = FakeFetcher.WithHostedFixtures().Serve(Fixtures.IssuerUrl, issuer).Serve(foreign, Assertion(a => a["id"] = foreign));

        var report = await Verifier(fetcher).VerifyUrlAsync(foreign, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Valid, report.Verdict);
        report.Outcome(CheckNames.VerificationScope, CheckOutcome.Passed);
    }

    [Fact]
    public async Task Allowed_origins_replace_the_issuer_origin()
    {
        var issuer = Fixtures.Organization;
        issuer["verification"] = new JsonObject { ["allowedOrigins"] = "cdn.example" };
        var fetcher = FakeFetcher.WithHostedFixtures().Serve(Fixtures.IssuerUrl, issuer);

        var report = await Verifier(fetcher).VerifyUrlAsync(Fixtures.AssertionUrl, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Invalid, report.Verdict);
        report.Outcome(CheckNames.VerificationScope, CheckOutcome.Failed);
    }

    [Theory]
    [InlineData("https://example.org/", BadgeVerdict.Valid)]
    [InlineData("https://example.org/beths-", BadgeVerdict.Valid)]
    [InlineData("https://example.org/assertions/", BadgeVerdict.Invalid)]
    public async Task Starts_with_narrows_the_scope(string prefix, BadgeVerdict expected)
    {
        var issuer = Fixtures.Organization;
        issuer["verification"] = new JsonObject { ["type"] = "VerificationObject", ["startsWith"] = prefix };
        var fetcher = FakeFetcher.WithHostedFixtures().Serve(Fixtures.IssuerUrl, issuer);

        var report = await Verifier(fetcher).VerifyUrlAsync(Fixtures.AssertionUrl, ct: TestContext.Current.CancellationToken);

        Assert.Equal(expected, report.Verdict);
        report.Outcome(CheckNames.VerificationScope, expected == BadgeVerdict.Valid ? CheckOutcome.Passed : CheckOutcome.Failed);
    }

    [Fact]
    public async Task The_recipient_check_reports_a_match()
    {
        var report = await Verifier(FakeFetcher.WithHostedFixtures()).VerifyUrlAsync(Fixtures.AssertionUrl, "Nobody@Example.org", TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Valid, report.Verdict);
        Assert.True(report.RecipientMatches);
        report.Outcome(CheckNames.Recipient, CheckOutcome.Passed);
    }

    [Fact]
    public async Task A_recipient_mismatch_is_reported_without_invalidating_the_badge()
    {
        var report = await Verifier(FakeFetcher.WithHostedFixtures()).VerifyUrlAsync(Fixtures.AssertionUrl, "someone@example.org", TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Valid, report.Verdict);
        Assert.False(report.RecipientMatches);
        Assert.Equal(CheckCategory.Recipient, report.Outcome(CheckNames.Recipient, CheckOutcome.Failed).Category);
    }

    [Fact]
    public async Task A_future_issue_date_is_invalid_but_small_clock_skew_is_not()
    {
        var future = FakeFetcher.WithHostedFixtures().Serve(Fixtures.AssertionUrl, Assertion(a => a["issuedOn"] = "2026-11-24T10:15:00Z"));
        var skewed = FakeFetcher.WithHostedFixtures().Serve(Fixtures.AssertionUrl, Assertion(a => a["issuedOn"] = "2026-11-23T10:17:00Z"));

        var futureReport = await Verifier(future).VerifyUrlAsync(Fixtures.AssertionUrl, ct: TestContext.Current.CancellationToken);
        var skewedReport = await Verifier(skewed).VerifyUrlAsync(Fixtures.AssertionUrl, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Invalid, futureReport.Verdict);
        futureReport.Outcome(CheckNames.IssuedOn, CheckOutcome.Failed);
        Assert.Equal(BadgeVerdict.Valid, skewedReport.Verdict);
    }

    [Theory]
    [InlineData("@context", "https://w3id.org/openbadges/v1", CheckNames.AssertionContext)]
    [InlineData("type", "BadgeClass", CheckNames.AssertionType)]
    [InlineData("issuedOn", "2016-12-31", CheckNames.IssuedOn)]
    public async Task Malformed_assertions_are_invalid(string property, string value, string failedCheck)
    {
        var fetcher = FakeFetcher.WithHostedFixtures().Serve(Fixtures.AssertionUrl, Assertion(a => a[property] = value));

        var report = await Verifier(fetcher).VerifyUrlAsync(Fixtures.AssertionUrl, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Invalid, report.Verdict);
        report.Outcome(failedCheck, CheckOutcome.Failed);
    }

    [Fact]
    public async Task Missing_required_properties_are_named()
    {
        var fetcher = FakeFetcher.WithHostedFixtures().Serve(Fixtures.AssertionUrl, Assertion(a => a.Remove("recipient")));

        var report = await Verifier(fetcher).VerifyUrlAsync(Fixtures.AssertionUrl, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Invalid, report.Verdict);
        Assert.Contains("recipient", report.Outcome(CheckNames.AssertionProperties, CheckOutcome.Failed).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Array_types_and_the_hosted_badge_type_name_are_accepted()
    {
        var fetcher = FakeFetcher.WithHostedFixtures().Serve(Fixtures.AssertionUrl, Assertion(a =>
        {
            a["type"] = new JsonArray("Assertion", "extensions:ExampleExtension");
            a["verification"] = new JsonObject { ["type"] = "HostedBadge" };
        }));

        var report = await Verifier(fetcher).VerifyUrlAsync(Fixtures.AssertionUrl, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Valid, report.Verdict);
    }

    [Fact]
    public async Task A_hosted_url_serving_a_signed_assertion_without_a_baked_image_is_invalid()
    {
        var fetcher = FakeFetcher.WithHostedFixtures().Serve(Fixtures.AssertionUrl, Assertion(a =>
        {
            a["verification"] = new JsonObject { ["type"] = "SignedBadge", ["creator"] = Fixtures.KeyUrl };
            a.Remove("image");
        }));

        var report = await Verifier(fetcher).VerifyUrlAsync(Fixtures.AssertionUrl, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Invalid, report.Verdict);
        report.Outcome(CheckNames.VerificationMethod, CheckOutcome.Failed);
    }

    [Fact]
    public async Task A_badge_class_or_issuer_served_at_another_id_is_invalid()
    {
        var badge = Fixtures.RoboticsBadge;
        badge["id"] = "https://example.org/other-badge.json";
        var issuer = Fixtures.Organization;
        issuer["type"] = "BadgeClass";

        var badgeReport = await Verifier(FakeFetcher.WithHostedFixtures().Serve(Fixtures.BadgeUrl, badge)).VerifyUrlAsync(Fixtures.AssertionUrl, ct: TestContext.Current.CancellationToken);
        var issuerReport = await Verifier(FakeFetcher.WithHostedFixtures().Serve(Fixtures.IssuerUrl, issuer)).VerifyUrlAsync(Fixtures.AssertionUrl, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Invalid, badgeReport.Verdict);
        badgeReport.Outcome(CheckNames.BadgeClassId, CheckOutcome.Failed);
        Assert.Equal(BadgeVerdict.Invalid, issuerReport.Verdict);
        issuerReport.Outcome(CheckNames.IssuerType, CheckOutcome.Failed);
    }

    [Fact]
    public async Task An_embedded_badge_class_with_a_url_is_read_from_that_url()
    {
        var embedded = Fixtures.RoboticsBadge;
        embedded["name"] = "A Name Someone Made Up";
        var fetcher = FakeFetcher.WithHostedFixtures().Serve(Fixtures.AssertionUrl, Assertion(a => a["badge"] = embedded));

        var report = await Verifier(fetcher).VerifyUrlAsync(Fixtures.AssertionUrl, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Valid, report.Verdict);
        Assert.Equal("Awesome Robotics Badge", report.BadgeName);
        Assert.Contains(fetcher.Requests, r => r.Kind == BadgeDocumentKind.BadgeClass && r.Url.OriginalString == Fixtures.BadgeUrl);
    }

    [Fact]
    public async Task Missing_linked_documents_and_transport_failures_are_invalid()
    {
        var missingIssuer = new FakeFetcher().Serve(Fixtures.AssertionUrl, Fixtures.BasicAssertion).Serve(Fixtures.BadgeUrl, Fixtures.RoboticsBadge);
        var refused = FakeFetcher.WithHostedFixtures().Refuse(Fixtures.BadgeUrl, "the address is private");
        var throwing = FakeFetcher.WithHostedFixtures().Throw(Fixtures.AssertionUrl, new HttpRequestException("connection reset"));

        var issuerReport = await Verifier(missingIssuer).VerifyUrlAsync(Fixtures.AssertionUrl, ct: TestContext.Current.CancellationToken);
        var refusedReport = await Verifier(refused).VerifyUrlAsync(Fixtures.AssertionUrl, ct: TestContext.Current.CancellationToken);
        var throwingReport = await Verifier(throwing).VerifyUrlAsync(Fixtures.AssertionUrl, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Invalid, issuerReport.Verdict);
        Assert.Contains("404", issuerReport.Outcome(CheckNames.IssuerFetched, CheckOutcome.Failed).Message, StringComparison.Ordinal);
        Assert.Equal(BadgeVerdict.Invalid, refusedReport.Verdict);
        Assert.Contains("the address is private", refusedReport.Outcome(CheckNames.BadgeClassFetched, CheckOutcome.Failed).Message, StringComparison.Ordinal);
        Assert.Equal(BadgeVerdict.Invalid, throwingReport.Verdict);
        Assert.Contains("connection reset", throwingReport.Outcome(CheckNames.AssertionFetched, CheckOutcome.Failed).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task A_badge_class_that_is_gone_is_invalid_not_revoked()
    {
        var fetcher = FakeFetcher.WithHostedFixtures().Serve(Fixtures.BadgeUrl, Fixtures.RoboticsBadge, status: 410);

        var report = await Verifier(fetcher).VerifyUrlAsync(Fixtures.AssertionUrl, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Invalid, report.Verdict);
        Assert.Contains("410", report.Outcome(CheckNames.BadgeClassFetched, CheckOutcome.Failed).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Html_instead_of_json_is_invalid_and_a_plain_json_content_type_only_warns()
    {
        var html = FakeFetcher.WithHostedFixtures().ServeBytes(Fixtures.AssertionUrl, "<html>badge</html>"u8.ToArray(), contentType: "text/html");
        var plain = FakeFetcher.WithHostedFixtures().Serve(Fixtures.AssertionUrl, Fixtures.BasicAssertion, contentType: "text/plain");

        var htmlReport = await Verifier(html).VerifyUrlAsync(Fixtures.AssertionUrl, ct: TestContext.Current.CancellationToken);
        var plainReport = await Verifier(plain).VerifyUrlAsync(Fixtures.AssertionUrl, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Invalid, htmlReport.Verdict);
        htmlReport.Outcome(CheckNames.AssertionJson, CheckOutcome.Failed);
        Assert.Equal(BadgeVerdict.Valid, plainReport.Verdict);
        plainReport.Outcome("assertion" + CheckNames.ContentTypeSuffix, CheckOutcome.Warning);
    }

    [Theory]
    [InlineData("file:///etc/passwd")]
    [InlineData("ftp://example.org/badge.json")]
    [InlineData("/relative/badge.json")]
    [InlineData("")]
    public async Task Only_http_urls_are_fetched(string url)
    {
        var fetcher = FakeFetcher.WithHostedFixtures();

        var report = await Verifier(fetcher).VerifyUrlAsync(url, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Invalid, report.Verdict);
        report.Outcome(CheckNames.Input, CheckOutcome.Failed);
        Assert.Empty(fetcher.Requests);
    }

    [Fact]
    public async Task Pasted_hosted_json_is_checked_against_the_hosted_copy()
    {
        var tampered = Fixtures.BasicAssertion;
        tampered["issuedOn"] = "2015-01-01T00:00:00Z";

        var same = await Verifier(FakeFetcher.WithHostedFixtures()).VerifyAssertionJsonAsync(BadgeJson.Serialize(Fixtures.BasicAssertion), ct: TestContext.Current.CancellationToken);
        var different = await Verifier(FakeFetcher.WithHostedFixtures()).VerifyAssertionJsonAsync(BadgeJson.Serialize(tampered), ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Valid, same.Verdict);
        same.Outcome(CheckNames.BakedMatchesHosted, CheckOutcome.Passed);
        Assert.Equal(BadgeVerdict.Invalid, different.Verdict);
        Assert.Contains("issuedOn", different.Outcome(CheckNames.BakedMatchesHosted, CheckOutcome.Failed).Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Text_input_is_routed_by_its_shape()
    {
        var verifier = Verifier(FakeFetcher.WithHostedFixtures());

        var url = await verifier.VerifyTextAsync("  " + Fixtures.AssertionUrl + "\n", ct: TestContext.Current.CancellationToken);
        var garbage = await verifier.VerifyTextAsync("hello there", ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Valid, url.Verdict);
        Assert.Equal(BadgeVerdict.Invalid, garbage.Verdict);
        garbage.Outcome(CheckNames.Input, CheckOutcome.Failed);
    }

    [Fact]
    public void The_verdict_puts_integrity_before_revocation_before_expiry()
    {
        static VerificationCheck Failed(CheckCategory category) => new("x", CheckOutcome.Failed, "m", category);
        var passed = new VerificationCheck("ok", CheckOutcome.Passed, "m");

        Assert.Equal(BadgeVerdict.Valid, VerificationReport.Decide([passed, new VerificationCheck("w", CheckOutcome.Warning, "m"), Failed(CheckCategory.Recipient)]));
        Assert.Equal(BadgeVerdict.Expired, VerificationReport.Decide([passed, Failed(CheckCategory.Expiry)]));
        Assert.Equal(BadgeVerdict.Revoked, VerificationReport.Decide([Failed(CheckCategory.Expiry), Failed(CheckCategory.Revocation)]));
        Assert.Equal(BadgeVerdict.Invalid, VerificationReport.Decide([Failed(CheckCategory.Revocation), Failed(CheckCategory.Integrity)]));
        Assert.Equal(BadgeVerdict.Invalid, VerificationReport.Decide([]));
    }
}
