using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace MicroCred.OpenBadges;

/// <summary>
/// An Open Badges IdentityObject: who a badge was awarded to. MicroCred issues hashed email identities
/// (<c>sha256$</c> + hex(SHA-256(email + salt))) with a fresh salt per assertion.
/// </summary>
public sealed record Recipient(string Type, string Identity, bool Hashed, string? Salt)
{
    public const string EmailType = "email";

    /// <summary>A fresh random salt: 16 random bytes as lowercase hex.</summary>
    public static string NewSalt() => Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(16));

    /// <summary>
    /// A hashed email identity. The email is trimmed and lowercased before hashing (emails compare
    /// case-insensitively), so <see cref="Matches(string)"/> succeeds whatever case the earner types.
    /// </summary>
    public static Recipient HashedEmail(string email, string salt)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(email);
        ArgumentException.ThrowIfNullOrEmpty(salt);
        return new Recipient(EmailType, Sha256Identity(NormaliseEmail(email), salt), Hashed: true, salt);
    }

    /// <summary><c>sha256$</c> + lowercase hex of SHA-256 over the UTF-8 bytes of <paramref name="value"/> + <paramref name="salt"/>.</summary>
    public static string Sha256Identity(string value, string? salt) =>
        "sha256$" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(value + salt)));

    /// <summary>The IdentityObject JSON.</summary>
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["type"] = Type, ["hashed"] = Hashed };
        if (Salt is not null) json["salt"] = Salt;
        json["identity"] = Identity;
        return json;
    }

    /// <summary>Reads an IdentityObject; null when <paramref name="node"/> is not one.</summary>
    public static Recipient? FromJson(JsonNode? node)
    {
        if (node is not JsonObject obj) return null;
        var type = BadgeJson.String(obj, "type");
        var identity = BadgeJson.String(obj, "identity");
        if (type is null || identity is null) return null;
        return new Recipient(type, identity, BadgeJson.Boolean(obj, "hashed") ?? false, BadgeJson.String(obj, "salt"));
    }

    /// <summary>
    /// Whether this identity names <paramref name="email"/>. Only email identities can match. Plain
    /// identities compare case-insensitively; hashed ones (<c>sha256$</c> or <c>md5$</c>, hex in either
    /// case) are checked against the lowercased email and, for issuers that hashed it as typed, the email
    /// as given.
    /// </summary>
    public bool Matches(string email)
    {
        ArgumentNullException.ThrowIfNull(email);
        if (!string.Equals(Type, EmailType, StringComparison.Ordinal)) return false;
        var given = email.Trim();
        if (given.Length == 0) return false;

        if (!Hashed) return string.Equals(Identity.Trim(), given, StringComparison.OrdinalIgnoreCase);

        var separator = Identity.IndexOf('$', StringComparison.Ordinal);
        if (separator < 0) return false;
        var algorithm = Identity[..separator].ToLowerInvariant();
        var expected = Identity[(separator + 1)..];
        Func<byte[], byte[]>? hash = algorithm switch
        {
            "sha256" => SHA256.HashData,
#pragma warning disable CA5351 // MD5 is a legacy identity hash the specification still allows; checking it is not a security decision.
            "md5" => MD5.HashData,
#pragma warning restore CA5351
            _ => null,
        };
        if (hash is null) return false;

        foreach (var candidate in new[] { NormaliseEmail(given), given }.Distinct(StringComparer.Ordinal))
        {
            var actual = Convert.ToHexStringLower(hash(Encoding.UTF8.GetBytes(candidate + Salt)));
            if (FixedTimeEquals(actual, expected.ToLowerInvariant())) return true;
        }
        return false;
    }

    /// <summary>Reads the IdentityObject and checks it; false when it is missing or malformed.</summary>
    public static bool Matches(JsonNode? recipient, string email) => FromJson(recipient)?.Matches(email) ?? false;

    private static string NormaliseEmail(string email) => email.Trim().ToLowerInvariant();

    private static bool FixedTimeEquals(string a, string b) =>
        CryptographicOperations.FixedTimeEquals(Encoding.ASCII.GetBytes(a), Encoding.ASCII.GetBytes(b));
}
