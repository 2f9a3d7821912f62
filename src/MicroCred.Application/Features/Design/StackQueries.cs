using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Design;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Design;

/// <summary>The district's stacks, published or not, for developers.</summary>
[RequiresRole(DistrictRole.Developer)]
public sealed record ListStacks : IQuery<IReadOnlyList<StackRow>>;

public sealed record StackRow(Guid Id, string Name, bool Sequential, int CredentialCount, DateTimeOffset? PublishedAt);

/// <summary>The published, non-retired micro-credentials a developer can put in a stack, by name.</summary>
[RequiresRole(DistrictRole.Developer)]
public sealed record GetStackableCredentials : IQuery<IReadOnlyList<CredentialChoice>>;

public sealed record CredentialChoice(Guid CredentialId, string Name);

/// <summary>A stack as the editor shows it: its fields, its credentials in order, and what else could join.</summary>
[RequiresRole(DistrictRole.Developer)]
public sealed record GetStackForEditing(Guid StackId) : IQuery<StackEditor>;

public sealed record StackEditor(
    Guid Id, string Name, string Description, bool Sequential, DateTimeOffset? PublishedAt, Guid? ImageId,
    IReadOnlyList<StackMember> Credentials, IReadOnlyList<CredentialChoice> Available);

/// <summary>A credential in a stack; <see cref="Retired"/> ones stay listed but are hidden from the public.</summary>
public sealed record StackMember(Guid CredentialId, string Name, bool Retired);

public sealed class StackQueriesHandler(AppDbContext db)
    : IQueryHandler<ListStacks, IReadOnlyList<StackRow>>, IQueryHandler<GetStackableCredentials, IReadOnlyList<CredentialChoice>>,
      IQueryHandler<GetStackForEditing, StackEditor>
{
    public async ValueTask<IReadOnlyList<StackRow>> Handle(ListStacks query, CancellationToken ct) =>
        await db.Stacks.AsNoTracking().OrderBy(s => s.Name)
            .Select(s => new StackRow(s.Id, s.Name, s.Sequential, s.CredentialIds.Count, s.PublishedAt)).ToListAsync(ct);

    public async ValueTask<IReadOnlyList<CredentialChoice>> Handle(GetStackableCredentials query, CancellationToken ct) =>
        await db.CredentialVersions.AsNoTracking().Where(v => v.Status == VersionStatus.Published).OrderBy(v => v.Name)
            .Select(v => new CredentialChoice(v.CredentialId, v.Name)).ToListAsync(ct);

    public async ValueTask<StackEditor> Handle(GetStackForEditing query, CancellationToken ct)
    {
        var stack = await db.Stacks.AsNoTracking().SingleOrDefaultAsync(s => s.Id == query.StackId, ct) ?? throw new NotFoundException("Stack", query.StackId);
        var names = await db.CredentialNamesAsync(stack.CredentialIds, ct);
        var members = stack.CredentialIds.Where(names.ContainsKey)
            .Select(id => new StackMember(id, names[id].Name, names[id].Status == VersionStatus.Retired)).ToList();
        var available = (await Handle(new GetStackableCredentials(), ct)).Where(c => !stack.CredentialIds.Contains(c.CredentialId)).ToList();
        return new StackEditor(stack.Id, stack.Name, stack.Description, stack.Sequential, stack.PublishedAt, stack.ImageId, members, available);
    }
}

internal static class StackNames
{
    /// <summary>Name and status of the current published (or retired) version of each credential.</summary>
    public static async Task<Dictionary<Guid, (string Name, VersionStatus Status)>> CredentialNamesAsync(this AppDbContext db, IReadOnlyCollection<Guid> ids, CancellationToken ct)
    {
        var rows = await db.CredentialVersions.AsNoTracking()
            .Where(v => ids.Contains(v.CredentialId) && (v.Status == VersionStatus.Published || v.Status == VersionStatus.Retired))
            .Select(v => new { v.CredentialId, v.Name, v.Status, v.Number }).ToListAsync(ct);
        // A credential retired and later published again has an old retired version beside the published one.
        return rows.GroupBy(r => r.CredentialId).ToDictionary(g => g.Key, g =>
        {
            var current = g.OrderBy(r => r.Status == VersionStatus.Published ? 0 : 1).ThenByDescending(r => r.Number).First();
            return (current.Name, current.Status);
        });
    }
}
