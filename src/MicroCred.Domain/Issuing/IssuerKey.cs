using MicroCred.Domain.Common;

namespace MicroCred.Domain.Issuing;

/// <summary>
/// One of a district's RSA signing keys for signed badges. The public half is published as a CryptographicKey and
/// listed in the issuer profile for as long as the key exists (badges signed with it must keep verifying); the private
/// half is stored only encrypted (ASP.NET Core data protection). Rotation retires the active key: it signs nothing
/// new but stays published.
/// </summary>
public sealed class IssuerKey : ITenantOwned
{
    private IssuerKey() { }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    /// <summary>SubjectPublicKeyInfo PEM.</summary>
    public string PublicKeyPem { get; private set; } = "";
    /// <summary>The PKCS#8 private key, encrypted by data protection.</summary>
    public string ProtectedPrivateKey { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? RetiredAt { get; private set; }

    public bool IsActive => RetiredAt is null;

    public static IssuerKey Create(Guid tenantId, string publicKeyPem, string protectedPrivateKey, DateTimeOffset now)
    {
        if (string.IsNullOrWhiteSpace(publicKeyPem) || !publicKeyPem.Contains("PUBLIC KEY", StringComparison.Ordinal))
            throw new DomainException("A signing key needs its public key as PEM.");
        if (string.IsNullOrWhiteSpace(protectedPrivateKey)) throw new DomainException("A signing key needs its (encrypted) private key.");
        return new IssuerKey
        {
            Id = Guid.CreateVersion7(now), TenantId = tenantId, PublicKeyPem = publicKeyPem.Trim(),
            ProtectedPrivateKey = protectedPrivateKey, CreatedAt = now,
        };
    }

    /// <summary>Stops signing with this key; it stays published so earlier signed badges keep verifying.</summary>
    public void Retire(DateTimeOffset now)
    {
        if (!IsActive) throw new DomainException("This key is already retired.");
        RetiredAt = now;
    }
}
