using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Tenancy;

/// <summary>Where an unverified district stands today against its cap on emails to people outside it.</summary>
public sealed record OutsideEmailAllowance(bool Verified, int DailyCap, int SentToday, int HeldToday)
{
    /// <summary>What the Admin reads: why emails were held back and how many (null when there is nothing to say).</summary>
    public string? Notice => Verified ? null
        : $"This district is not verified yet, so it may email at most {DailyCap} people outside it a day (UTC): badge claim links and invitations. "
          + $"Today {SentToday} sent" + (HeldToday > 0 ? $", {HeldToday} not sent because the limit was reached (those badges wait, unclaimed)." : ".")
          + " A platform operator lifts the limit by verifying the district.";
}

[RequiresRole(DistrictRole.Admin | DistrictRole.Issuer)]
public sealed record GetOutsideEmailAllowance : IQuery<OutsideEmailAllowance>;

public sealed class GetOutsideEmailAllowanceHandler(AppDbContext db, ITenantContext tenant, OutsideEmails outside, TimeProvider clock)
    : IQueryHandler<GetOutsideEmailAllowance, OutsideEmailAllowance>
{
    public async ValueTask<OutsideEmailAllowance> Handle(GetOutsideEmailAllowance query, CancellationToken ct)
    {
        var district = await db.Districts.AsNoTracking().SingleAsync(d => d.Id == tenant.TenantId, ct);
        var now = clock.GetUtcNow();
        return new OutsideEmailAllowance(district.IsVerified, outside.DailyCap, district.OutsideEmailsSentOn(now), district.OutsideEmailsHeldOn(now));
    }
}
