using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Tenancy;

/// <summary>
/// What the current district uses MicroCred for, so its menu offers only that. An organisation that only recognizes
/// credit (a state board: it accepts credit requests, has no micro-credential and nobody designing, earning, assessing
/// or issuing) has no use for the catalog, assessment or issuing pages. A district that has not chosen yet (a new
/// sign-up) is treated as one that issues: that is what signing up a district is for.
/// </summary>
[RequiresSignIn]
public sealed record GetDistrictUse : IQuery<DistrictUse>;

public sealed record DistrictUse(bool IssuesCredentials);

public sealed class GetDistrictUseHandler(AppDbContext db, ITenantContext tenant) : IQueryHandler<GetDistrictUse, DistrictUse>
{
    private const DistrictRole IssuingRoles = DistrictRole.Developer | DistrictRole.Earner | DistrictRole.Assessor | DistrictRole.Issuer;

    public async ValueTask<DistrictUse> Handle(GetDistrictUse query, CancellationToken ct)
    {
        var recognizes = await db.Districts.AsNoTracking().AnyAsync(d => d.Id == tenant.TenantId && d.AcceptsCreditRequests, ct);
        if (!recognizes) return new DistrictUse(true);
        var issues = await db.Memberships.AnyAsync(m => (m.Roles & IssuingRoles) != 0, ct)
            || await db.MicroCredentials.AnyAsync(ct);
        return new DistrictUse(issues);
    }
}
