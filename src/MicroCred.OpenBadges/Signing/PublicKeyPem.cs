using System.Security.Cryptography;

namespace MicroCred.OpenBadges.Signing;

/// <summary>RSA public keys as PEM, the form a CryptographicKey's <c>publicKeyPem</c> holds.</summary>
public static class PublicKeyPem
{
    /// <summary>The public half of <paramref name="key"/> as <c>-----BEGIN PUBLIC KEY-----</c> (SubjectPublicKeyInfo).</summary>
    public static string Export(RSA key)
    {
        ArgumentNullException.ThrowIfNull(key);
        return key.ExportSubjectPublicKeyInfoPem();
    }

    /// <summary>
    /// Reads an RSA public key from <c>-----BEGIN PUBLIC KEY-----</c> (SubjectPublicKeyInfo) or
    /// <c>-----BEGIN RSA PUBLIC KEY-----</c> (PKCS#1) PEM. Private keys and non-RSA keys are refused.
    /// </summary>
    public static bool TryImport(string? pem, out RSA? key, out string? problem)
    {
        key = null;
        problem = null;
        if (string.IsNullOrWhiteSpace(pem))
        {
            problem = "the key has no PEM text";
            return false;
        }
        var text = pem.Replace("\r\n", "\n", StringComparison.Ordinal).Trim();
        if (!PemEncoding.TryFind(text, out var fields))
        {
            problem = "the key is not PEM-encoded";
            return false;
        }
        var label = text[fields.Label];
        if (label is not ("PUBLIC KEY" or "RSA PUBLIC KEY"))
        {
            problem = $"the PEM holds '{label}', not an RSA public key";
            return false;
        }

        var rsa = RSA.Create();
        try
        {
            rsa.ImportFromPem(text);
            key = rsa;
            return true;
        }
        catch (Exception ex) when (ex is CryptographicException or ArgumentException)
        {
            rsa.Dispose();
            problem = "the PEM is not a usable RSA public key (" + ex.Message + ")";
            return false;
        }
    }

    /// <summary>Reads an RSA public key or throws <see cref="FormatException"/> with the reason.</summary>
    public static RSA Import(string pem) =>
        TryImport(pem, out var key, out var problem) ? key! : throw new FormatException("Cannot read the public key: " + problem + ".");
}
