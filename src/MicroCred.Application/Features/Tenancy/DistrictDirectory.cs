using MicroCred.Application.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Caching.Memory;
using Microsoft.Extensions.DependencyInjection;

namespace MicroCred.Application.Features.Tenancy;

/// <param name="Suspended">A platform operator suspended the district: its pages tell members why they cannot act.</param>
public sealed record DistrictSummary(Guid Id, string Slug, string Name, string IssuerName, string Color, bool Suspended = false);

/// <summary>
/// Resolves the first path segment to a district on every request. Slugs never change, so entries are cached;
/// a miss is cached briefly too, so a stream of bad slugs cannot hammer the database. A profile change reaches every
/// instance through <see cref="Common.CacheEvictions"/>.
/// </summary>
public sealed class DistrictDirectory(IMemoryCache cache, IServiceScopeFactory services)
{
    public async ValueTask<DistrictSummary?> FindAsync(string slug, CancellationToken ct)
    {
        slug = slug.ToLowerInvariant();
        if (cache.TryGetValue(Key(slug), out DistrictSummary? hit)) return hit;
        await using var scope = services.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var found = await db.Districts.AsNoTracking().Where(d => d.Slug == slug)
            .Select(d => new DistrictSummary(d.Id, d.Slug, d.Name, d.IssuerName, d.Color, d.SuspendedAt != null)).SingleOrDefaultAsync(ct);
        cache.Set(Key(slug), found, found is null ? TimeSpan.FromSeconds(10) : TimeSpan.FromMinutes(10));
        return found;
    }

    /// <summary>Called after a district's profile changes (its name appears in every header).</summary>
    public void Forget(string slug) => cache.Remove(Key(slug));

    /// <summary>Forgets every district (changes made through other instances may have been missed).</summary>
    public void DropAll() => Interlocked.Increment(ref generation);

    private long generation;

    private string Key(string slug) => "district:" + Interlocked.Read(ref generation) + ":" + slug;
}
