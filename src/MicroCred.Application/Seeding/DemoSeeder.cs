using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Tenancy;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Logging;

namespace MicroCred.Application.Seeding;

/// <summary>Fills an empty database with the demo districts. Does nothing once any district exists.</summary>
public sealed class DemoSeeder(AppDbContext db, UserManager<User> users, TenantContext tenant, AuditScope audit, TimeProvider clock, DesignSeed design,
    Evidence.IEvidenceStore store, IssuingSeed issuing, DemoSeeding seeding, ILogger<DemoSeeder> logger)
{
    public async Task<bool> SeedAsync(CancellationToken ct = default)
    {
        if (await db.Districts.AnyAsync(ct)) return false;
        using var _ = audit.Begin("SeedDemoData", null);
        using var quiet = seeding.Begin();
        var now = clock.GetUtcNow();

        var districts = new Dictionary<string, District>();
        foreach (var d in DemoData.Districts)
        {
            var district = District.SignUp(d.Name, d.Slug, d.IssuerName, d.Website, $"pd@{d.Slug}.test", now);
            district.UpdateProfile(d.Name, d.IssuerName, d.Website, $"pd@{d.Slug}.test", d.Color);
            district.Verify(now); // the demo districts are the platform's own: no cap on their emails
            db.Districts.Add(district);
            districts[d.Slug] = district;
        }
        await db.SaveChangesAsync(ct);

        var people = new Dictionary<string, User>();
        foreach (var account in DemoData.Accounts)
        {
            if (!people.TryGetValue(account.Email, out var user))
            {
                user = new User { UserName = account.Email, Email = account.Email, EmailConfirmed = true, DisplayName = account.Name, CreatedAt = now };
                var result = await users.CreateAsync(user, DemoData.Password);
                if (!result.Succeeded) throw new InvalidOperationException(string.Join("; ", result.Errors.Select(e => e.Description)));
                people[account.Email] = user;
            }
            var district = districts[account.District];
            tenant.Set(district.Id, district.Slug);
            db.Memberships.Add(Membership.Join(district.Id, user.Id, account.Roles, now));
            await db.SaveChangesAsync(ct);
            tenant.Clear();
        }

        // Each stage seeds its own demo data after the districts and people exist.
        await design.SeedAsync(districts, people, ct);
        await new AssessmentSeed(db, tenant).SeedAsync(districts[DemoData.Springfield.Slug], people, now, ct);
        await new EvidenceSeed(db, tenant, store).SeedAsync(districts[DemoData.Springfield.Slug], people, now, ct);
        await issuing.SeedAsync(districts[DemoData.Springfield.Slug], people, now, ct);
        await new RecognitionSeed(db, tenant).SeedAsync(districts[DemoData.StateBoard.Slug], districts[DemoData.Springfield.Slug], people, now, ct);
        logger.LogInformation("Seeded the demo districts {Districts}", DemoData.Districts.Select(d => d.Slug));
        return true;
    }
}
