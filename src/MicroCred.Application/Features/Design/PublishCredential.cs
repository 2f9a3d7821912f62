using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Tenancy;

namespace MicroCred.Application.Features.Design;

/// <summary>
/// Publishes the draft through the quality gate (a <see cref="Domain.Design.PublishRefusedException"/> lists what
/// is missing). The new version supersedes the old one for new earners; work in progress stays on its version.
/// </summary>
[RequiresRole(DistrictRole.Developer)]
public sealed record PublishCredential(Guid CredentialId) : ICommand<Guid>;

public sealed class PublishCredentialHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<PublishCredential, Guid>
{
    public async ValueTask<Guid> Handle(PublishCredential command, CancellationToken ct)
    {
        var credential = await db.CredentialAsync(command.CredentialId, ct);
        var draft = await db.DraftAsync(credential, ct);
        var published = await db.VersionAsync(credential.PublishedVersionId, ct);
        credential.Publish(draft, published, user.Id!.Value, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return draft.Id;
    }
}
