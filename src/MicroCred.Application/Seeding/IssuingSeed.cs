using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Issuing;
using MicroCred.Domain.Design;
using MicroCred.Domain.Issuing;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroCred.Application.Seeding;

/// <summary>
/// Springfield's demo badges for the demo earner: a valid hosted badge (the "Demo badge"), an expired one, a revoked
/// one (the "Demo revoked badge") and a signed one, issued through <see cref="BadgeIssuing"/> like real awards.
/// </summary>
public sealed class IssuingSeed(AppDbContext db, TenantContext tenant, BadgeIssuing issuing)
{
    public const string Earner = "earner@springfield.test";
    public const string RevocationReason = "Awarded in error: the evidence belonged to another teacher's class.";

    public async Task SeedAsync(District springfield, IReadOnlyDictionary<string, User> people, DateTimeOffset now, CancellationToken ct)
    {
        tenant.Set(springfield.Id, springfield.Slug);
        var erin = people[Earner].Id;
        var versions = await db.CredentialVersions.AsNoTracking().Where(v => v.Status == VersionStatus.Published)
            .OrderBy(v => v.Name).ToListAsync(ct);
        CredentialVersion Named(string name) => versions.First(v => v.Name == name);
        var expiring = versions.First(v => v.Content.ValidityMonths is not null && v.Name != DesignSeed.Discourse);
        var others = versions.Where(v => v.Name != DesignSeed.Discourse && v.Id != expiring.Id).ToList();

        // Revoked first: the demo badge below could not be issued while an unrevoked one for the same version exists.
        var revokedId = await issuing.IssueAsync(new BadgeAward(erin, others[0].Id, Narrative: "Awarded for the spring cohort.",
            IssuedOn: now.AddDays(-60)), ct);
        db.ChangeTracker.Entries<Assertion>().Single(e => e.Entity.Id == revokedId).Entity.Revoke(RevocationReason, null, now.AddDays(-20));

        await issuing.IssueAsync(new BadgeAward(erin, Named(DesignSeed.Discourse).Id,
            Narrative: "Erin's classroom video showed students building on each other's ideas in every segment.",
            EvidenceUrl: "https://springfield.example.org/pd/showcase/erin-discourse", IssuedOn: now.AddDays(-30)), ct);
        await issuing.IssueAsync(new BadgeAward(erin, expiring.Id, Narrative: "Earned before the district renewed this credential.",
            IssuedOn: now.AddMonths(-expiring.Content.ValidityMonths!.Value - 2)), ct);
        await issuing.IssueAsync(new BadgeAward(erin, others[1].Id, Signed: true, IssuedOn: now.AddDays(-10)), ct);
        await db.SaveChangesAsync(ct);
        tenant.Clear();
    }

    /// <summary>The demo earner's valid hosted badge and revoked badge, for <c>./run.sh</c>'s welcome lines.</summary>
    public static async Task<(Guid? Badge, Guid? Revoked)> DemoBadgesAsync(IServiceProvider services, CancellationToken ct = default)
    {
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var district = await db.Districts.AsNoTracking().Where(d => d.Slug == DemoData.Springfield.Slug).Select(d => new { d.Id, d.Slug }).SingleOrDefaultAsync(ct);
        if (district is null) return (null, null);
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(district.Id, district.Slug);
        var now = DateTimeOffset.UtcNow;
        var mine = await db.Assertions.AsNoTracking().Where(a => a.RecipientEmail == Earner).OrderBy(a => a.IssuedOn)
            .Select(a => new { a.Id, a.RevokedAt, a.Expires, a.Verification }).ToListAsync(ct);
        return (mine.FirstOrDefault(a => a.RevokedAt == null && a.Verification == BadgeVerification.Hosted && (a.Expires == null || a.Expires > now))?.Id,
            mine.FirstOrDefault(a => a.RevokedAt != null)?.Id);
    }
}
