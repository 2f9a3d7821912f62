using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Issuing;
using MicroCred.Application.Features.Public;
using MicroCred.Domain.Recognition;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MicroCred.Application.Features.Recognition;

/// <summary>Configuration <c>Recognition:RescissionSweep</c>.</summary>
public sealed class CreditRescissionOptions
{
    /// <summary>How often granted credit is checked against its badges; 0 turns the job off (the tests run <see cref="CreditRescissionSweep.RunOnceAsync"/> themselves).</summary>
    public int Minutes { get; set; } = 60;
}

/// <summary>
/// The safety net behind <see cref="CreditRescinder"/>: revocation rescinds credit after it is committed, so a failure
/// then, or a credit request approved in the moment between a badge's revocation and its rescission, would leave credit
/// standing on a revoked badge. Each pass finds every organisation's granted credit on badges of this platform that
/// are revoked now and rescinds it the same way (recorded, emailed, audited in that organisation's trail).
/// </summary>
public sealed class CreditRescissionSweep(IServiceScopeFactory scopes, DatabaseLocks locks, IOptions<CreditRescissionOptions> options, TimeProvider clock,
    ILogger<CreditRescissionSweep> logger) : BackgroundService
{
    protected override Task ExecuteAsync(CancellationToken stoppingToken) =>
        PeriodicPasses.RunAsync("The credit rescission sweep", options.Value.Minutes, RunOnceAsync, clock, logger, stoppingToken);

    /// <summary>One pass over every organisation that accepts credit requests. Returns how many grants were rescinded.</summary>
    public async Task<int> RunOnceAsync(CancellationToken ct)
    {
        List<(Guid Id, string Slug, string Name)> organisations;
        await using (var scope = scopes.CreateAsyncScope())
            organisations = (await scope.ServiceProvider.GetRequiredService<AppDbContext>().Districts.AsNoTracking().Where(d => d.AcceptsCreditRequests)
                .OrderBy(d => d.Slug).Select(d => new { d.Id, d.Slug, d.Name }).ToListAsync(ct)).Select(d => (d.Id, d.Slug, d.Name)).ToList();
        var rescinded = 0;
        foreach (var (id, slug, name) in organisations)
        {
            try
            {
                rescinded += await SweepAsync(id, slug, name, ct);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Checking granted credit in {District} against revoked badges failed; retrying on the next pass", slug);
            }
        }
        return rescinded;
    }

    private async Task<int> SweepAsync(Guid id, string slug, string name, CancellationToken ct)
    {
        // One instance at a time per organisation: two sweeps at once would both rescind, and email, the same credit.
        await using var running = await locks.TryAcquireAsync(DatabaseLocks.Key("credit-rescission", id), ct);
        if (running is null) return 0;
        await using var scope = scopes.CreateAsyncScope();
        var services = scope.ServiceProvider;
        var links = services.GetRequiredService<BadgeLinks>();
        List<string> granted;
        await using (var reading = scopes.CreateAsyncScope())
        {
            reading.ServiceProvider.GetRequiredService<TenantContext>().Set(id, slug);
            granted = await reading.ServiceProvider.GetRequiredService<AppDbContext>().CreditRequests.AsNoTracking()
                .Where(r => r.Status == CreditRequestStatus.Approved && r.AssertionId != null)
                .Select(r => r.AssertionId!).Distinct().ToListAsync(ct);
        }
        var ours = granted.Select(url => (Url: url, Id: links.AssertionIdOf(url))).Where(x => x.Id is not null).ToDictionary(x => x.Id!.Value, x => x.Url);
        if (ours.Count == 0) return 0;
        var revoked = await services.GetRequiredService<ISender>().Send(new GetRevokedAssertions(ours.Keys), ct);
        if (revoked.Count == 0) return 0;
        return await services.GetRequiredService<CreditRescinder>()
            .RescindInAsync(id, slug, name, [.. revoked.Select(r => new RevokedBadge(ours[r.Id], r.BadgeName, r.Reason))], ct);
    }
}
