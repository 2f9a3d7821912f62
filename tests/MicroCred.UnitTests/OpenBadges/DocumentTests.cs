using System.Text.Json.Nodes;
using MicroCred.OpenBadges;
using MicroCred.OpenBadges.Documents;

namespace MicroCred.UnitTests.OpenBadges;

public sealed class DocumentTests
{
    private static readonly DateTimeOffset Issued = new(2026, 11, 23, 11, 15, 0, 250, TimeSpan.FromHours(1));

    private static AssertionDocument Assertion() => new()
    {
        Id = "https://badges.example/public/assertions/abc",
        Recipient = Recipient.HashedEmail("teacher@example.org", "salt"),
        Badge = "https://badges.example/public/badges/1",
        Verification = AssertionVerification.Hosted,
        IssuedOn = Issued,
    };

    [Fact]
    public void Timestamps_are_utc_with_second_precision_and_z() =>
        Assert.Equal("2026-11-23T10:15:00Z", BadgeTimestamp.Format(Issued));

    [Theory]
    [InlineData("2016-12-31T23:59:59Z", "2016-12-31T23:59:59+00:00")]
    [InlineData("2016-12-31T23:59:59+00:00", "2016-12-31T23:59:59+00:00")]
    [InlineData("2017-01-01T01:29:59+0130", "2016-12-31T23:59:59+00:00")]
    [InlineData("2016-12-31T23:59:59.123456Z", "2016-12-31T23:59:59.123456+00:00")]
    public void Parses_iso_8601_timestamps_with_a_zone(string text, string expected)
    {
        Assert.True(BadgeTimestamp.TryParse(text, out var value));
        Assert.Equal(DateTimeOffset.Parse(expected, System.Globalization.CultureInfo.InvariantCulture), value);
    }

    [Theory]
    [InlineData("2016-12-31")]
    [InlineData("2016-12-31T23:59:59")]
    [InlineData("1483228799")]
    [InlineData("yesterday")]
    [InlineData(null)]
    public void Refuses_timestamps_without_time_or_zone(string? text) => Assert.False(BadgeTimestamp.TryParse(text, out _));

    [Fact]
    public void Assertion_has_context_type_and_hosted_verification()
    {
        var json = (Assertion() with { Expires = Issued.AddYears(3), Narrative = "Great work", Image = "https://badges.example/a.png" }).ToJson();

        Assert.Equal(OpenBadgesContext.V2, (string?)json["@context"]);
        Assert.Equal("Assertion", (string?)json["type"]);
        Assert.Equal("https://badges.example/public/assertions/abc", (string?)json["id"]);
        Assert.Equal("https://badges.example/public/badges/1", (string?)json["badge"]);
        Assert.Equal("HostedBadge", (string?)json["verification"]!["type"]);
        Assert.Equal("2026-11-23T10:15:00Z", (string?)json["issuedOn"]);
        Assert.Equal("2029-11-23T10:15:00Z", (string?)json["expires"]);
        Assert.Equal("Great work", (string?)json["narrative"]);
        Assert.Equal("https://badges.example/a.png", (string?)json["image"]);
        Assert.True(Recipient.Matches(json["recipient"], "teacher@example.org"));
        Assert.False(json.ContainsKey("revoked"));
        Assert.False(json.ContainsKey("evidence"));
    }

    [Fact]
    public void Signed_assertion_names_its_key_as_creator()
    {
        var json = (Assertion() with { Verification = AssertionVerification.SignedBy("https://badges.example/keys/1") }).ToJson();

        Assert.Equal("SignedBadge", (string?)json["verification"]!["type"]);
        Assert.Equal("https://badges.example/keys/1", (string?)json["verification"]!["creator"]);
    }

    [Fact]
    public void Evidence_is_a_url_string_or_an_evidence_object()
    {
        var single = (Assertion() with { Evidence = [new BadgeEvidence("https://badges.example/evidence/1")] }).ToJson();
        var several = (Assertion() with
        {
            Evidence = [new BadgeEvidence("https://badges.example/evidence/1"), new BadgeEvidence(Name: "Lesson video", Narrative: "Taught fractions")],
        }).ToJson();

        Assert.Equal("https://badges.example/evidence/1", (string?)single["evidence"]);
        var array = Assert.IsType<JsonArray>(several["evidence"]);
        Assert.Equal("https://badges.example/evidence/1", (string?)array[0]);
        Assert.Equal("Evidence", (string?)array[1]!["type"]);
        Assert.Equal("Lesson video", (string?)array[1]!["name"]);
        Assert.Equal("Taught fractions", (string?)array[1]!["narrative"]);
    }

    [Fact]
    public void Revoked_assertion_says_so_with_its_reason()
    {
        var json = (Assertion() with { Revoked = true, RevocationReason = "Awarded in error" }).ToJson();

        Assert.True((bool?)json["revoked"]);
        Assert.Equal("Awarded in error", (string?)json["revocationReason"]);
    }

    [Fact]
    public void Refuses_relative_ids_and_expiry_before_issue()
    {
        Assert.Throws<ArgumentException>(() => (Assertion() with { Id = "/public/assertions/abc" }).ToJson());
        Assert.Throws<ArgumentException>(() => (Assertion() with { Expires = Issued.AddDays(-1) }).ToJson());
    }

    [Fact]
    public void Urn_uuid_ids_are_allowed_for_assertions()
    {
        var id = "urn:uuid:" + Guid.NewGuid();
        Assert.Equal(id, (string?)(Assertion() with { Id = id }).ToJson()["id"]);
    }

    [Fact]
    public void Badge_class_has_criteria_alignment_and_tags()
    {
        var json = new BadgeClassDocument
        {
            Id = "https://badges.example/public/badges/1",
            Name = "Formative Assessment",
            Description = "Uses formative assessment to adjust instruction.",
            Image = "https://badges.example/public/badges/1/image.png",
            Criteria = new BadgeCriteria("https://badges.example/public/badges/1/criteria", "Submit three lesson artefacts."),
            Issuer = "https://badges.example/public/issuers/springfield",
            Alignments = [new BadgeAlignment("Standard 7", "https://www.iste.org/standards/iste-standards-for-teachers", "Analyst", "ISTE Standards for Educators", "2.7")],
            Tags = ["assessment", "k-12"],
        }.ToJson();

        Assert.Equal(OpenBadgesContext.V2, (string?)json["@context"]);
        Assert.Equal("BadgeClass", (string?)json["type"]);
        Assert.Equal("https://badges.example/public/badges/1/criteria", (string?)json["criteria"]!["id"]);
        Assert.Equal("Submit three lesson artefacts.", (string?)json["criteria"]!["narrative"]);
        Assert.Equal("https://badges.example/public/issuers/springfield", (string?)json["issuer"]);
        var alignment = json["alignment"]![0]!;
        Assert.Equal("Standard 7", (string?)alignment["targetName"]);
        Assert.Equal("https://www.iste.org/standards/iste-standards-for-teachers", (string?)alignment["targetUrl"]);
        Assert.Equal("Analyst", (string?)alignment["targetDescription"]);
        Assert.Equal("ISTE Standards for Educators", (string?)alignment["targetFramework"]);
        Assert.Equal("2.7", (string?)alignment["targetCode"]);
        Assert.Equal(["assessment", "k-12"], json["tags"]!.AsArray().Select(t => (string?)t));
    }

    [Fact]
    public void Issuer_profile_lists_keys_revocation_list_and_allowed_origins()
    {
        var json = new IssuerProfile
        {
            Id = "https://badges.example/public/issuers/springfield",
            Name = "Springfield Public Schools",
            Url = "https://springfield.example",
            Email = "pd@springfield.example",
            Description = "District PD team",
            PublicKeys = ["https://badges.example/public/keys/1"],
            RevocationList = "https://badges.example/public/issuers/springfield/revocations",
            AllowedOrigins = ["badges.example", "cdn.badges.example"],
        }.ToJson();

        Assert.Equal(OpenBadgesContext.V2, (string?)json["@context"]);
        Assert.Equal("Issuer", (string?)json["type"]);
        Assert.Equal("Springfield Public Schools", (string?)json["name"]);
        Assert.Equal("pd@springfield.example", (string?)json["email"]);
        Assert.Equal("https://badges.example/public/keys/1", (string?)json["publicKey"]);
        Assert.Equal("https://badges.example/public/issuers/springfield/revocations", (string?)json["revocationList"]);
        Assert.Equal(["badges.example", "cdn.badges.example"], json["verification"]!["allowedOrigins"]!.AsArray().Select(o => (string?)o));
    }

    [Theory]
    [InlineData("https://badges.example")]
    [InlineData("badges.example/path")]
    [InlineData("badges.example:8443")]
    public void Allowed_origins_must_be_bare_host_names(string origin) =>
        Assert.Throws<ArgumentException>(() => new IssuerProfile
        {
            Id = "https://badges.example/i", Name = "n", Url = "https://badges.example", Email = "e@badges.example",
            AllowedOrigins = [origin],
        }.ToJson());

    [Fact]
    public void Key_and_revocation_list_documents()
    {
        var key = new CryptographicKeyDocument("https://badges.example/keys/1", "https://badges.example/i", "-----BEGIN PUBLIC KEY-----\nAA==\n-----END PUBLIC KEY-----").ToJson();
        var list = new RevocationListDocument("https://badges.example/revocations", "https://badges.example/i",
            [new RevokedAssertion("https://badges.example/a/1", "Plagiarism"), new RevokedAssertion("urn:uuid:52e4c6b3-8c13-4fa8-8482-a5cf34ef37a9")]).ToJson();

        Assert.Equal(OpenBadgesContext.V2, (string?)key["@context"]);
        Assert.Equal("CryptographicKey", (string?)key["type"]);
        Assert.Equal("https://badges.example/i", (string?)key["owner"]);
        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", (string?)key["publicKeyPem"], StringComparison.Ordinal);
        Assert.Equal(OpenBadgesContext.V2, (string?)list["@context"]);
        Assert.Equal("RevocationList", (string?)list["type"]);
        Assert.Equal("https://badges.example/i", (string?)list["issuer"]);
        Assert.Equal("Plagiarism", (string?)list["revokedAssertions"]![0]!["revocationReason"]);
        Assert.Equal("urn:uuid:52e4c6b3-8c13-4fa8-8482-a5cf34ef37a9", (string?)list["revokedAssertions"]![1]!["id"]);
    }

    [Fact]
    public void Context_classification_follows_the_specification()
    {
        Assert.Equal(ContextMatch.Canonical, OpenBadgesContext.Classify(JsonValue.Create("https://w3id.org/openbadges/v2")));
        Assert.Equal(ContextMatch.Canonical, OpenBadgesContext.Classify(JsonNode.Parse("""["https://w3id.org/openbadges/v2", {"foo": "http://example.org/foo"}]""")));
        Assert.Equal(ContextMatch.Alias, OpenBadgesContext.Classify(JsonValue.Create("https://w3id.org/openbadges/v2/context.json")));
        Assert.Equal(ContextMatch.Other, OpenBadgesContext.Classify(JsonValue.Create("https://w3id.org/openbadges/v1")));
        Assert.Equal(ContextMatch.Missing, OpenBadgesContext.Classify(null));
    }

    [Fact]
    public void Types_match_as_string_array_or_prefixed_iri()
    {
        Assert.True(BadgeObjectType.Matches(JsonValue.Create("Assertion"), BadgeObjectType.Assertion));
        Assert.True(BadgeObjectType.Matches(JsonNode.Parse("""["Assertion", "extensions:Thing"]"""), BadgeObjectType.Assertion));
        Assert.True(BadgeObjectType.Matches(JsonValue.Create("https://w3id.org/openbadges#Assertion"), BadgeObjectType.Assertion));
        Assert.True(BadgeObjectType.Matches(JsonValue.Create("Profile"), BadgeObjectType.Issuer));
        Assert.False(BadgeObjectType.Matches(JsonValue.Create("BadgeClass"), BadgeObjectType.Assertion));
        Assert.False(BadgeObjectType.Matches(null, BadgeObjectType.Assertion));
    }

    [Fact]
    public void Strict_parsing_refuses_duplicate_properties_and_non_objects()
    {
        Assert.False(BadgeJson.TryParseObject("""{"id":"a","id":"b"}""", out _, out var duplicate));
        Assert.False(BadgeJson.TryParseObject("[1]", out _, out var array));
        Assert.True(BadgeJson.TryParseObject("\uFEFF{\"id\":\"a\"}", out var withBom, out _));

        Assert.NotNull(duplicate);
        Assert.Contains("array", array, StringComparison.Ordinal);
        Assert.Equal("a", (string?)withBom!["id"]);
    }
}
