using System.Security.Cryptography;
using System.Text.Json.Nodes;
using MicroCred.OpenBadges;
using MicroCred.OpenBadges.Documents;
using MicroCred.OpenBadges.Signing;

namespace MicroCred.UnitTests.OpenBadges;

/// <summary>An issuer with a fresh RSA key whose documents, built with the library, are served by a <see cref="FakeFetcher"/>.</summary>
internal sealed class SignedIssuer : IDisposable
{
    public const string IssuerUrl = "https://badges.test/public/issuers/springfield";
    public const string KeyUrl = "https://badges.test/public/keys/1";
    public const string BadgeUrl = "https://badges.test/public/badges/1";
    public const string RevocationListUrl = "https://badges.test/public/issuers/springfield/revocations";
    public const string Email = "teacher@springfield.test";

    public SignedIssuer(params RevokedAssertion[] revoked)
    {
        Fetcher = new FakeFetcher()
            .Serve(IssuerUrl, Profile.ToJson())
            .Serve(KeyUrl, new CryptographicKeyDocument(KeyUrl, IssuerUrl, PublicKeyPem.Export(Key)).ToJson())
            .Serve(BadgeUrl, new BadgeClassDocument
            {
                Id = BadgeUrl,
                Name = "Formative Assessment",
                Description = "Uses formative assessment to adjust instruction.",
                Image = "https://badges.test/public/badges/1/image.png",
                Criteria = new BadgeCriteria(null, "Submit three lesson artefacts."),
                Issuer = IssuerUrl,
            }.ToJson())
            .Serve(RevocationListUrl, new RevocationListDocument(RevocationListUrl, IssuerUrl, revoked).ToJson());
    }

    public RSA Key { get; } = RSA.Create(2048);
    public FakeFetcher Fetcher { get; }

    public IssuerProfile Profile => new()
    {
        Id = IssuerUrl,
        Name = "Springfield Public Schools",
        Url = "https://springfield.test",
        Email = "pd@springfield.test",
        PublicKeys = [KeyUrl],
        RevocationList = RevocationListUrl,
    };

    public AssertionDocument Assertion(string? id = null) => new()
    {
        Id = id ?? "urn:uuid:" + Guid.NewGuid(),
        Recipient = Recipient.HashedEmail(Email, Recipient.NewSalt()),
        Badge = BadgeUrl,
        Verification = AssertionVerification.SignedBy(KeyUrl),
        IssuedOn = FixedClock.Now.AddDays(-10),
    };

    public string Sign(Action<JsonObject>? change = null, AssertionDocument? assertion = null, RSA? key = null)
    {
        var json = (assertion ?? Assertion()).ToJson();
        change?.Invoke(json);
        return SignedBadge.Sign(json, key ?? Key);
    }

    public void Dispose() => Key.Dispose();
}
