using MicroCred.Application.Data;
using MicroCred.Application.Features.Issuing;
using MicroCred.Domain.Design;
using MicroCred.Domain.Issuing;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroCred.IntegrationTests.Issuing;

/// <summary>
/// Renewal reminders (issue 14 §4, "the earner is reminded before expiry"): the earner of a valid badge expiring within
/// 90 days is emailed once, with the link to earn it again; not for a badge expiring later, revoked or already renewed;
/// each district's pass reads and emails only its own badges.
/// </summary>
public sealed class RenewalReminderTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Eli = "earner@shelbyville.test";

    private RenewalReminderJob Job => fixture.App.Services.GetRequiredService<RenewalReminderJob>();

    /// <summary>A published credential of <paramref name="district"/> whose badges are valid for a year.</summary>
    private async Task<(Guid Id, Guid VersionId)> YearlyCredential(string name, string district = "springfield")
    {
        var developer = $"developer@{district}.test";
        await using var scope = await fixture.As(developer, district);
        var db = AppFixture.Get<AppDbContext>(scope);
        using var _ = AppFixture.Get<AuditScope>(scope).Begin("TestCredential", null);
        var (tenantId, _) = await fixture.District(district);
        var developerId = await fixture.UserId(developer);
        var now = DateTimeOffset.UtcNow;
        var (credential, draft) = MicroCredential.Create(tenantId, name, Rubric.DefaultLevelNames, developerId, now);
        draft.Revise(AssessmentKit.Content(name, 3) with { ValidityMonths = 12 });
        credential.Publish(draft, null, developerId, now);
        db.MicroCredentials.Add(credential);
        db.CredentialVersions.Add(draft);
        await db.SaveChangesAsync();
        return (credential.Id, draft.Id);
    }

    /// <summary>A badge for the credential as the district recorded it (imported), issued on <paramref name="issuedOn"/>.</summary>
    private async Task<Guid> Badge(string email, Guid versionId, DateTimeOffset issuedOn, string district = "springfield")
    {
        await using var scope = await fixture.As($"issuer@{district}.test", district);
        using var _ = AppFixture.Get<AuditScope>(scope).Begin("TestImport", null);
        var id = await AppFixture.Get<BadgeIssuing>(scope).IssueAsync(
            new BadgeAward(await fixture.UserId(email), versionId, IssuedOn: issuedOn, Basis: AwardBasis.Migrated), CancellationToken.None);
        await AppFixture.Get<AppDbContext>(scope).SaveChangesAsync();
        return id;
    }

    private async Task<T> InDistrict<T>(string district, Func<AppDbContext, Task<T>> read)
    {
        var (id, slug) = await fixture.District(district);
        await using var scope = fixture.App.Scope(id, slug);
        return await read(AppFixture.Get<AppDbContext>(scope));
    }

    /// <summary>Reminder emails naming <paramref name="badgeName"/>, read as the platform (all outgoing mail).</summary>
    private async Task<List<(string To, string Subject, string Body)>> RemindersFor(string badgeName)
    {
        await using var scope = fixture.App.Scope();
        return (await AppFixture.Get<AppDbContext>(scope).EmailMessages.AsNoTracking()
                .Where(m => m.Subject.Contains(badgeName) && m.Subject.Contains("expires on")).ToListAsync())
            .Select(m => (m.To, m.Subject, m.TextBody)).ToList();
    }

    [Fact]
    public async Task The_earner_is_reminded_once_of_a_badge_expiring_soon_not_of_one_expiring_later_revoked_or_renewed()
    {
        var now = DateTimeOffset.UtcNow;
        var (soonId, soonVersion) = await YearlyCredential("Reminder: expiring soon");
        var (_, laterVersion) = await YearlyCredential("Reminder: expiring later");
        var (_, revokedVersion) = await YearlyCredential("Reminder: revoked");
        var (_, renewedVersion) = await YearlyCredential("Reminder: already renewed");
        var soon = await Badge(AssessmentKit.Erin, soonVersion, now.AddMonths(-11)); // expires in about a month
        var later = await Badge(AssessmentKit.Erin, laterVersion, now.AddMonths(-6)); // in about six months
        var revoked = await Badge(AssessmentKit.Erin, revokedVersion, now.AddMonths(-11));
        await fixture.RevokeAsync(revoked, "Issued in error.");
        var renewedOld = await Badge(AssessmentKit.Taylor, renewedVersion, now.AddMonths(-11));
        var renewedNew = await Badge(AssessmentKit.Taylor, renewedVersion, now.AddDays(-1));

        // Two passes at once, as two instances would run them: each earner still hears once.
        var reminded = (await Task.WhenAll(Job.RunOnceAsync(default), Job.RunOnceAsync(default))).SelectMany(r => r).ToList();

        Assert.Contains(soon, reminded);
        Assert.DoesNotContain(later, reminded);
        Assert.DoesNotContain(revoked, reminded);
        Assert.DoesNotContain(renewedOld, reminded);
        Assert.DoesNotContain(renewedNew, reminded);
        var mail = Assert.Single(await RemindersFor("Reminder: expiring soon"));
        Assert.Equal(AssessmentKit.Erin, mail.To);
        Assert.Contains($"/springfield/credentials/{soonId}", mail.Body);
        Assert.Contains("Earn it again", mail.Body);
        Assert.Empty(await RemindersFor("Reminder: expiring later"));
        Assert.Empty(await RemindersFor("Reminder: revoked"));
        Assert.Empty(await RemindersFor("Reminder: already renewed"));

        // Recorded on the badge, in the audit trail, and never sent twice.
        var badge = await InDistrict("springfield", db => db.Assertions.AsNoTracking().SingleAsync(a => a.Id == soon));
        Assert.NotNull(badge.RenewalRemindedAt);
        var audit = await InDistrict("springfield", db => db.AuditEntries.AsNoTracking().Where(e => e.Action == "RemindOfRenewal").ToListAsync());
        Assert.Contains(audit, e => e.Targets.Contains(soon.ToString()));
        Assert.DoesNotContain(soon, await Job.RunOnceAsync(default));
        Assert.Single(await RemindersFor("Reminder: expiring soon"));
        Assert.Null((await InDistrict("springfield", db => db.Assertions.AsNoTracking().SingleAsync(a => a.Id == later))).RenewalRemindedAt);
    }

    [Fact]
    public async Task Each_districts_pass_reads_and_emails_only_its_own_badges()
    {
        var now = DateTimeOffset.UtcNow;
        var (springfieldCredential, springfieldVersion) = await YearlyCredential("Reminder: Springfield's own");
        var (shelbyvilleCredential, shelbyvilleVersion) = await YearlyCredential("Reminder: Shelbyville's own", "shelbyville");
        var springfieldBadge = await Badge(AssessmentKit.Erin, springfieldVersion, now.AddMonths(-11));
        var shelbyvilleBadge = await Badge(Eli, shelbyvilleVersion, now.AddMonths(-11), "shelbyville");
        var (springfieldId, _) = await fixture.District("springfield");
        var (shelbyvilleId, _) = await fixture.District("shelbyville");

        // Springfield's pass never touches Shelbyville's badge, even one due for a reminder.
        var inSpringfield = await Job.RemindDistrictAsync(springfieldId, "springfield", default);
        Assert.Contains(springfieldBadge, inSpringfield);
        Assert.DoesNotContain(shelbyvilleBadge, inSpringfield);
        Assert.Empty(await RemindersFor("Reminder: Shelbyville's own"));
        Assert.Null((await InDistrict("shelbyville", db => db.Assertions.AsNoTracking().SingleAsync(a => a.Id == shelbyvilleBadge))).RenewalRemindedAt);

        // Shelbyville's own pass reminds its earner, with Shelbyville's link, and leaves Springfield's badge alone.
        var inShelbyville = await Job.RemindDistrictAsync(shelbyvilleId, "shelbyville", default);
        Assert.Contains(shelbyvilleBadge, inShelbyville);
        Assert.DoesNotContain(springfieldBadge, inShelbyville);
        var mail = Assert.Single(await RemindersFor("Reminder: Shelbyville's own"));
        Assert.Equal(Eli, mail.To);
        Assert.Contains($"/shelbyville/credentials/{shelbyvilleCredential}", mail.Body);
        Assert.DoesNotContain("springfield", mail.Body, StringComparison.OrdinalIgnoreCase);
        var springfieldMail = Assert.Single(await RemindersFor("Reminder: Springfield's own"));
        Assert.Equal(AssessmentKit.Erin, springfieldMail.To);
        Assert.Contains($"/springfield/credentials/{springfieldCredential}", springfieldMail.Body);

        // Seen from Springfield, Shelbyville's badge does not exist at all.
        Assert.False(await InDistrict("springfield", db => db.Assertions.AnyAsync(a => a.Id == shelbyvilleBadge)));
    }
}
