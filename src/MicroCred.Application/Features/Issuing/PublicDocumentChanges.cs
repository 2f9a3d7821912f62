namespace MicroCred.Application.Features.Issuing;

/// <summary>
/// Told when a public Open Badges document changes, after the change is committed, so caches of the public documents
/// drop it at once. The web host replaces the default (which does nothing) with its cache. Caches are per process:
/// with several instances, each must be told (e.g. through PostgreSQL LISTEN/NOTIFY); today the app runs as one.
/// </summary>
public interface IPublicDocumentChanges
{
    /// <summary>An assertion was revoked or changed (its JSON, baked images, page and the issuer's revocation list).</summary>
    Task AssertionChangedAsync(Guid assertionId, Guid districtId);

    /// <summary>The issuer profile changed (a key was added or rotated, the district's profile was edited).</summary>
    Task IssuerChangedAsync(Guid districtId);
}

internal sealed class NoPublicDocumentCache : IPublicDocumentChanges
{
    public Task AssertionChangedAsync(Guid assertionId, Guid districtId) => Task.CompletedTask;
    public Task IssuerChangedAsync(Guid districtId) => Task.CompletedTask;
}
