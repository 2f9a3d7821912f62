using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Tenancy;

/// <summary>
/// Every district the signed-in person belongs to, for the header's switcher. The one read that crosses
/// districts: it lifts the tenant filter but keeps to the person's own memberships, which is exactly what
/// the row-level-security policy on memberships allows.
/// </summary>
public sealed record GetMyDistricts : IQuery<IReadOnlyList<MyDistrict>>;

public sealed record MyDistrict(string Slug, string Name, DistrictRole Roles);

public sealed class GetMyDistrictsHandler(AppDbContext db, ICurrentUser user) : IQueryHandler<GetMyDistricts, IReadOnlyList<MyDistrict>>
{
    public async ValueTask<IReadOnlyList<MyDistrict>> Handle(GetMyDistricts query, CancellationToken ct)
    {
        if (user.Id is not { } me) return [];
        return await db.Memberships.IgnoreQueryFilters([AppDbContext.TenantFilter]).AsNoTracking()
            .Where(m => m.UserId == me)
            .Join(db.Districts, m => m.TenantId, d => d.Id, (m, d) => new { d.Slug, d.Name, m.Roles })
            .OrderBy(d => d.Name)
            .Select(d => new MyDistrict(d.Slug, d.Name, d.Roles)).ToListAsync(ct);
    }
}
