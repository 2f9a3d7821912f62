using System.Security.Cryptography;
using System.Text;
using System.Text.Json.Nodes;

namespace MicroCred.OpenBadges.Signing;

/// <summary>Signed Open Badges: an assertion as the payload of a compact JWS signed with RS256.</summary>
public static class SignedBadge
{
    public const string Algorithm = "RS256";

    /// <summary>Smallest RSA key the library signs with.</summary>
    public const int MinimumKeySizeBits = 2048;

    /// <summary>
    /// Signs <paramref name="assertion"/> (whose <c>verification</c> must be <c>SignedBadge</c>/<c>signed</c>)
    /// with RS256 and returns the compact JWS. The header is exactly <c>{"alg":"RS256"}</c>.
    /// </summary>
    public static string Sign(JsonObject assertion, RSA privateKey)
    {
        ArgumentNullException.ThrowIfNull(assertion);
        ArgumentNullException.ThrowIfNull(privateKey);
        if (!BadgeObjectType.Matches(assertion["verification"]?["type"], BadgeObjectType.SignedBadge))
        {
            throw new ArgumentException("A signed assertion needs verification.type 'SignedBadge' (and a creator key URL).", nameof(assertion));
        }
        if (privateKey.KeySize < MinimumKeySizeBits)
        {
            throw new ArgumentException($"RSA keys must have at least {MinimumKeySizeBits} bits.", nameof(privateKey));
        }

        var header = CompactJws.Encode("""{"alg":"RS256"}"""u8);
        var payload = CompactJws.Encode(BadgeJson.SerializeToUtf8Bytes(assertion));
        var signingInput = header + "." + payload;
        var signature = privateKey.SignData(Encoding.ASCII.GetBytes(signingInput), HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        return signingInput + "." + CompactJws.Encode(signature);
    }

    /// <summary>
    /// True when the JWS uses RS256, declares no critical extensions, and its signature verifies with
    /// <paramref name="publicKey"/>. Any other algorithm (including <c>none</c>) is refused.
    /// </summary>
    public static bool VerifySignature(CompactJws jws, RSA publicKey)
    {
        ArgumentNullException.ThrowIfNull(jws);
        ArgumentNullException.ThrowIfNull(publicKey);
        if (jws.Algorithm != Algorithm || jws.Header.ContainsKey("crit")) return false;
        try
        {
            return publicKey.VerifyData(jws.SigningInput, jws.Signature, HashAlgorithmName.SHA256, RSASignaturePadding.Pkcs1);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }

    /// <summary>Parses <paramref name="jws"/> and verifies it against a PEM public key; false for anything malformed.</summary>
    public static bool Verify(string jws, string publicKeyPem)
    {
        if (!CompactJws.TryParse(jws, out var parsed, out _) || !PublicKeyPem.TryImport(publicKeyPem, out var key, out _)) return false;
        using (key) return VerifySignature(parsed!, key!);
    }
}
