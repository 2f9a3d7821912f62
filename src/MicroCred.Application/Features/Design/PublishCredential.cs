using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Assessment;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Design;

/// <summary>
/// Publishes the draft through the quality gate (a <see cref="Domain.Design.PublishRefusedException"/> lists what
/// is missing). The new version supersedes the old one for new earners; work in progress stays on its version.
/// Publishing succeeds even when nobody is qualified to assess the credential yet; the result says so, so the page
/// can warn that submitted work would wait.
/// </summary>
[RequiresRole(DistrictRole.Developer)]
public sealed record PublishCredential(Guid CredentialId) : ICommand<PublishedCredential>;

/// <summary>The published version, and how many assessors are qualified to assess the credential now.</summary>
public sealed record PublishedCredential(Guid VersionId, int QualifiedAssessors);

public sealed class PublishCredentialHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<PublishCredential, PublishedCredential>
{
    public async ValueTask<PublishedCredential> Handle(PublishCredential command, CancellationToken ct)
    {
        var credential = await db.CredentialAsync(command.CredentialId, ct);
        var draft = await db.DraftAsync(credential, ct);
        var published = await db.VersionAsync(credential.PublishedVersionId, ct);
        credential.Publish(draft, published, user.Id!.Value, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        var assessors = await db.Memberships.Where(m => (m.Roles & DistrictRole.Assessor) != 0).Select(m => m.UserId).ToListAsync(ct);
        var qualified = await db.AssessorQualifications
            .CountAsync(q => q.CredentialId == credential.Id && q.Status == QualificationStatus.Qualified && assessors.Contains(q.AssessorId), ct);
        return new PublishedCredential(draft.Id, qualified);
    }
}
