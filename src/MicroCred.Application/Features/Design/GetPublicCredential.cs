using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Design;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Design;

/// <summary>
/// A credential's public page: its currently published version in full (principles A and H), the published stacks
/// it belongs to and what a sequential stack requires first. A draft-only or retired credential is not found.
/// </summary>
public sealed record GetPublicCredential(Guid CredentialId) : IQuery<PublicCredential>;

public sealed record PublicCredential(
    Guid CredentialId, Guid VersionId, int VersionNumber, DateTimeOffset PublishedAt, CredentialContent Content,
    IReadOnlyList<StackPlace> Stacks, Approval? Approval = null)
{
    /// <summary>The other district's credential this one was adapted from, when it was.</summary>
    public AdaptedFrom? AdaptedFrom { get; init; }
}

/// <summary>"Adapted from <see cref="Name"/> by <see cref="Issuer"/>", linking to the original's public page.</summary>
public sealed record AdaptedFrom(string Name, string Issuer, string Url);

/// <summary>Where the credential sits in a published stack, and (when sequential) the credentials it requires.</summary>
public sealed record StackPlace(Guid StackId, string Name, bool Sequential, int Position, int Count, IReadOnlyList<CredentialChoice> Requires);

public sealed class GetPublicCredentialHandler(AppDbContext db) : IQueryHandler<GetPublicCredential, PublicCredential>
{
    public async ValueTask<PublicCredential> Handle(GetPublicCredential query, CancellationToken ct)
    {
        var version = await db.CredentialVersions.AsNoTracking()
            .SingleOrDefaultAsync(v => v.CredentialId == query.CredentialId && v.Status == VersionStatus.Published, ct)
            ?? throw new NotFoundException("Published micro-credential", query.CredentialId);

        var stacks = await db.Stacks.AsNoTracking().Where(s => s.PublishedAt != null && s.CredentialIds.Contains(query.CredentialId))
            .OrderBy(s => s.Name).ToListAsync(ct);
        var names = await db.CredentialNamesAsync(stacks.SelectMany(s => s.CredentialIds).Distinct().ToList(), ct);
        var places = stacks.Select(s =>
        {
            var position = s.CredentialIds.IndexOf(query.CredentialId);
            var requires = s.Sequential
                ? s.CredentialIds.Take(position).Where(id => names.TryGetValue(id, out var n) && n.Status == VersionStatus.Published)
                    .Select(id => new CredentialChoice(id, names[id].Name)).ToList()
                : [];
            var visible = s.CredentialIds.Where(id => names.TryGetValue(id, out var n) && n.Status == VersionStatus.Published).ToList();
            return new StackPlace(s.Id, s.Name, s.Sequential, visible.IndexOf(query.CredentialId) + 1, visible.Count, requires);
        }).ToList();

        // The second review, when the version had one: who approved it and when (the district's own member).
        var approval = version.ApprovedBy is { } by
            ? new Approval(await db.Users.AsNoTracking().Where(u => u.Id == by).Select(u => u.DisplayName).SingleOrDefaultAsync(ct) ?? "a former member",
                version.ApprovedAt!.Value, null)
            : null;
        var origin = await db.MicroCredentials.AsNoTracking().Where(c => c.Id == query.CredentialId && c.AdaptedFromName != null)
            .Select(c => new AdaptedFrom(c.AdaptedFromName!, c.AdaptedFromIssuer!, c.AdaptedFromUrl!)).SingleOrDefaultAsync(ct);
        return new PublicCredential(version.CredentialId, version.Id, version.Number, version.PublishedAt!.Value, version.Content, places, approval)
            { AdaptedFrom = origin };
    }
}
