using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Issuing;

/// <summary>
/// Retires the district's active signing key and creates a new one. The old key stays published (listed in the
/// issuer profile, served at its URL) so every badge signed with it keeps verifying.
/// </summary>
[RequiresRole(DistrictRole.Issuer | DistrictRole.Admin)]
public sealed record RotateSigningKey : ICommand<Guid>;

/// <summary>The district's signing keys, newest first.</summary>
[RequiresRole(DistrictRole.Issuer | DistrictRole.Admin)]
public sealed record ListSigningKeys : IQuery<IReadOnlyList<SigningKeyRow>>;

public sealed record SigningKeyRow(Guid Id, DateTimeOffset CreatedAt, DateTimeOffset? RetiredAt, int SignedBadges, string Url);

public sealed class SigningKeysHandler(AppDbContext db, IssuerKeyring keys, ITenantContext tenant, CacheEvictions changes, BadgeLinks links)
    : ICommandHandler<RotateSigningKey, Guid>, IQueryHandler<ListSigningKeys, IReadOnlyList<SigningKeyRow>>
{
    public async ValueTask<Guid> Handle(RotateSigningKey command, CancellationToken ct)
    {
        var key = await keys.RotateAsync(ct);
        changes.IssuerChanged(tenant.TenantId!.Value);
        await db.SaveChangesAsync(ct);
        return key.Id;
    }

    public async ValueTask<IReadOnlyList<SigningKeyRow>> Handle(ListSigningKeys query, CancellationToken ct)
    {
        var rows = await db.IssuerKeys.AsNoTracking().OrderByDescending(k => k.CreatedAt)
            .Select(k => new { k.Id, k.CreatedAt, k.RetiredAt, Signed = db.Assertions.Count(a => a.SigningKeyId == k.Id) })
            .ToListAsync(ct);
        return [.. rows.Select(r => new SigningKeyRow(r.Id, r.CreatedAt, r.RetiredAt, r.Signed, links.Key(r.Id)))];
    }
}
