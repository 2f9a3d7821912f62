using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Assessment;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Tenancy;

/// <summary>
/// The "getting started" checklist of a new district, computed from its real state: every step a district needs
/// before its first badge, each linking to where it is done. Null once every step is done or an Admin dismissed it.
/// </summary>
[RequiresRole(DistrictRole.Admin)]
public sealed record GetGettingStarted : IQuery<GettingStartedChecklist?>;

public sealed record GettingStartedChecklist(IReadOnlyList<GettingStartedStep> Steps)
{
    public int Done => Steps.Count(s => s.Done);
}

/// <param name="Url">Where the step is done (a path in the district).</param>
public sealed record GettingStartedStep(string Key, string Text, string Url, bool Done);

public sealed class GetGettingStartedHandler(AppDbContext db, ITenantContext tenant, TimeProvider clock) : IQueryHandler<GetGettingStarted, GettingStartedChecklist?>
{
    public async ValueTask<GettingStartedChecklist?> Handle(GetGettingStarted query, CancellationToken ct)
    {
        var district = await db.Districts.AsNoTracking().SingleOrDefaultAsync(d => d.Id == tenant.TenantId, ct)
            ?? throw new NotFoundException(nameof(District), tenant.Slug ?? "");
        if (district.GettingStartedDismissedAt is not null) return null;
        var slug = district.Slug;
        var roles = await db.Memberships.AsNoTracking().Select(m => new { m.UserId, m.Roles }).ToListAsync(ct);
        bool Anyone(DistrictRole role) => roles.Any(m => (m.Roles & role) != 0);

        var steps = new List<GettingStartedStep>
        {
            // The issuer profile every badge carries: signing up asks for its name and email; its website completes it.
            new("profile", "Complete the issuer profile your badges carry (add the district's website)", $"/{slug}/admin/settings", district.Website is not null),
            new("developer", "Give someone the Developer role to design micro-credentials", $"/{slug}/admin/members", Anyone(DistrictRole.Developer)),
            new("credential", "Publish a first micro-credential", $"/{slug}/design",
                await db.MicroCredentials.AnyAsync(c => c.PublishedVersionId != null, ct)),
            new("assessor", "Qualify an assessor for it", $"/{slug}/assessment/admin/qualifications",
                (await db.CurrentAssessorQualificationsAsync(await db.ReadDistrictPolicyAsync(tenant, ct), clock.GetUtcNow(), ct)).Count > 0),
            new("issuer", "Give someone the Issuer role to award badges", $"/{slug}/admin/members", Anyone(DistrictRole.Issuer)),
            new("teacher", "Invite a teacher", $"/{slug}/admin/members",
                Anyone(DistrictRole.Earner) || await db.Invitations.AnyAsync(i => (i.Roles & DistrictRole.Earner) != 0, ct)),
            new("badge", "Award a first badge", $"/{slug}/issuing/decisions", await db.Assertions.AnyAsync(ct)),
        };
        return steps.All(s => s.Done) ? null : new GettingStartedChecklist(steps);
    }
}

/// <summary>An Admin puts the checklist away for the district (it comes back for nobody).</summary>
[RequiresRole(DistrictRole.Admin)]
public sealed record DismissGettingStarted : ICommand;

public sealed class DismissGettingStartedHandler(AppDbContext db, ITenantContext tenant, TimeProvider clock) : ICommandHandler<DismissGettingStarted>
{
    public async ValueTask<Unit> Handle(DismissGettingStarted command, CancellationToken ct)
    {
        var district = await db.Districts.SingleOrDefaultAsync(d => d.Id == tenant.TenantId, ct)
            ?? throw new NotFoundException(nameof(District), tenant.Slug ?? "");
        district.DismissGettingStarted(clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
