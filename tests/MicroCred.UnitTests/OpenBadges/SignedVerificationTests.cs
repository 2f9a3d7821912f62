using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MicroCred.OpenBadges;
using MicroCred.OpenBadges.Documents;
using MicroCred.OpenBadges.Signing;
using MicroCred.OpenBadges.Verification;

namespace MicroCred.UnitTests.OpenBadges;

public sealed class SignedVerificationTests
{
    private static BadgeVerifier Verifier(FakeFetcher fetcher) => new(fetcher, new FixedClock());

    private static FakeFetcher FixtureWeb(JsonObject? revocationList = null)
    {
        var fetcher = FakeFetcher.WithHostedFixtures().Serve(Fixtures.KeyUrl, Fixtures.Key1);
        if (revocationList is not null)
        {
            const string listUrl = "http://example.org/revocation-list.json";
            var issuer = Fixtures.Organization;
            issuer["revocationList"] = listUrl;
            fetcher.Serve(Fixtures.IssuerUrl, issuer).Serve(listUrl, revocationList);
        }
        return fetcher;
    }

    [Fact]
    public async Task The_fixture_signed_badge_is_valid()
    {
        var report = await Verifier(FixtureWeb()).VerifyJwsAsync(Fixtures.SimpleJwt, "nobody@example.org", TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Valid, report.Verdict);
        report.NoFailures();
        Assert.Equal(VerificationMethod.Signed, report.Method);
        report.Outcome(CheckNames.KeyListed, CheckOutcome.Passed);
        report.Outcome(CheckNames.KeyOwner, CheckOutcome.Passed);
        report.Outcome(CheckNames.Signature, CheckOutcome.Passed);
        report.Outcome(CheckNames.Revocation, CheckOutcome.Passed);
        Assert.True(report.RecipientMatches);
        Assert.Equal("Awesome Robotics Badge", report.BadgeName);
    }

    [Fact]
    public async Task The_fixture_signed_badge_on_the_revocation_list_is_revoked_with_its_reason()
    {
        var list = Fixtures.RevocationList;
        list["revokedAssertions"]![0]!["id"] = Fixtures.AssertionUrl;

        var report = await Verifier(FixtureWeb(list)).VerifyJwsAsync(Fixtures.SimpleJwt, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Revoked, report.Verdict);
        Assert.Equal("A good reason, for sure", report.RevocationReason);
        report.Outcome(CheckNames.Signature, CheckOutcome.Passed);
        report.Outcome(CheckNames.RevocationListType, CheckOutcome.Passed);
        report.Outcome(CheckNames.Revocation, CheckOutcome.Failed);
    }

    [Fact]
    public async Task A_plain_string_entry_in_the_revocation_list_revokes_too()
    {
        var list = Fixtures.RevocationList;
        list["revokedAssertions"]!.AsArray().Add(Fixtures.AssertionUrl);

        var report = await Verifier(FixtureWeb(list)).VerifyJwsAsync(Fixtures.SimpleJwt, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Revoked, report.Verdict);
        Assert.Null(report.RevocationReason);
    }

    [Fact]
    public async Task The_unchanged_fixture_revocation_list_does_not_revoke_it()
    {
        var report = await Verifier(FixtureWeb(Fixtures.RevocationList)).VerifyJwsAsync(Fixtures.SimpleJwt, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Valid, report.Verdict);
        report.Outcome(CheckNames.Revocation, CheckOutcome.Passed);
    }

    [Fact]
    public async Task A_badge_signed_with_a_fresh_key_is_valid()
    {
        using var issuer = new SignedIssuer(new RevokedAssertion("urn:uuid:52e4c6b3-8c13-4fa8-8482-a5cf34ef37a9", "Other"));

        var report = await Verifier(issuer.Fetcher).VerifyJwsAsync(issuer.Sign(), SignedIssuer.Email, TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Valid, report.Verdict);
        report.NoFailures();
        report.Outcome(CheckNames.Signature, CheckOutcome.Passed);
        report.Outcome(CheckNames.Revocation, CheckOutcome.Passed);
        Assert.True(report.RecipientMatches);
        Assert.Equal("Formative Assessment", report.BadgeName);
        Assert.Equal("Springfield Public Schools", report.IssuerName);
    }

    [Fact]
    public async Task A_signed_badge_on_its_issuers_revocation_list_is_revoked()
    {
        var id = "urn:uuid:" + Guid.NewGuid();
        using var issuer = new SignedIssuer(new RevokedAssertion(id, "Plagiarised evidence"));

        var report = await Verifier(issuer.Fetcher).VerifyJwsAsync(issuer.Sign(assertion: issuer.Assertion(id)), ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Revoked, report.Verdict);
        Assert.Equal("Plagiarised evidence", report.RevocationReason);
    }

    [Fact]
    public async Task A_tampered_payload_is_invalid()
    {
        using var issuer = new SignedIssuer();
        var parts = issuer.Sign().Split('.');
        Assert.True(CompactJws.Parse(string.Join('.', parts)).TryReadPayload(out var payload, out _));
        payload!["recipient"] = Recipient.HashedEmail("someone-else@springfield.test", "salt").ToJson();
        var tampered = $"{parts[0]}.{CompactJws.Encode(BadgeJson.SerializeToUtf8Bytes(payload))}.{parts[2]}";

        var report = await Verifier(issuer.Fetcher).VerifyJwsAsync(tampered, "someone-else@springfield.test", TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Invalid, report.Verdict);
        report.Outcome(CheckNames.Signature, CheckOutcome.Failed);
    }

    [Fact]
    public async Task A_tampered_fixture_signature_is_invalid()
    {
        var parts = Fixtures.SimpleJwt.Split('.');
        var signature = Convert.FromBase64String(parts[2].Replace('-', '+').Replace('_', '/') + "==");
        signature[100] ^= 0xFF;
        var tampered = $"{parts[0]}.{parts[1]}.{CompactJws.Encode(signature)}";

        var report = await Verifier(FixtureWeb()).VerifyJwsAsync(tampered, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Invalid, report.Verdict);
        report.Outcome(CheckNames.Signature, CheckOutcome.Failed);
    }

    [Fact]
    public async Task A_badge_signed_by_someone_else_naming_the_issuers_key_is_invalid()
    {
        using var issuer = new SignedIssuer();
        using var forger = RSA.Create(2048);

        var report = await Verifier(issuer.Fetcher).VerifyJwsAsync(issuer.Sign(key: forger), ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Invalid, report.Verdict);
        report.Outcome(CheckNames.KeyListed, CheckOutcome.Passed);
        report.Outcome(CheckNames.Signature, CheckOutcome.Failed);
    }

    [Fact]
    public async Task A_key_the_issuer_does_not_list_is_not_trusted()
    {
        using var issuer = new SignedIssuer();
        using var forger = RSA.Create(2048);
        const string forgedKeyUrl = "https://evil.test/key.json";
        issuer.Fetcher.Serve(forgedKeyUrl, new CryptographicKeyDocument(forgedKeyUrl, SignedIssuer.IssuerUrl, PublicKeyPem.Export(forger)).ToJson());
        var jws = issuer.Sign(key: forger, assertion: issuer.Assertion() with { Verification = AssertionVerification.SignedBy(forgedKeyUrl) });

        var report = await Verifier(issuer.Fetcher).VerifyJwsAsync(jws, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Invalid, report.Verdict);
        report.Outcome(CheckNames.KeyListed, CheckOutcome.Failed);
        report.Outcome(CheckNames.Signature, CheckOutcome.Skipped);
        Assert.DoesNotContain(issuer.Fetcher.Requests, r => r.Url.OriginalString == forgedKeyUrl);
    }

    [Fact]
    public async Task A_key_owned_by_someone_else_is_not_trusted()
    {
        using var issuer = new SignedIssuer();
        issuer.Fetcher.Serve(SignedIssuer.KeyUrl, new CryptographicKeyDocument(SignedIssuer.KeyUrl, "https://evil.test/issuer", PublicKeyPem.Export(issuer.Key)).ToJson());

        var report = await Verifier(issuer.Fetcher).VerifyJwsAsync(issuer.Sign(), ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Invalid, report.Verdict);
        report.Outcome(CheckNames.KeyOwner, CheckOutcome.Failed);
    }

    [Fact]
    public async Task Without_a_creator_the_issuers_listed_keys_are_tried()
    {
        using var issuer = new SignedIssuer();

        var report = await Verifier(issuer.Fetcher).VerifyJwsAsync(issuer.Sign(a => a["verification"]!.AsObject().Remove("creator")), ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Valid, report.Verdict);
        report.Outcome(CheckNames.KeyListed, CheckOutcome.Warning);
        report.Outcome(CheckNames.Signature, CheckOutcome.Passed);
    }

    [Theory]
    [InlineData("""{"alg":"none"}""")]
    [InlineData("""{"alg":"HS256"}""")]
    public async Task Algorithms_other_than_rs256_are_invalid(string header)
    {
        using var issuer = new SignedIssuer();
        var parts = issuer.Sign().Split('.');
        var forged = $"{CompactJws.Encode(Encoding.UTF8.GetBytes(header))}.{parts[1]}.{parts[2]}";

        var report = await Verifier(issuer.Fetcher).VerifyJwsAsync(forged, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Invalid, report.Verdict);
        report.Outcome(CheckNames.SignatureAlgorithm, CheckOutcome.Failed);
        Assert.DoesNotContain(report.Checks, c => c.Name == CheckNames.Signature && c.Outcome == CheckOutcome.Passed);
    }

    [Fact]
    public async Task An_unreachable_revocation_list_makes_the_badge_unverifiable()
    {
        using var issuer = new SignedIssuer();
        issuer.Fetcher.Refuse(SignedIssuer.RevocationListUrl, "timed out");

        var report = await Verifier(issuer.Fetcher).VerifyJwsAsync(issuer.Sign(), ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Invalid, report.Verdict);
        report.Outcome(CheckNames.RevocationListFetched, CheckOutcome.Failed);
        report.Outcome(CheckNames.Revocation, CheckOutcome.Skipped);
    }

    [Fact]
    public async Task An_ephemeral_embedded_badge_class_is_accepted()
    {
        using var issuer = new SignedIssuer();
        var badge = new BadgeClassDocument
        {
            Id = "urn:uuid:" + Guid.NewGuid(),
            Name = "Ephemeral",
            Description = "Not hosted anywhere.",
            Image = "https://badges.test/e.png",
            Criteria = new BadgeCriteria(null, "Do it."),
            Issuer = SignedIssuer.IssuerUrl,
        }.ToJson();

        var report = await Verifier(issuer.Fetcher).VerifyJwsAsync(issuer.Sign(a => a["badge"] = badge), ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Valid, report.Verdict);
        report.Outcome(CheckNames.BadgeClassFetched, CheckOutcome.Skipped);
        Assert.Equal("Ephemeral", report.BadgeName);
    }

    [Fact]
    public async Task An_expired_signed_badge_is_expired()
    {
        using var issuer = new SignedIssuer();
        var assertion = issuer.Assertion() with { IssuedOn = FixedClock.Now.AddYears(-3), Expires = FixedClock.Now.AddYears(-1) };

        var report = await Verifier(issuer.Fetcher).VerifyJwsAsync(issuer.Sign(assertion: assertion), ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Expired, report.Verdict);
    }

    [Fact]
    public async Task A_signed_payload_declaring_hosted_verification_is_invalid()
    {
        using var issuer = new SignedIssuer();
        var json = issuer.Assertion().ToJson();
        json["verification"] = new JsonObject { ["type"] = "SignedBadge", ["creator"] = SignedIssuer.KeyUrl };
        var jws = SignedBadge.Sign(json, issuer.Key);
        var parts = jws.Split('.');
        json["verification"] = new JsonObject { ["type"] = "hosted" };
        var header = parts[0];
        var payload = CompactJws.Encode(BadgeJson.SerializeToUtf8Bytes(json));
        var signature = CompactJws.Encode(issuer.Key.SignData(Encoding.ASCII.GetBytes(header + "." + payload), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1));

        var report = await Verifier(issuer.Fetcher).VerifyJwsAsync($"{header}.{payload}.{signature}", ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Invalid, report.Verdict);
        report.Outcome(CheckNames.VerificationMethod, CheckOutcome.Failed);
    }

    [Theory]
    [InlineData("not-a-jws")]
    [InlineData("a.b.c")]
    public async Task Malformed_jws_is_invalid(string text)
    {
        var report = await Verifier(FixtureWeb()).VerifyJwsAsync(text, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Invalid, report.Verdict);
        Assert.Contains(report.Checks, c => c.Outcome == CheckOutcome.Failed && c.Name is CheckNames.JwsFormat or CheckNames.AssertionJson);
    }

    [Fact]
    public async Task Text_that_looks_like_a_jws_is_verified_as_one()
    {
        var report = await Verifier(FixtureWeb()).VerifyTextAsync(Fixtures.SimpleJwt, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Valid, report.Verdict);
        Assert.Equal(VerificationMethod.Signed, report.Method);
    }

    private const string SharedUrl = "https://badges.test/public/assertions/1";
    private const string SharedImageUrl = "https://badges.test/public/assertions/1/image";

    /// <summary>A signed badge as the platform shares it: the assertion at its URL, the JWS baked into its image.</summary>
    private static AssertionDocument Shared(SignedIssuer issuer, string id = SharedUrl) => issuer.Assertion(id) with { Image = SharedImageUrl };

    [Fact]
    public async Task A_signed_badge_s_own_url_is_verified_from_the_jws_baked_into_its_image()
    {
        using var issuer = new SignedIssuer();
        var assertion = Shared(issuer);
        issuer.Fetcher.Serve(SharedUrl, assertion.ToJson())
            .ServeBytes(SharedImageUrl, MicroCred.OpenBadges.Baking.PngBadge.Bake(TestPng.OnePixel, issuer.Sign(assertion: assertion)), contentType: "image/png");

        var report = await Verifier(issuer.Fetcher).VerifyUrlAsync(SharedUrl, SignedIssuer.Email, TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Valid, report.Verdict);
        report.NoFailures();
        Assert.Equal(VerificationMethod.Signed, report.Method);
        report.Outcome(CheckNames.BakedImage, CheckOutcome.Passed);
        report.Outcome(CheckNames.VerificationMethod, CheckOutcome.Passed);
        report.Outcome(CheckNames.Signature, CheckOutcome.Passed);
        report.Outcome(CheckNames.BakedMatchesHosted, CheckOutcome.Passed);
        Assert.True(report.RecipientMatches);
        Assert.Contains(issuer.Fetcher.Requests, r => r.Url.OriginalString == SharedImageUrl && r.Kind == BadgeDocumentKind.BakedImage);
    }

    [Fact]
    public async Task A_signed_badge_url_whose_image_carries_another_signed_assertion_is_invalid()
    {
        using var issuer = new SignedIssuer();
        var other = Shared(issuer, "https://badges.test/public/assertions/2");
        issuer.Fetcher.Serve(SharedUrl, Shared(issuer).ToJson())
            .ServeBytes(SharedImageUrl, MicroCred.OpenBadges.Baking.PngBadge.Bake(TestPng.OnePixel, issuer.Sign(assertion: other)), contentType: "image/png");

        var report = await Verifier(issuer.Fetcher).VerifyUrlAsync(SharedUrl, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Invalid, report.Verdict);
        report.Outcome(CheckNames.Signature, CheckOutcome.Passed);
        report.Outcome(CheckNames.BakedMatchesHosted, CheckOutcome.Failed);
    }

    [Fact]
    public async Task A_signed_badge_url_whose_image_is_missing_or_unbaked_is_invalid()
    {
        using var issuer = new SignedIssuer();
        issuer.Fetcher.Serve(SharedUrl, Shared(issuer).ToJson());

        var missing = await Verifier(issuer.Fetcher).VerifyUrlAsync(SharedUrl, ct: TestContext.Current.CancellationToken);
        issuer.Fetcher.ServeBytes(SharedImageUrl, TestPng.OnePixel, contentType: "image/png");
        var unbaked = await Verifier(issuer.Fetcher).VerifyUrlAsync(SharedUrl, ct: TestContext.Current.CancellationToken);

        Assert.Equal(BadgeVerdict.Invalid, missing.Verdict);
        missing.Outcome(CheckNames.BakedImage, CheckOutcome.Failed);
        Assert.Equal(BadgeVerdict.Invalid, unbaked.Verdict);
        unbaked.Outcome(CheckNames.BakedImage, CheckOutcome.Failed);
        Assert.Null(unbaked.Check(CheckNames.Signature));
    }
}
