using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Design;

/// <summary>The developer's workspace: every micro-credential of the district with where it stands, latest change first.</summary>
[RequiresRole(DistrictRole.Developer)]
public sealed record ListCredentials : IQuery<IReadOnlyList<CredentialListItem>>;

/// <summary>
/// One micro-credential in the workspace. <see cref="Name"/> is the draft's when one is in progress (what the
/// developer is working on), otherwise the published one's.
/// </summary>
public sealed record CredentialListItem(
    Guid Id, string Name, int? PublishedNumber, int? DraftNumber, bool IsRetired, DateTimeOffset LastChangedAt)
{
    public bool IsPublished => PublishedNumber is not null;
    public bool HasDraft => DraftNumber is not null;
}

public sealed class ListCredentialsHandler(AppDbContext db) : IQueryHandler<ListCredentials, IReadOnlyList<CredentialListItem>>
{
    public async ValueTask<IReadOnlyList<CredentialListItem>> Handle(ListCredentials query, CancellationToken ct)
    {
        var credentials = await db.MicroCredentials.AsNoTracking()
            .Select(c => new { c.Id, c.PublishedVersionId, c.DraftVersionId, c.RetiredAt, c.CreatedAt })
            .ToListAsync(ct);
        // Only the small columns: a version's content document stays in the database.
        var versions = (await db.CredentialVersions.AsNoTracking()
                .Select(v => new { v.Id, v.CredentialId, v.Number, v.Name, v.CreatedAt, v.RevisedAt, v.PublishedAt, v.SupersededAt, v.RetiredAt })
                .ToListAsync(ct))
            .ToLookup(v => v.CredentialId);

        return credentials.Select(c =>
            {
                var mine = versions[c.Id].ToList();
                var draft = mine.FirstOrDefault(v => v.Id == c.DraftVersionId);
                var published = mine.FirstOrDefault(v => v.Id == c.PublishedVersionId);
                var lastChanged = mine.SelectMany(v => new[] { v.CreatedAt, v.RevisedAt, v.PublishedAt, v.SupersededAt, v.RetiredAt })
                    .Append(c.CreatedAt).Append(c.RetiredAt).Max(t => t ?? DateTimeOffset.MinValue);
                return new CredentialListItem(c.Id, (draft ?? published)?.Name ?? "", published?.Number, draft?.Number, c.RetiredAt is not null, lastChanged);
            })
            .OrderByDescending(c => c.LastChangedAt).ThenBy(c => c.Name, StringComparer.CurrentCultureIgnoreCase)
            .ToList();
    }
}
