using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Email;
using MicroCred.Application.Features.Evidence;
using MicroCred.Domain.Issuing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MicroCred.Application.Features.Issuing;

/// <summary>Configuration <c>Issuing:RenewalReminders</c>.</summary>
public sealed class RenewalReminderOptions
{
    /// <summary>Earners are reminded when their valid badge expires within this many days.</summary>
    public int Days { get; set; } = Renewal.WindowDays;

    /// <summary>How often every district is checked; 0 turns the job off (the tests run <see cref="RenewalReminderJob.RunOnceAsync"/> themselves).</summary>
    public int Minutes { get; set; } = 60;
}

/// <summary>
/// Emails each earner once when a valid badge of theirs expires soon, with the link to earn the credential again.
/// The reminder is recorded on the badge (<see cref="Assertion.RemindOfRenewal"/>), so a restart or a second pass
/// never sends it twice. Every district is read in its own scope acting in that district (row-level security and the
/// tenant filter apply), so a badge of one district is never read, changed or emailed from another's pass.
/// </summary>
public sealed class RenewalReminderJob(IServiceScopeFactory scopes, DatabaseLocks locks, IOptions<RenewalReminderOptions> options, TimeProvider clock,
    ILogger<RenewalReminderJob> logger) : BackgroundService
{
    // Reminders are recorded per badge, so a restart never repeats one.
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicPasses.RunAsync("Renewal reminders", options.Value.Minutes, RunOnceAsync, clock, logger, stoppingToken);

    /// <summary>One pass over every district. Returns the badges whose earners were reminded.</summary>
    public async Task<IReadOnlyList<Guid>> RunOnceAsync(CancellationToken ct)
    {
        List<(Guid Id, string Slug)> districts;
        await using (var scope = scopes.CreateAsyncScope())
            districts = (await scope.ServiceProvider.GetRequiredService<AppDbContext>().Districts.AsNoTracking()
                .OrderBy(d => d.Slug).Select(d => new { d.Id, d.Slug }).ToListAsync(ct)).Select(d => (d.Id, d.Slug)).ToList();
        var reminded = new List<Guid>();
        foreach (var (id, slug) in districts)
        {
            try
            {
                reminded.AddRange(await RemindDistrictAsync(id, slug, ct));
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                // One district's failure must not keep the others' earners from hearing: it is retried on the next pass.
                logger.LogWarning(e, "Renewal reminders for {District} failed; retrying on the next pass", slug);
            }
        }
        return reminded;
    }

    /// <summary>Reminds the earners of one district, acting in that district only.</summary>
    public async Task<IReadOnlyList<Guid>> RemindDistrictAsync(Guid districtId, string slug, CancellationToken ct)
    {
        // One instance at a time per district: two passes at once would both find a badge not yet reminded.
        await using var running = await locks.TryAcquireAsync(DatabaseLocks.Key("renewal-reminders", districtId), ct);
        if (running is null) return [];
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<TenantContext>().Set(districtId, slug);
        var db = services.GetRequiredService<AppDbContext>();
        var now = clock.GetUtcNow();
        var window = TimeSpan.FromDays(options.Value.Days);
        var until = now + window;

        // Valid credential badges expiring within the window, not yet reminded, and not already renewed (the earner
        // holds no other valid badge for the credential lasting longer).
        var due = await db.Assertions.ValidAt(now)
            .Where(a => a.CredentialId != null && a.RenewalRemindedAt == null && a.Expires != null && a.Expires <= until)
            .Where(a => !db.Assertions.Any(b => b.Id != a.Id && b.RecipientId == a.RecipientId && b.CredentialId == a.CredentialId
                && b.RevokedAt == null && (b.Expires == null || b.Expires > a.Expires)))
            .OrderBy(a => a.Expires).ToListAsync(ct);
        if (due.Count == 0) return [];

        using var _ = services.GetRequiredService<AuditScope>().Begin("RemindOfRenewal", new { Badges = due.Count });
        var district = await db.Districts.AsNoTracking().SingleAsync(d => d.Id == districtId, ct);
        var outbox = services.GetRequiredService<EmailOutbox>();
        var links = services.GetRequiredService<BadgeLinks>();
        foreach (var badge in due)
        {
            badge.RemindOfRenewal(window, now);
            var expires = badge.Expires!.Value;
            var opens = expires.AddDays(-Renewal.WindowDays);
            outbox.Queue(badge.RecipientEmail, $"Your badge \"{badge.BadgeName}\" expires on {expires:d MMMM yyyy}",
                [
                    $"Hello {badge.RecipientName},",
                    $"Your {district.Name} badge \"{badge.BadgeName}\" expires on {expires:d MMMM yyyy}. After that it no longer counts towards stacks, prerequisites or credit.",
                    opens <= now
                        ? "You can earn it again now: open the micro-credential and choose \"Earn it again\". The new badge replaces this one."
                        : $"You can earn it again from {opens:d MMMM yyyy}: open the micro-credential and choose \"Earn it again\". The new badge replaces this one.",
                ],
                "Earn it again", links.CredentialPage(district.Slug, badge.CredentialId!.Value));
        }
        await db.SaveChangesAsync(ct);
        logger.LogInformation("Reminded {Count} earners in {District} that their badges expire soon", due.Count, slug);
        return due.Select(b => b.Id).ToList();
    }
}
