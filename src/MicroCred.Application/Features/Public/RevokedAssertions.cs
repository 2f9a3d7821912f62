using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Issuing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroCred.Application.Features.Public;

/// <summary>
/// Which of these assertions of the platform are revoked, with their names and reasons: what each one's public page
/// already says, read in bulk. Ids that are not assertions here are left out.
/// </summary>
public sealed record GetRevokedAssertions(IReadOnlyCollection<Guid> Ids) : IQuery<IReadOnlyList<RevokedAssertion>>;

public sealed record RevokedAssertion(Guid Id, string BadgeName, string Reason);

/// <summary>
/// Like every public read, each district's assertions are read in a scope acting in that district (the owner comes from
/// the global directory of public ids), so query filters and row-level security apply.
/// </summary>
public sealed class GetRevokedAssertionsHandler(IServiceScopeFactory scopes) : IQueryHandler<GetRevokedAssertions, IReadOnlyList<RevokedAssertion>>
{
    public async ValueTask<IReadOnlyList<RevokedAssertion>> Handle(GetRevokedAssertions query, CancellationToken ct)
    {
        if (query.Ids.Count == 0) return [];
        List<(Guid Id, string Slug)> owners;
        await using (var scope = scopes.CreateAsyncScope())
        {
            var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
            var districtIds = await db.PublicDocuments.AsNoTracking().Where(d => d.Kind == PublicDocumentKind.Assertion && query.Ids.Contains(d.Id))
                .Select(d => d.DistrictId).Distinct().ToListAsync(ct);
            owners = (await db.Districts.AsNoTracking().Where(d => districtIds.Contains(d.Id)).Select(d => new { d.Id, d.Slug }).ToListAsync(ct))
                .Select(d => (d.Id, d.Slug)).ToList();
        }
        var revoked = new List<RevokedAssertion>();
        foreach (var (districtId, slug) in owners)
        {
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(districtId, slug);
            revoked.AddRange(await scope.ServiceProvider.GetRequiredService<AppDbContext>().Assertions.AsNoTracking()
                .Where(a => query.Ids.Contains(a.Id) && a.RevokedAt != null)
                .Select(a => new RevokedAssertion(a.Id, a.BadgeName, a.RevocationReason ?? "")).ToListAsync(ct));
        }
        return revoked;
    }
}
