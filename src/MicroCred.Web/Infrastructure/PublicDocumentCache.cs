using System.Security.Cryptography;
using MicroCred.Application.Common;
using Microsoft.AspNetCore.OutputCaching;
using Microsoft.Extensions.Caching.Memory;

namespace MicroCred.Web.Infrastructure;

/// <summary>
/// In-process cache of the public Open Badges documents (JSON bodies and images with their ETags) and, through the
/// output cache, the HTML verification pages. A revocation or key rotation drops the affected entries as soon as its
/// command commits. A generation counter stops a read that started before the change from putting the old document
/// back. Per process: every instance hears every change through <see cref="CacheEvictions"/> (PostgreSQL NOTIFY), and
/// drops everything when it may have missed some.
/// </summary>
public sealed class PublicDocumentCache(IOutputCacheStore pages, ILogger<PublicDocumentCache> logger) : IPublicDocumentCache, IDisposable
{
    public const string PagePolicy = "PublicBadgePage";
    private static readonly TimeSpan Lifetime = TimeSpan.FromMinutes(10);

    /// <summary>The tag every cached page carries (the policy adds it), so all of them can be dropped at once.</summary>
    public const string AllPagesTag = "public-pages";

    private readonly MemoryCache cache = new(new MemoryCacheOptions { SizeLimit = 256L * 1024 * 1024 });
    private long generation;

    /// <summary>A cached response body: what to send, its strong ETag and its status (410 for a revoked assertion).</summary>
    public sealed record Entry(byte[] Body, string ETag, int Status, string? ContentType = null, DateTimeOffset? FreshUntil = null);

    public static Entry Make(byte[] body, int status = StatusCodes.Status200OK, string? contentType = null, DateTimeOffset? freshUntil = null) =>
        new(body, "\"" + Convert.ToHexStringLower(SHA256.HashData(body))[..24] + "\"", status, contentType, freshUntil);

    public static string AssertionTag(Guid id) => "assertion:" + id;
    public static string IssuerTag(Guid districtId) => "issuer:" + districtId;

    /// <summary>The cached entry for <paramref name="key"/>, loading it on a miss; null when there is no such document (not cached).</summary>
    public async ValueTask<Entry?> GetAsync(string key, Func<ValueTask<Entry?>> load)
    {
        if (cache.TryGetValue(key, out Entry? hit)) return hit;
        var before = Interlocked.Read(ref generation);
        var loaded = await load();
        if (loaded is null || Interlocked.Read(ref generation) != before) return loaded;
        var options = new MemoryCacheEntryOptions { Size = loaded.Body.Length + 256, AbsoluteExpirationRelativeToNow = Lifetime };
        if (loaded.FreshUntil is { } until && until < DateTimeOffset.UtcNow + Lifetime) options.AbsoluteExpiration = until;
        cache.Set(key, loaded, options);
        return loaded;
    }

    public Task EvictAsync(CacheChange change) => change.Kind == CacheChange.Kinds.Assertion
        ? AssertionChangedAsync(change.AssertionId!.Value, change.DistrictId)
        : IssuerChangedAsync(change.DistrictId);

    public void DropAll()
    {
        Interlocked.Increment(ref generation);
        cache.Compact(1.0);
        _ = EvictPagesAsync(AllPagesTag);
    }

    private Task AssertionChangedAsync(Guid assertionId, Guid districtId)
    {
        Interlocked.Increment(ref generation);
        foreach (var key in new[] { "assertion:" + assertionId, "baked-png:" + assertionId, "baked-svg:" + assertionId, "revocations:" + districtId })
            cache.Remove(key);
        return EvictPagesAsync(AssertionTag(assertionId));
    }

    private Task IssuerChangedAsync(Guid districtId)
    {
        Interlocked.Increment(ref generation);
        cache.Remove("issuer:" + districtId);
        cache.Remove("revocations:" + districtId);
        return EvictPagesAsync(IssuerTag(districtId));
    }

    private async Task EvictPagesAsync(string tag)
    {
        await pages.EvictByTagAsync(tag, CancellationToken.None);
        // Output-cache writes are not generation-checked: evict once more after renders in flight have finished.
        _ = Task.Run(async () =>
        {
            try
            {
                await Task.Delay(TimeSpan.FromSeconds(5));
                await pages.EvictByTagAsync(tag, CancellationToken.None);
            }
            catch (Exception e) when (e is not OutOfMemoryException)
            {
                logger.LogWarning(e, "Could not evict cached badge pages tagged {Tag}", tag);
            }
        });
    }

    public void Dispose() => cache.Dispose();
}
