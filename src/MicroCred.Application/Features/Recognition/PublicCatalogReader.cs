using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Design;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroCred.Application.Features.Recognition;

/// <summary>An item of a district's public catalog that a rule can recognise.</summary>
public sealed record CatalogItem(Guid Id, string Name);

public sealed record PublicCatalog(Guid DistrictId, string Slug, string Name, IReadOnlyList<CatalogItem> Credentials, IReadOnlyList<CatalogItem> Stacks);

/// <summary>
/// The one place recognition reads another district's data: what that district's public catalog shows anyone
/// (published, non-retired micro-credentials and published stacks, by id and name). It runs in a scope of its
/// own acting in that district, so the query filters and row-level security apply as they do to an anonymous
/// visitor of <c>/{district}/catalog</c>; nothing else of the district is read.
/// </summary>
public sealed class PublicCatalogReader(IServiceScopeFactory scopes)
{
    public async Task<PublicCatalog?> ReadAsync(string slug, CancellationToken ct)
    {
        await using var scope = scopes.CreateAsyncScope();
        var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
        var lower = (slug ?? "").Trim().ToLowerInvariant();
        var district = await db.Districts.AsNoTracking().Where(d => d.Slug == lower).Select(d => new { d.Id, d.Slug, d.Name }).SingleOrDefaultAsync(ct);
        if (district is null) return null;
        scope.ServiceProvider.GetRequiredService<TenantContext>().Set(district.Id, district.Slug);

        var credentials = await db.CredentialVersions.AsNoTracking().Where(v => v.Status == VersionStatus.Published)
            .OrderBy(v => v.Name).Select(v => new CatalogItem(v.CredentialId, v.Name)).ToListAsync(ct);
        var stacks = await db.Stacks.AsNoTracking().Where(s => s.PublishedAt != null)
            .OrderBy(s => s.Name).Select(s => new CatalogItem(s.Id, s.Name)).ToListAsync(ct);
        return new PublicCatalog(district.Id, district.Slug, district.Name, credentials, stacks);
    }
}
