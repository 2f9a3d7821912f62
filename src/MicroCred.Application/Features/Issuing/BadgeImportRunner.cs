using System.Collections.Concurrent;
using System.Threading.Channels;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Issuing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MicroCred.Application.Features.Issuing;

public sealed class BadgeImportOptions
{
    /// <summary>How often the job looks in every district for imports left queued or running (after a restart, or started on another instance).</summary>
    public TimeSpan SweepInterval { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary>An import to work on, in its district.</summary>
public sealed record ImportWork(Guid DistrictId, string Slug, Guid ImportId);

/// <summary>Tells this instance's <see cref="BadgeImportRunner"/> that an import was started; and lets callers wait for one to finish.</summary>
public sealed class BadgeImportQueue
{
    private readonly Channel<ImportWork> work = Channel.CreateUnbounded<ImportWork>(new UnboundedChannelOptions { SingleReader = true });
    private readonly ConcurrentDictionary<Guid, TaskCompletionSource> waiters = new();

    public void Enqueue(ImportWork item) => work.Writer.TryWrite(item);

    internal ChannelReader<ImportWork> Reader => work.Reader;

    /// <summary>
    /// Completes when this instance's runner next finishes working on the import. Register before checking whether it
    /// has already finished, so the notice cannot be missed.
    /// </summary>
    public Task WhenWorkedOn(Guid importId) =>
        waiters.GetOrAdd(importId, _ => new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously)).Task;

    internal void WorkedOn(Guid importId)
    {
        if (waiters.TryRemove(importId, out var waiter)) waiter.TrySetResult();
    }
}

/// <summary>
/// The background job that issues started imports, row by row, each through <see cref="IssueImportedBadge"/> (a command:
/// authorized as the Issuer who started it, audited, its own transaction) inside the import's district. One instance
/// works on an import at a time (a PostgreSQL advisory lock); rows already handled are never touched again, so a restart
/// simply continues.
/// </summary>
public sealed class BadgeImportRunner(IServiceScopeFactory scopes, BadgeImportQueue queue, DatabaseLocks locks, IOptions<BadgeImportOptions> options,
    TimeProvider clock, ILogger<BadgeImportRunner> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        var sweepEvery = options.Value.SweepInterval;
        try
        {
            await SweepAsync(stoppingToken);
            while (!stoppingToken.IsCancellationRequested)
            {
                using var wait = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
                if (sweepEvery > TimeSpan.Zero) wait.CancelAfter(sweepEvery);
                ImportWork item;
                try
                {
                    item = await queue.Reader.ReadAsync(wait.Token);
                }
                catch (OperationCanceledException) when (!stoppingToken.IsCancellationRequested)
                {
                    await SweepAsync(stoppingToken);
                    continue;
                }
                await RunSafelyAsync(item, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
    }

    /// <summary>Every district's imports that are queued or were interrupted while running.</summary>
    public async Task SweepAsync(CancellationToken ct)
    {
        List<(Guid Id, string Slug)> districts;
        try
        {
            await using var scope = scopes.CreateAsyncScope();
            districts = (await scope.ServiceProvider.GetRequiredService<AppDbContext>().Districts.AsNoTracking()
                .Select(d => new { d.Id, d.Slug }).ToListAsync(ct)).Select(d => (d.Id, d.Slug)).ToList();
        }
        catch (Exception e) when (e is not OperationCanceledException)
        {
            logger.LogWarning(e, "Badge import sweep could not list districts; it tries again later");
            return;
        }
        foreach (var (id, slug) in districts)
        {
            List<Guid> waiting;
            await using (var scope = scopes.CreateAsyncScope())
            {
                scope.ServiceProvider.GetRequiredService<TenantContext>().Set(id, slug);
                waiting = await scope.ServiceProvider.GetRequiredService<AppDbContext>().BadgeImports.AsNoTracking()
                    .Where(i => i.Status == BadgeImportStatus.Queued || i.Status == BadgeImportStatus.Running)
                    .OrderBy(i => i.StartedAt).Select(i => i.Id).ToListAsync(ct);
            }
            foreach (var importId in waiting) await RunSafelyAsync(new ImportWork(id, slug, importId), ct);
        }
    }

    private async Task RunSafelyAsync(ImportWork item, CancellationToken ct)
    {
        try
        {
            await RunAsync(item, ct);
        }
        catch (Exception e) when (e is not OperationCanceledException || !ct.IsCancellationRequested)
        {
            logger.LogWarning(e, "Badge import {ImportId} in {District} was interrupted; it continues on the next sweep", item.ImportId, item.Slug);
        }
        finally
        {
            queue.WorkedOn(item.ImportId);
        }
    }

    /// <summary>Works through one import's ready rows, as the Issuer who started it.</summary>
    public async Task RunAsync(ImportWork item, CancellationToken ct)
    {
        // Held until this run ends; released by the server too if this instance dies, so another one's sweep resumes the import.
        await using var running = await locks.TryAcquireAsync(DatabaseLocks.Key("badge-import", item.ImportId), ct);
        if (running is null) return; // another instance has it
        {
            (Guid? StartedBy, List<Guid> Rows) plan;
            await using (var scope = scopes.CreateAsyncScope())
            {
                scope.ServiceProvider.GetRequiredService<TenantContext>().Set(item.DistrictId, item.Slug);
                var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                var import = await db.BadgeImports.AsNoTracking().SingleOrDefaultAsync(i => i.Id == item.ImportId, ct);
                if (import is null || !import.IsWaitingForRunner) return;
                plan = (import.StartedBy, await db.BadgeImportRows.AsNoTracking()
                    .Where(r => r.ImportId == import.Id && r.Status == ImportRowStatus.Ready).OrderBy(r => r.Line).Select(r => r.Id).ToListAsync(ct));
            }
            var starter = await StarterAsync(plan.StartedBy, ct);
            foreach (var rowId in plan.Rows)
            {
                await using var scope = scopes.CreateAsyncScope();
                scope.ServiceProvider.GetRequiredService<TenantContext>().Set(item.DistrictId, item.Slug);
                if (starter is { } s) scope.ServiceProvider.GetRequiredService<CurrentUser>().Set(s.Id, s.Email, s.Name);
                try
                {
                    await scope.ServiceProvider.GetRequiredService<ISender>().Send(new IssueImportedBadge(item.ImportId, rowId), ct);
                }
                catch (ForbiddenException e)
                {
                    await StopAsync(item, $"Stopped: {e.Message} The person who started the import may no longer issue badges here.", ct);
                    return;
                }
            }
            // Nothing left (every row handled, perhaps by an earlier run): make sure the import says so.
            await FinishAsync(item, ct);
            logger.LogInformation("Badge import {ImportId} in {District} worked through {Rows} rows", item.ImportId, item.Slug, plan.Rows.Count);
        }
    }

    private async Task<(Guid Id, string? Email, string Name)?> StarterAsync(Guid? userId, CancellationToken ct)
    {
        if (userId is null) return null;
        await using var scope = scopes.CreateAsyncScope();
        var person = await scope.ServiceProvider.GetRequiredService<AppDbContext>().Users.AsNoTracking().Where(u => u.Id == userId)
            .Select(u => new { u.Id, u.Email, u.DisplayName }).SingleOrDefaultAsync(ct);
        return person is null ? null : (person.Id, person.Email, person.DisplayName);
    }

    private Task StopAsync(ImportWork item, string reason, CancellationToken ct) => UpdateAsync(item, i => i.Stop(reason, clock.GetUtcNow()), ct);

    private Task FinishAsync(ImportWork item, CancellationToken ct) => UpdateAsync(item, i => i.Finish(clock.GetUtcNow()), ct);

    /// <summary>The job's own changes to the import, audited under the job's name.</summary>
    private async Task UpdateAsync(ImportWork item, Action<BadgeImport> change, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(item.DistrictId, item.Slug);
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        using var audit = scope.ServiceProvider.GetRequiredService<AuditScope>().Begin(nameof(BadgeImportRunner), new { item.ImportId });
        var import = await db.BadgeImports.SingleOrDefaultAsync(i => i.Id == item.ImportId, ct);
        if (import is null || import.IsFinished) return;
        change(import);
        await db.SaveChangesAsync(ct);
    }
}
