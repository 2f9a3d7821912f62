using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Common;
using MicroCred.Domain.Tenancy;

namespace MicroCred.Application.Features.Design;

/// <summary>Editing a published credential: a new draft version, copied from the published one.</summary>
[RequiresRole(DistrictRole.Developer)]
public sealed record StartNewVersion(Guid CredentialId) : ICommand<Guid>;

/// <summary>Hides a published credential from the catalog; everything earned or in progress keeps working.</summary>
[RequiresRole(DistrictRole.Developer)]
public sealed record RetireCredential(Guid CredentialId) : ICommand;

[RequiresRole(DistrictRole.Developer)]
public sealed record ReinstateCredential(Guid CredentialId) : ICommand;

/// <summary>Throws the draft away; a credential that was never published is deleted with it.</summary>
[RequiresRole(DistrictRole.Developer)]
public sealed record DiscardDraft(Guid CredentialId) : ICommand;

public sealed class CredentialVersionsHandler(AppDbContext db, ICurrentUser user, TimeProvider clock)
    : ICommandHandler<StartNewVersion, Guid>, ICommandHandler<RetireCredential>, ICommandHandler<ReinstateCredential>, ICommandHandler<DiscardDraft>
{
    public async ValueTask<Guid> Handle(StartNewVersion command, CancellationToken ct)
    {
        var credential = await db.CredentialAsync(command.CredentialId, ct);
        var published = await db.VersionAsync(credential.PublishedVersionId, ct) ?? throw new DomainException("This credential has not been published yet: edit its draft.");
        var draft = credential.StartRevision(published, user.Id!.Value, clock.GetUtcNow());
        db.CredentialVersions.Add(draft);
        await db.SaveChangesAsync(ct);
        return draft.Id;
    }

    public async ValueTask<Unit> Handle(RetireCredential command, CancellationToken ct)
    {
        var credential = await db.CredentialAsync(command.CredentialId, ct);
        var published = await db.VersionAsync(credential.PublishedVersionId, ct) ?? throw new DomainException("Only a published credential can be retired.");
        credential.Retire(published, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }

    public async ValueTask<Unit> Handle(ReinstateCredential command, CancellationToken ct)
    {
        var credential = await db.CredentialAsync(command.CredentialId, ct);
        var retired = await db.VersionAsync(credential.PublishedVersionId, ct) ?? throw new DomainException("Only a retired credential can be reinstated.");
        credential.Reinstate(retired);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }

    public async ValueTask<Unit> Handle(DiscardDraft command, CancellationToken ct)
    {
        var credential = await db.CredentialAsync(command.CredentialId, ct);
        var draft = await db.DraftAsync(credential, ct);
        credential.DiscardDraft(draft);
        db.CredentialVersions.Remove(draft);
        if (credential.WasNeverPublished) db.MicroCredentials.Remove(credential);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}
