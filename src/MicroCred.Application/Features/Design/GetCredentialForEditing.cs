using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Domain.Design;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Design;

/// <summary>What the developer's editor shows: the draft (or, without one, the published version), the publish checklist and the version history.</summary>
[RequiresRole(DistrictRole.Developer)]
public sealed record GetCredentialForEditing(Guid CredentialId) : IQuery<CredentialEditor>;

public sealed record CredentialEditor(
    Guid CredentialId, Guid VersionId, int Number, VersionStatus Status, CredentialContent Content, Guid? ImageId,
    bool HasDraft, bool IsRetired, Guid? PublishedVersionId, IReadOnlyList<string> PublishProblems,
    IReadOnlyList<VersionRow> History, IReadOnlyList<StandardsFramework> Frameworks, bool ReviewRequired = false, Approval? Approval = null);

public sealed record VersionRow(Guid Id, int Number, VersionStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? PublishedAt);

public sealed class GetCredentialForEditingHandler(AppDbContext db, ITenantContext tenant) : IQueryHandler<GetCredentialForEditing, CredentialEditor>
{
    public async ValueTask<CredentialEditor> Handle(GetCredentialForEditing query, CancellationToken ct)
    {
        var credential = await db.MicroCredentials.AsNoTracking().SingleOrDefaultAsync(c => c.Id == query.CredentialId, ct)
            ?? throw new NotFoundException("Micro-credential", query.CredentialId);
        var versionId = credential.DraftVersionId ?? credential.PublishedVersionId!.Value;
        var version = await db.CredentialVersions.AsNoTracking().SingleAsync(v => v.Id == versionId, ct);
        var history = await db.CredentialVersions.AsNoTracking().Where(v => v.CredentialId == credential.Id).OrderByDescending(v => v.Number)
            .Select(v => new VersionRow(v.Id, v.Number, v.Status, v.CreatedAt, v.PublishedAt)).ToListAsync(ct);
        var frameworks = await db.DesignSettings.AsNoTracking().Select(s => s.Frameworks).SingleOrDefaultAsync(ct) ?? [];
        return new CredentialEditor(credential.Id, version.Id, version.Number, version.Status, version.Content, version.ImageId,
            credential.DraftVersionId is not null, credential.IsRetired, credential.PublishedVersionId,
            version.IsDraft ? version.Content.ProblemsBeforePublishing() : [], history, frameworks,
            (await db.ReadDistrictPolicyAsync(tenant, ct)).RequirePublishReview,
            version.ApprovedBy is { } by
                ? new Approval(await db.Users.AsNoTracking().Where(u => u.Id == by).Select(u => u.DisplayName).SingleOrDefaultAsync(ct) ?? "a former member",
                    version.ApprovedAt!.Value, version.ApprovalNote)
                : null);
    }
}
