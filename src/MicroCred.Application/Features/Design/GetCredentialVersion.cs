using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Design;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Design;

/// <summary>
/// One version of a micro-credential as its earners would read it, for the developer's preview: the draft by
/// default (or the published version when there is no draft), or any version from the history.
/// </summary>
[RequiresRole(DistrictRole.Developer)]
public sealed record GetCredentialVersion(Guid CredentialId, Guid? VersionId = null) : IQuery<CredentialVersionView>;

public sealed record CredentialVersionView(
    Guid CredentialId, Guid VersionId, int Number, VersionStatus Status, CredentialContent Content, Guid? ImageId,
    DateTimeOffset? PublishedAt, IReadOnlyList<string> PublishProblems);

public sealed class GetCredentialVersionHandler(AppDbContext db) : IQueryHandler<GetCredentialVersion, CredentialVersionView>
{
    public async ValueTask<CredentialVersionView> Handle(GetCredentialVersion query, CancellationToken ct)
    {
        var credential = await db.MicroCredentials.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.CredentialId, ct)
            ?? throw new NotFoundException("Micro-credential", query.CredentialId);
        var versionId = query.VersionId ?? credential.DraftVersionId ?? credential.PublishedVersionId;
        var version = await db.CredentialVersions.AsNoTracking()
                .SingleOrDefaultAsync(v => v.Id == versionId && v.CredentialId == credential.Id, ct)
            ?? throw new NotFoundException("Credential version", versionId ?? Guid.Empty);
        return new CredentialVersionView(credential.Id, version.Id, version.Number, version.Status, version.Content, version.ImageId,
            version.PublishedAt, version.IsDraft ? version.Content.ProblemsBeforePublishing() : []);
    }
}
