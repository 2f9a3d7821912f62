using Mediator;
using MicroCred.Application.Data;
using MicroCred.Domain.Design;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Design;

/// <summary>
/// May someone who has earned <paramref name="Earned"/> (micro-credential ids) start <paramref name="CredentialId"/>?
/// Empty means yes; otherwise what they must earn first, in stack order, and which sequential stack requires it.
/// Only published stacks bind earners, and a retired credential no longer holds anyone back. The earner feature calls this (or <see cref="Prerequisites.MissingAsync"/>
/// from inside a handler) when someone starts a credential.
/// </summary>
public sealed record GetMissingPrerequisites(Guid CredentialId, IReadOnlySet<Guid> Earned) : IQuery<IReadOnlyList<RequiredFirst>>;

public sealed record RequiredFirst(Guid CredentialId, string Name, Guid StackId, string StackName);

public sealed class GetMissingPrerequisitesHandler(AppDbContext db) : IQueryHandler<GetMissingPrerequisites, IReadOnlyList<RequiredFirst>>
{
    public async ValueTask<IReadOnlyList<RequiredFirst>> Handle(GetMissingPrerequisites query, CancellationToken ct) =>
        await db.MissingAsync(query.CredentialId, query.Earned, ct);
}

public static class Prerequisites
{
    /// <summary>The same check as <see cref="GetMissingPrerequisites"/>, for handlers that already hold the DbContext.</summary>
    public static async Task<IReadOnlyList<RequiredFirst>> MissingAsync(this AppDbContext db, Guid credentialId, IReadOnlySet<Guid> earned, CancellationToken ct)
    {
        var stacks = await db.Stacks.AsNoTracking()
            .Where(s => s.PublishedAt != null && s.Sequential && s.CredentialIds.Contains(credentialId)).ToListAsync(ct);
        var missing = Stack.MissingPrerequisites(stacks, credentialId, earned);
        if (missing.Count == 0) return [];
        var names = await db.CredentialNamesAsync(missing.Select(m => m.CredentialId).ToList(), ct);
        var stackNames = stacks.ToDictionary(s => s.Id, s => s.Name);
        // A retired credential can no longer be started, so it cannot hold anyone back.
        return missing.Where(m => names.TryGetValue(m.CredentialId, out var n) && n.Status == VersionStatus.Published)
            .Select(m => new RequiredFirst(m.CredentialId, names[m.CredentialId].Name, m.StackId, stackNames[m.StackId])).ToList();
    }
}
