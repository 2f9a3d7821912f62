using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Assessment;
using MicroCred.Application.Features.Tenancy;
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

public sealed class PublishCredentialHandler(AppDbContext db, ITenantContext tenant, ICurrentUser user, TimeProvider clock) : ICommandHandler<PublishCredential, PublishedCredential>
{
    public async ValueTask<PublishedCredential> Handle(PublishCredential command, CancellationToken ct)
    {
        var credential = await db.CredentialAsync(command.CredentialId, ct);
        var draft = await db.DraftAsync(credential, ct);
        var published = await db.VersionAsync(credential.PublishedVersionId, ct);
        var policy = await db.ReadDistrictPolicyAsync(tenant, ct);
        var now = clock.GetUtcNow();
        credential.Publish(draft, published, user.Id!.Value, now, policy.RequirePublishReview);
        await db.SaveChangesAsync(ct);
        // Expired or paused qualifications do not count: the warning must not promise an assessor who gets no work.
        var qualified = (await db.CurrentAssessorQualificationsAsync(policy, now, ct, credential.Id)).Count;
        return new PublishedCredential(draft.Id, qualified);
    }
}
