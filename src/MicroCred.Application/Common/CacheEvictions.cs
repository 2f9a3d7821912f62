using MicroCred.Application.Data;
using MicroCred.Application.Features.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Storage;

namespace MicroCred.Application.Common;

/// <summary>What changed that instances keep in memory; travels between instances as a notification payload.</summary>
public sealed record CacheChange(CacheChange.Kinds Kind, Guid DistrictId, Guid? AssertionId = null, string? Slug = null)
{
    public enum Kinds { Assertion, Issuer, District }

    public string ToPayload() => Kind switch
    {
        Kinds.Assertion => $"assertion:{AssertionId}:{DistrictId}",
        Kinds.District => $"district:{DistrictId}:{Slug}",
        _ => $"issuer:{DistrictId}",
    };

    public static CacheChange? Parse(string payload)
    {
        var parts = payload.Split(':');
        return parts switch
        {
            ["assertion", var a, var d] when Guid.TryParse(a, out var assertion) && Guid.TryParse(d, out var district) => new(Kinds.Assertion, district, assertion),
            ["district", var d, var slug] when Guid.TryParse(d, out var district) && slug.Length > 0 => new(Kinds.District, district, Slug: slug),
            ["issuer", var d] when Guid.TryParse(d, out var district) => new(Kinds.Issuer, district),
            _ => null,
        };
    }
}

/// <summary>
/// A cache of public documents kept by the host (every instance has its own). The default keeps nothing.
/// </summary>
public interface IPublicDocumentCache
{
    /// <summary>Drops what <paramref name="change"/> affects: an assertion's JSON, baked images, page and the issuer's revocation
    /// list; or the issuer profile (a key was added or rotated, the district's profile was edited).</summary>
    Task EvictAsync(CacheChange change);

    /// <summary>Drops everything (changes may have been missed).</summary>
    void DropAll();
}

internal sealed class NoPublicDocumentCache : IPublicDocumentCache
{
    public Task EvictAsync(CacheChange change) => Task.CompletedTask;
    public void DropAll() { }
}

/// <summary>
/// The one way a change reaches every instance's in-memory caches (the public Open Badges documents and their pages,
/// the district directory). A command tells it what it changes before it saves; the save then sends <c>pg_notify</c> in its own transaction (so the notification goes
/// exactly when the change commits, and never for a change rolled back), and this instance's cache drops the documents
/// at once after the commit. Every instance hears the notification (<see cref="DatabaseNotifications"/>) and evicts too.
/// </summary>
public sealed class CacheEvictions(IPublicDocumentCache cache, DistrictDirectory directory) : SaveChangesInterceptor
{
    private readonly List<CacheChange> pending = [];
    private IDbContextTransaction? owned;

    /// <summary>An assertion was revoked or changed (its JSON, baked images, page and the issuer's revocation list).</summary>
    public void AssertionChanged(Guid assertionId, Guid districtId) => pending.Add(new(CacheChange.Kinds.Assertion, districtId, assertionId));

    /// <summary>The issuer profile changed (a key was added or rotated, the district's profile was edited).</summary>
    public void IssuerChanged(Guid districtId) => pending.Add(new(CacheChange.Kinds.Issuer, districtId));

    /// <summary>The district's profile changed: its name in every header, and the issuer profile its badges carry.</summary>
    public void DistrictChanged(Guid districtId, string slug) => pending.Add(new(CacheChange.Kinds.District, districtId, Slug: slug));

    /// <summary>Hears the other instances' changes (and this one's own, harmlessly again).</summary>
    public static void Listen(DatabaseNotifications notifications, IPublicDocumentCache cache, DistrictDirectory directory)
    {
        notifications.Subscribe(DatabaseNotifications.CacheChannel, payload =>
        {
            if (CacheChange.Parse(payload) is { } change) _ = EvictAsync(change, cache, directory);
        });
        notifications.Reconnected += () =>
        {
            cache.DropAll();
            directory.DropAll();
        };
    }

    private static Task EvictAsync(CacheChange change, IPublicDocumentCache cache, DistrictDirectory directory)
    {
        if (change.Kind == CacheChange.Kinds.District) directory.Forget(change.Slug!);
        return cache.EvictAsync(change);
    }

    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result,
        CancellationToken cancellationToken = default)
    {
        if (pending.Count > 0 && eventData.Context is { } db && db.Database.CurrentTransaction is null)
            owned = await db.Database.BeginTransactionAsync(cancellationToken);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (pending.Count > 0 && eventData.Context is { } db && db.Database.CurrentTransaction is null) owned = db.Database.BeginTransaction();
        return result;
    }

    public override async ValueTask<int> SavedChangesAsync(SaveChangesCompletedEventData eventData, int result, CancellationToken cancellationToken = default)
    {
        if (pending.Count == 0 || eventData.Context is not { } db) return result;
        var changes = pending.ToList();
        pending.Clear();
        foreach (var change in changes)
            await db.Database.ExecuteSqlAsync($"SELECT pg_notify({DatabaseNotifications.CacheChannel}, {change.ToPayload()})", CancellationToken.None);
        if (owned is null) return result; // the caller's transaction sends them when it commits
        await using (owned)
        {
            await owned.CommitAsync(CancellationToken.None);
            owned = null;
        }
        foreach (var change in changes) await EvictAsync(change, cache, directory); // this instance at once; the others when they hear it
        return result;
    }

    public override int SavedChanges(SaveChangesCompletedEventData eventData, int result) =>
        SavedChangesAsync(eventData, result).AsTask().GetAwaiter().GetResult();

    public override async Task SaveChangesFailedAsync(DbContextErrorEventData eventData, CancellationToken cancellationToken = default)
    {
        if (owned is null) return;
        await owned.DisposeAsync(); // rolls back
        owned = null;
    }

    public override void SaveChangesFailed(DbContextErrorEventData eventData)
    {
        owned?.Dispose();
        owned = null;
    }
}
