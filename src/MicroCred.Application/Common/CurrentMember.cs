using MicroCred.Application.Data;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Common;

/// <summary>
/// The acting person's roles in the acting district, read once per scope. A district suspended by a platform operator
/// gives nobody any role: its members can neither open its pages nor send its commands (issuing included).
/// </summary>
public sealed class CurrentMember(AppDbContext db, ITenantContext tenant, ICurrentUser user)
{
    private (Guid? Tenant, Guid? User, DistrictRole Roles)? cached;

    public async ValueTask<DistrictRole> RolesAsync(CancellationToken ct = default)
    {
        if (tenant.TenantId is null || user.Id is null) return DistrictRole.None;
        if (cached is { } c && c.Tenant == tenant.TenantId && c.User == user.Id) return c.Roles;
        var roles = await db.Memberships.AsNoTracking()
            .Where(m => m.UserId == user.Id && db.Districts.Any(d => d.Id == m.TenantId && d.SuspendedAt == null))
            .Select(m => (DistrictRole?)m.Roles)
            .FirstOrDefaultAsync(ct) ?? DistrictRole.None;
        cached = (tenant.TenantId, user.Id, roles);
        return roles;
    }

    public async ValueTask<bool> HasAnyAsync(DistrictRole roles, CancellationToken ct = default) => ((await RolesAsync(ct)) & roles) != 0;

    /// <summary>The roles the district's sign-in policy lets act only after signing in with a second factor.</summary>
    public async ValueTask<DistrictRole> RolesNeedingSecondFactorAsync(CancellationToken ct = default) =>
        tenant.TenantId is null ? DistrictRole.None
            : (await Features.Tenancy.DistrictPolicyLookup.ReadDistrictPolicyAsync(db, tenant, ct)).RolesNeedingSecondFactor;

    /// <summary>Forget the cached roles, after a command changed them.</summary>
    public void Refresh() => cached = null;
}
