using System.Security.Cryptography;
using System.Text.Json.Nodes;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Issuing;
using MicroCred.OpenBadges.Signing;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Issuing;

/// <summary>
/// The district's signing keys: RSA 2048, the private half encrypted with data protection (whose keys live in
/// PostgreSQL, so every instance can sign). Creating and rotating only add or change tracked rows; the command that
/// asked saves them.
/// </summary>
public sealed class IssuerKeyring(AppDbContext db, ITenantContext tenant, IDataProtectionProvider protection, TimeProvider clock)
{
    public const int KeySizeBits = 2048;
    private const string Purpose = "MicroCred.Issuing.SigningKey.v1";

    private IDataProtector Protector => protection.CreateProtector(Purpose);

    /// <summary>The key new signed badges use, creating the district's first key when it has none.</summary>
    public async Task<IssuerKey> ActiveKeyAsync(CancellationToken ct)
    {
        var pending = db.ChangeTracker.Entries<IssuerKey>().Select(e => e.Entity).FirstOrDefault(k => k.IsActive);
        if (pending is not null) return pending;
        var active = await db.IssuerKeys.Where(k => k.RetiredAt == null).OrderByDescending(k => k.CreatedAt).FirstOrDefaultAsync(ct);
        return active ?? Create();
    }

    /// <summary>Retires the active key (it stays published) and creates a new one.</summary>
    public async Task<IssuerKey> RotateAsync(CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        foreach (var key in await db.IssuerKeys.Where(k => k.RetiredAt == null).ToListAsync(ct)) key.Retire(now);
        return Create();
    }

    /// <summary>Signs an assertion (whose verification names <paramref name="key"/>) as a compact JWS, RS256.</summary>
    public string Sign(IssuerKey key, JsonObject assertion)
    {
        var pkcs8 = Convert.FromBase64String(Protector.Unprotect(key.ProtectedPrivateKey));
        try
        {
            using var rsa = RSA.Create();
            rsa.ImportPkcs8PrivateKey(pkcs8, out _);
            return SignedBadge.Sign(assertion, rsa);
        }
        finally
        {
            CryptographicOperations.ZeroMemory(pkcs8);
        }
    }

    private IssuerKey Create()
    {
        using var rsa = RSA.Create(KeySizeBits);
        var pkcs8 = rsa.ExportPkcs8PrivateKey();
        var key = IssuerKey.Create(tenant.TenantId ?? throw new InvalidOperationException("No district is selected."),
            PublicKeyPem.Export(rsa), Protector.Protect(Convert.ToBase64String(pkcs8)), clock.GetUtcNow());
        CryptographicOperations.ZeroMemory(pkcs8);
        db.IssuerKeys.Add(key);
        return key;
    }
}
