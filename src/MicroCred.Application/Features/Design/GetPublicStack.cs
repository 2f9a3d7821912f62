using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Design;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Design;

/// <summary>A published stack's public page: its credentials in order, and what each requires when it is sequential.</summary>
public sealed record GetPublicStack(Guid StackId) : IQuery<PublicStack>;

public sealed record PublicStack(Guid Id, string Name, string Description, bool Sequential, DateTimeOffset PublishedAt, IReadOnlyList<PublicStackItem> Credentials);

public sealed record PublicStackItem(Guid CredentialId, string Name, string? ShortDescription, decimal? Hours, IReadOnlyList<CredentialChoice> Requires);

public sealed class GetPublicStackHandler(AppDbContext db) : IQueryHandler<GetPublicStack, PublicStack>
{
    public async ValueTask<PublicStack> Handle(GetPublicStack query, CancellationToken ct)
    {
        var stack = await db.Stacks.AsNoTracking().SingleOrDefaultAsync(s => s.Id == query.StackId && s.PublishedAt != null, ct)
            ?? throw new NotFoundException("Published stack", query.StackId);
        var versions = await db.CredentialVersions.AsNoTracking()
            .Where(v => stack.CredentialIds.Contains(v.CredentialId) && v.Status == VersionStatus.Published)
            .Select(v => new { v.CredentialId, v.Name, v.Content, v.EstimatedHours }).ToListAsync(ct);
        var byId = versions.ToDictionary(v => v.CredentialId);

        // Retired credentials drop out of the public list (and out of the requirements: nobody can start them).
        var visible = stack.CredentialIds.Where(byId.ContainsKey).ToList();
        var items = visible.Select((id, i) => new PublicStackItem(id, byId[id].Name, byId[id].Content.ShortDescription, byId[id].EstimatedHours,
            stack.Sequential ? visible.Take(i).Select(p => new CredentialChoice(p, byId[p].Name)).ToList() : [])).ToList();
        return new PublicStack(stack.Id, stack.Name, stack.Description, stack.Sequential, stack.PublishedAt!.Value, items);
    }
}
