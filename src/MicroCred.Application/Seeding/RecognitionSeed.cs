using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Design;
using MicroCred.Domain.Recognition;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Seeding;

/// <summary>
/// The state board as a recognizer: credit types, rules for Springfield's published micro-credentials and stack
/// and for the 1EdTech example badge class of another issuer, and requests already granted and still pending.
/// The seeded requests' reports say plainly that they were not fetched from an issuer (the seed runs offline).
/// </summary>
internal sealed class RecognitionSeed(AppDbContext db, TenantContext tenant)
{
    /// <summary>The badge class of the Open Badges example fixtures (tests/fixtures/openbadges/robotics-badge.json).</summary>
    public const string ExternalBadgeClass = "https://example.org/robotics-badge.json";
    public const string ExternalBadgeName = "Awesome Robotics Badge";

    public async Task SeedAsync(District board, District springfield, IReadOnlyDictionary<string, User> people, DateTimeOffset now, CancellationToken ct)
    {
        tenant.Set(springfield.Id, springfield.Slug);
        var credentials = await db.CredentialVersions.AsNoTracking().Where(v => v.Status == VersionStatus.Published).OrderBy(v => v.Name)
            .Select(v => new { v.CredentialId, v.Name, v.EstimatedHours }).ToListAsync(ct);
        var stacks = await db.Stacks.AsNoTracking().Where(s => s.PublishedAt != null).OrderBy(s => s.Name).Select(s => new { s.Id, s.Name }).ToListAsync(ct);

        tenant.Set(board.Id, board.Slug);
        var pd = CreditType.Define(board.Id, "Professional development", "PD hours", now.AddDays(-60));
        var renewal = CreditType.Define(board.Id, "License renewal", "renewal units", now.AddDays(-60));
        var salary = CreditType.Define(board.Id, "Salary lane advancement", "salary-lane credits", now.AddDays(-60));
        db.CreditTypes.AddRange(pd, renewal, salary);
        board.AcceptCreditRequests();

        var rules = new List<RecognitionRule>();
        foreach (var c in credentials)
        {
            rules.Add(RecognitionRule.ForPlatformBadge(board.Id, RuleTarget.Credential, springfield.Id, springfield.Slug, c.CredentialId,
                $"{c.Name} ({springfield.Name})", pd, c.EstimatedHours is > 0 ? c.EstimatedHours.Value : 5, now.AddDays(-59)));
        }
        foreach (var s in stacks)
        {
            rules.Add(RecognitionRule.ForPlatformBadge(board.Id, RuleTarget.Stack, springfield.Id, springfield.Slug, s.Id,
                $"{s.Name} ({springfield.Name})", salary, 3, now.AddDays(-59)));
        }
        var external = RecognitionRule.ForExternalBadge(board.Id, ExternalBadgeClass, $"{ExternalBadgeName} (example.org)", renewal, 1.5m, now.AddDays(-59));
        rules.Add(external);
        db.RecognitionRules.AddRange(rules);
        await db.SaveChangesAsync(ct);

        var ofCredential = rules.Where(r => r.Target == RuleTarget.Credential).ToList();
        if (ofCredential.Count >= 2)
        {
            var erin = people["earner@springfield.test"].Id;
            var casey = people["casey.nguyen@springfield.test"].Id;
            var registrar = people["recognizer@state-board.test"].Id;
            var granted = Request(board.Id, erin, ofCredential[0], pd, "Springfield Public Schools", now.AddDays(-20));
            granted.Approve(pd, ofCredential[0].Units, registrar, now.AddDays(-18));
            var pending = Request(board.Id, erin, ofCredential[1], pd, "Springfield Public Schools", now.AddDays(-2));
            var externalPending = Request(board.Id, casey, external, renewal, "Example Organization", now.AddDays(-1), ExternalBadgeName);
            db.CreditRequests.AddRange(granted, pending, externalPending);
            await db.SaveChangesAsync(ct);
        }
        tenant.Clear();
    }

    private static CreditRequest Request(Guid tenantId, Guid teacher, RecognitionRule rule, CreditType type, string issuer, DateTimeOffset at, string? badgeName = null)
    {
        var name = badgeName ?? rule.DisplayName[..rule.DisplayName.LastIndexOf(" (", StringComparison.Ordinal)];
        var snapshot = new BadgeSnapshot(SnapshotVerdict.Valid, "Url", "Demo data", at,
            [new SnapshotCheck("input", "Passed", "Seeded demo request: this badge was not fetched from its issuer, so no other check ran.")])
        {
            BadgeName = name,
            IssuerName = issuer,
            BadgeClassId = rule.BadgeClassUrl,
            AssertionId = $"urn:uuid:{Guid.CreateVersion7(at)}",
            IssuedOn = at.AddDays(-3),
        };
        return CreditRequest.Submit(tenantId, teacher, snapshot, [new RuleMatch(rule.Id, rule.DisplayName, type.Id, type.Name, type.Unit, rule.Units)], [], null, at);
    }
}
