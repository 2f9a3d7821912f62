using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Evidence;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MicroCred.Application.Evidence;

public sealed record CleanupReport(int Uploads, int Files)
{
    public static CleanupReport operator +(CleanupReport a, CleanupReport b) => new(a.Uploads + b.Uploads, a.Files + b.Files);
}

/// <summary>
/// Removes, district by district (with the district set, so row-level security applies, and an audit scope
/// open): expired upload sessions with their partial bytes, files their owner deleted, and files nothing has
/// attached for the grace period. One instance at a time (a PostgreSQL advisory lock); safe to repeat.
/// </summary>
public sealed class EvidenceCleanup(IServiceScopeFactory scopes, UploadLocks locks, DatabaseLocks database, IOptions<UploadOptions> options, TimeProvider clock,
    ILogger<EvidenceCleanup> logger) : BackgroundService
{
    private static readonly long RunLock = DatabaseLocks.Key(nameof(EvidenceCleanup));

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var settings = options.Value;
        if (!settings.CleanupEnabled) return;
        try
        {
            await Task.Delay(TimeSpan.FromMinutes(1) < settings.CleanupInterval ? TimeSpan.FromMinutes(1) : settings.CleanupInterval, clock, stoppingToken);
            using var timer = new PeriodicTimer(settings.CleanupInterval, clock);
            do
            {
                try
                {
                    var report = await RunOnceAsync(clock.GetUtcNow(), stoppingToken);
                    if (report.Uploads + report.Files > 0)
                        logger.LogInformation("Evidence cleanup removed {Uploads} uploads and {Files} files", report.Uploads, report.Files);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    logger.LogWarning(e, "Evidence cleanup failed; it runs again in {Interval}", settings.CleanupInterval);
                }
            } while (await timer.WaitForNextTickAsync(stoppingToken));
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    /// <summary>One pass over every district, as of <paramref name="now"/>.</summary>
    public async Task<CleanupReport> RunOnceAsync(DateTimeOffset now, CancellationToken ct)
    {
        await using var running = await database.TryAcquireAsync(RunLock, ct);
        if (running is null) return new CleanupReport(0, 0); // another instance is cleaning
        await using var scope = scopes.CreateAsyncScope();
        var districts = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Districts.AsNoTracking().OrderBy(d => d.Slug)
            .Select(d => new { d.Id, d.Slug }).ToListAsync(ct);
        var total = new CleanupReport(0, 0);
        foreach (var district in districts) total += await CleanDistrictAsync(district.Id, district.Slug, now, ct);
        return total;
    }

    private async Task<CleanupReport> CleanDistrictAsync(Guid districtId, string slug, DateTimeOffset now, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        services.GetRequiredService<TenantContext>().Set(districtId, slug);
        var db = services.GetRequiredService<AppDbContext>();
        var store = services.GetRequiredService<IEvidenceStore>();
        using var audit = services.GetRequiredService<AuditScope>().Begin(nameof(EvidenceCleanup), null);

        var uploads = 0;
        foreach (var upload in await db.UploadSessions.Where(u => u.ExpiresAt <= now).ToListAsync(ct))
        {
            if (!upload.CanBeRemovedAt(now)) continue;
            UploadLocks.Lease lease;
            try
            {
                lease = await locks.AcquireAsync(upload.Id, TimeSpan.FromSeconds(5), ct);
            }
            catch (UploadRefusedException)
            {
                continue; // still being written to: next time
            }
            await using (lease)
            {
                if (upload.State != UploadState.Completed && upload.StorageHandle.Length > 0) await store.AbortUploadAsync(upload.StorageHandle, ct);
                db.UploadSessions.Remove(upload);
                uploads++;
            }
        }

        var cutoff = now - options.Value.UnattachedGrace;
        var files = 0;
        var candidates = await db.StoredFiles
            .Where(f => f.State == StoredFileState.Deleted || (f.AttachedToType == null && f.UnattachedSince <= cutoff))
            .ToListAsync(ct);
        foreach (var file in candidates.Where(f => f.State == StoredFileState.Deleted || f.IsAbandonedAt(now, options.Value.UnattachedGrace)))
        {
            await store.DeleteAsync(file.StorageKey, ct);
            db.StoredFiles.Remove(file);
            files++;
        }

        if (uploads + files > 0)
        {
            await db.SaveChangesAsync(ct);
            logger.LogInformation("Evidence cleanup in {District}: {Uploads} expired uploads and {Files} files removed", slug, uploads, files);
        }
        return new CleanupReport(uploads, files);
    }
}
