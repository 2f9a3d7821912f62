using System.Security.Cryptography;
using System.Security.Cryptography.X509Certificates;
using System.Text;
using System.Xml.Linq;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.AspNetCore.DataProtection.KeyManagement;
using Microsoft.AspNetCore.DataProtection.XmlEncryption;

namespace MicroCred.Web.Infrastructure;

/// <summary>
/// The data-protection key ring (which protects sessions, tokens and every district's signing key) lives in the
/// database; its keys are encrypted there with a key that does not: an X.509 certificate from a file
/// (<c>DataProtection:CertificatePath</c>, <c>DataProtection:CertificatePassword</c>) or a secret from the environment
/// (<c>DataProtection:Key</c>, at least 32 random bytes in base64). Production refuses to start without one.
/// </summary>
public static class KeyRingProtection
{
    public static IDataProtectionBuilder ProtectKeyRing(this IDataProtectionBuilder builder, IConfiguration configuration, IHostEnvironment environment)
    {
        if (configuration["DataProtection:CertificatePath"] is { Length: > 0 } path)
        {
            var certificate = X509CertificateLoader.LoadPkcs12FromFile(path, configuration["DataProtection:CertificatePassword"]);
            if (!certificate.HasPrivateKey)
                throw new InvalidOperationException($"DataProtection:CertificatePath: {path} has no private key, so the key ring could not be read back.");
            return builder.ProtectKeysWithCertificate(certificate).UnprotectKeysWithAnyCertificate(certificate);
        }
        if (configuration["DataProtection:Key"] is { Length: > 0 } secret)
        {
            var key = new KeyRingKey(secret);
            builder.Services.AddSingleton(key);
            builder.Services.Configure<KeyManagementOptions>(options => options.XmlEncryptor = new KeyRingEncryptor(key));
            return builder;
        }
        if (environment.IsProduction())
            throw new InvalidOperationException(
                "The data-protection key ring must be encrypted in Production: set DataProtection:Key (32+ random bytes, base64; e.g. `openssl rand -base64 32`) " +
                "or DataProtection:CertificatePath (a PFX with its private key) and DataProtection:CertificatePassword. See the README's Security section.");
        return builder;
    }
}

/// <summary>The key-encryption key from <c>DataProtection:Key</c>, derived to AES-256 with an id that names it.</summary>
public sealed class KeyRingKey
{
    public KeyRingKey(string base64)
    {
        byte[] secret;
        try { secret = Convert.FromBase64String(base64); }
        catch (FormatException) { throw new InvalidOperationException("DataProtection:Key must be base64 (e.g. `openssl rand -base64 32`)."); }
        if (secret.Length < 32) throw new InvalidOperationException("DataProtection:Key must hold at least 32 random bytes.");
        Key = HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 32, info: "MicroCred key ring encryption"u8.ToArray());
        Id = Convert.ToHexStringLower(HKDF.DeriveKey(HashAlgorithmName.SHA256, secret, 8, info: "MicroCred key ring key id"u8.ToArray()));
    }

    internal byte[] Key { get; }
    public string Id { get; }
}

/// <summary>Encrypts a key's XML with AES-256-GCM under <see cref="KeyRingKey"/>.</summary>
public sealed class KeyRingEncryptor(KeyRingKey key) : IXmlEncryptor
{
    internal static readonly XName Element = "encryptedKey";

    public EncryptedXmlInfo Encrypt(XElement plaintextElement)
    {
        var plain = Encoding.UTF8.GetBytes(plaintextElement.ToString(SaveOptions.DisableFormatting));
        var sealedBytes = new byte[12 + 16 + plain.Length];
        var nonce = sealedBytes.AsSpan(0, 12);
        RandomNumberGenerator.Fill(nonce);
        using (var aes = new AesGcm(key.Key, 16))
            aes.Encrypt(nonce, plain, sealedBytes.AsSpan(28), sealedBytes.AsSpan(12, 16), Encoding.ASCII.GetBytes(key.Id));
        var element = new XElement(Element,
            new XComment(" Encrypted with AES-256-GCM under DataProtection:Key "),
            new XAttribute("keyId", key.Id),
            new XElement("value", Convert.ToBase64String(sealedBytes)));
        return new EncryptedXmlInfo(element, typeof(KeyRingDecryptor));
    }
}

/// <summary>Created by the key manager (through its service provider) to read a key <see cref="KeyRingEncryptor"/> wrote.</summary>
public sealed class KeyRingDecryptor(IServiceProvider services) : IXmlDecryptor
{
    public XElement Decrypt(XElement encryptedElement)
    {
        var key = services.GetService<KeyRingKey>()
            ?? throw new InvalidOperationException("The key ring is encrypted with DataProtection:Key, which is not set.");
        var keyId = (string?)encryptedElement.Attribute("keyId");
        if (keyId != key.Id)
            throw new InvalidOperationException($"A key of the key ring was encrypted with another DataProtection:Key (id {keyId}; this one is {key.Id}).");
        var sealedBytes = Convert.FromBase64String((string)encryptedElement.Element("value")!);
        var plain = new byte[sealedBytes.Length - 28];
        using (var aes = new AesGcm(key.Key, 16))
            aes.Decrypt(sealedBytes.AsSpan(0, 12), sealedBytes.AsSpan(28), sealedBytes.AsSpan(12, 16), plain, Encoding.ASCII.GetBytes(key.Id));
        return XElement.Parse(Encoding.UTF8.GetString(plain));
    }
}
