using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;
using MicroCred.OpenBadges;
using MicroCred.OpenBadges.Documents;
using MicroCred.OpenBadges.Signing;

namespace MicroCred.UnitTests.OpenBadges;

public sealed class SignedBadgeTests
{
    private static string Key1Pem => (string)Fixtures.Key1["publicKeyPem"]!;

    private static JsonObject SignedAssertion() => new AssertionDocument
    {
        Id = "urn:uuid:" + Guid.NewGuid(),
        Recipient = Recipient.HashedEmail("teacher@example.org", Recipient.NewSalt()),
        Badge = "https://badges.example/public/badges/1",
        Verification = AssertionVerification.SignedBy("https://badges.example/public/keys/1"),
        IssuedOn = new DateTimeOffset(2026, 11, 23, 10, 15, 0, TimeSpan.Zero),
    }.ToJson();

    [Fact]
    public void The_fixture_jwt_verifies_with_the_fixture_key() => Assert.True(SignedBadge.Verify(Fixtures.SimpleJwt, Key1Pem));

    [Fact]
    public void The_fixture_jwt_decodes_to_a_signed_assertion()
    {
        var jws = CompactJws.Parse(Fixtures.SimpleJwt);

        Assert.True(jws.TryReadPayload(out var payload, out _));
        Assert.Equal("RS256", jws.Algorithm);
        Assert.Equal("signed", (string?)payload!["verification"]!["type"]);
        Assert.Equal(Fixtures.KeyUrl, (string?)payload["verification"]!["creator"]);
        Assert.Equal(Fixtures.AssertionUrl, (string?)payload["id"]);
        Assert.Equal(256, jws.Signature.Length);
    }

    [Fact]
    public void Changing_any_byte_of_the_payload_or_signature_breaks_verification()
    {
        var parts = Fixtures.SimpleJwt.Split('.');
        var payload = Convert.FromBase64String(ToBase64(parts[1]));
        var signature = Convert.FromBase64String(ToBase64(parts[2]));
        using var key = PublicKeyPem.Import(Key1Pem);

        for (var i = 0; i < payload.Length; i++)
        {
            var tampered = (byte[])payload.Clone();
            tampered[i] ^= 0x01;
            var jws = $"{parts[0]}.{CompactJws.Encode(tampered)}.{parts[2]}";
            Assert.False(SignedBadge.VerifySignature(CompactJws.Parse(jws), key), $"payload byte {i}");
        }
        for (var i = 0; i < signature.Length; i++)
        {
            var tampered = (byte[])signature.Clone();
            tampered[i] ^= 0x80;
            var jws = $"{parts[0]}.{parts[1]}.{CompactJws.Encode(tampered)}";
            Assert.False(SignedBadge.VerifySignature(CompactJws.Parse(jws), key), $"signature byte {i}");
        }
    }

    [Fact]
    public void Changing_a_character_of_the_text_breaks_verification()
    {
        var text = Fixtures.SimpleJwt;
        var payloadStart = text.IndexOf('.', StringComparison.Ordinal) + 1;
        var tampered = text[..(payloadStart + 20)] + (text[payloadStart + 20] == 'A' ? 'B' : 'A') + text[(payloadStart + 21)..];

        Assert.False(SignedBadge.Verify(tampered, Key1Pem));
    }

    [Fact]
    public void Sign_then_verify_with_a_fresh_key()
    {
        using var rsa = RSA.Create(2048);
        var assertion = SignedAssertion();

        var jws = SignedBadge.Sign(assertion, rsa);
        var pem = PublicKeyPem.Export(rsa);

        Assert.StartsWith("-----BEGIN PUBLIC KEY-----", pem, StringComparison.Ordinal);
        Assert.True(SignedBadge.Verify(jws, pem));
        var parsed = CompactJws.Parse(jws);
        Assert.Equal("""{"alg":"RS256"}""", Encoding.UTF8.GetString(Convert.FromBase64String(ToBase64(jws.Split('.')[0]))));
        Assert.DoesNotContain('=', jws);
        Assert.True(parsed.TryReadPayload(out var payload, out _));
        Assert.True(JsonNode.DeepEquals(assertion, payload));
    }

    [Fact]
    public void A_different_key_does_not_verify()
    {
        using var signer = RSA.Create(2048);
        using var other = RSA.Create(2048);

        Assert.False(SignedBadge.Verify(SignedBadge.Sign(SignedAssertion(), signer), PublicKeyPem.Export(other)));
    }

    [Fact]
    public void Pkcs1_rsa_public_key_pem_is_tolerated()
    {
        using var rsa = RSA.Create(2048);
        var pkcs1 = rsa.ExportRSAPublicKeyPem();

        Assert.StartsWith("-----BEGIN RSA PUBLIC KEY-----", pkcs1, StringComparison.Ordinal);
        Assert.True(SignedBadge.Verify(SignedBadge.Sign(SignedAssertion(), rsa), pkcs1.Replace("\n", "\r\n", StringComparison.Ordinal)));
    }

    [Fact]
    public void Private_keys_and_garbage_are_not_public_keys()
    {
        using var rsa = RSA.Create(2048);

        Assert.False(PublicKeyPem.TryImport(rsa.ExportRSAPrivateKeyPem(), out _, out var privateProblem));
        Assert.False(PublicKeyPem.TryImport("not a key", out _, out _));
        Assert.Contains("RSA PRIVATE KEY", privateProblem, StringComparison.Ordinal);
        Assert.Throws<FormatException>(() => PublicKeyPem.Import("-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----"));
    }

    [Theory]
    [InlineData("""{"alg":"none"}""")]
    [InlineData("""{"alg":"HS256"}""")]
    [InlineData("""{"alg":"RS256","crit":["exp"],"exp":1}""")]
    public void Other_algorithms_and_critical_headers_are_refused(string header)
    {
        using var rsa = RSA.Create(2048);
        var genuine = SignedBadge.Sign(SignedAssertion(), rsa).Split('.');
        var forged = $"{CompactJws.Encode(Encoding.UTF8.GetBytes(header))}.{genuine[1]}.{genuine[2]}";

        Assert.False(SignedBadge.Verify(forged, PublicKeyPem.Export(rsa)));
    }

    [Fact]
    public void Signing_requires_signed_verification_and_a_big_enough_key()
    {
        using var rsa = RSA.Create(2048);
        using var small = RSA.Create(1024);
        var hosted = SignedAssertion();
        hosted["verification"] = new JsonObject { ["type"] = "HostedBadge" };

        Assert.Throws<ArgumentException>(() => SignedBadge.Sign(hosted, rsa));
        Assert.Throws<ArgumentException>(() => SignedBadge.Sign(SignedAssertion(), small));
    }

    [Theory]
    [InlineData("a.b")]
    [InlineData("a.b.c.d")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.e30=.c2ln")]
    [InlineData("eyJhbGciOiJSUzI1NiJ9.e30.")]
    [InlineData("W10.e30.c2ln")]
    public void Malformed_jws_text_is_refused_with_a_reason(string text)
    {
        Assert.False(CompactJws.TryParse(text, out _, out var problem));
        Assert.False(string.IsNullOrEmpty(problem));
        Assert.Throws<FormatException>(() => CompactJws.Parse(text));
    }

    private static string ToBase64(string base64Url)
    {
        var s = base64Url.Replace('-', '+').Replace('_', '/');
        return s.PadRight(s.Length + ((4 - (s.Length % 4)) % 4), '=');
    }
}
