using MicroCred.Domain.Common;

namespace MicroCred.Domain.Design;

/// <summary>
/// A micro-credential across its versions: which version new earners get (the published one), which one is
/// being edited (the draft), and whether it is retired from the catalog. Earned badges and work in progress
/// keep pointing at their own version, whatever happens here.
/// </summary>
public sealed class MicroCredential : ITenantOwned
{
    private MicroCredential() { }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public Guid? PublishedVersionId { get; private set; }
    public Guid? DraftVersionId { get; private set; }
    public int LatestNumber { get; private set; }
    public DateTimeOffset? RetiredAt { get; private set; }
    /// <summary>The published credential of another district this one was adapted from (kept if that one changes or goes).</summary>
    public Guid? AdaptedFromCredentialId { get; private set; }
    /// <summary>The original's name when it was adapted.</summary>
    public string? AdaptedFromName { get; private set; }
    /// <summary>The original's issuer (its district's issuer name) when it was adapted.</summary>
    public string? AdaptedFromIssuer { get; private set; }
    /// <summary>The original's public page.</summary>
    public string? AdaptedFromUrl { get; private set; }

    public bool IsRetired => RetiredAt is not null;

    public static (MicroCredential Credential, CredentialVersion Draft) Create(Guid tenantId, string name, IReadOnlyList<string> levelNames, Guid userId, DateTimeOffset now)
    {
        var credential = new MicroCredential { Id = Guid.CreateVersion7(now), TenantId = tenantId, CreatedBy = userId, CreatedAt = now, LatestNumber = 1 };
        var draft = CredentialVersion.Draft(tenantId, credential.Id, 1, CredentialContent.Blank(name, levelNames), null, userId, now);
        credential.DraftVersionId = draft.Id;
        return (credential, draft);
    }

    /// <summary>
    /// Starts a new draft of this district from another district's published credential, credited to it ("Adapted
    /// from … by …"). Its words, evidence prompts and rubric are copied; files attached to the original stay with the
    /// original (they belong to its district), and the badge image starts as this district's default.
    /// </summary>
    public static (MicroCredential Credential, CredentialVersion Draft) Adapt(Guid tenantId, Guid originalTenantId, Guid originalId,
        CredentialContent original, string originalIssuer, string originalUrl, Guid userId, DateTimeOffset now)
    {
        if (originalTenantId == tenantId)
            throw new DomainException("This micro-credential is already your district's: start a new version of it instead of adapting it.");
        var credential = new MicroCredential
        {
            Id = Guid.CreateVersion7(now), TenantId = tenantId, CreatedBy = userId, CreatedAt = now, LatestNumber = 1,
            AdaptedFromCredentialId = originalId, AdaptedFromName = original.Name, AdaptedFromIssuer = originalIssuer, AdaptedFromUrl = originalUrl,
        };
        var content = original with { Resources = original.Resources.Where(r => r.FileId is null).ToList() };
        var draft = CredentialVersion.Draft(tenantId, credential.Id, 1, content, null, userId, now);
        credential.DraftVersionId = draft.Id;
        return (credential, draft);
    }

    /// <summary>Editing a published credential starts a new draft from the published words; the published version stays as it is.</summary>
    public CredentialVersion StartRevision(CredentialVersion published, Guid userId, DateTimeOffset now)
    {
        if (DraftVersionId is not null) throw new DomainException("There is already a draft of this credential: edit that one.");
        if (published.Id != PublishedVersionId) throw new DomainException("A new version starts from the published one.");
        var draft = CredentialVersion.Draft(TenantId, Id, LatestNumber + 1, published.Content, published.ImageId, userId, now);
        LatestNumber = draft.Number;
        DraftVersionId = draft.Id;
        return draft;
    }

    /// <summary>
    /// Publishes the draft through the quality gate. It supersedes the previously published version for new
    /// earners; submissions already started stay on theirs.
    /// </summary>
    public void Publish(CredentialVersion draft, CredentialVersion? currentlyPublished, Guid userId, DateTimeOffset now, bool reviewRequired = false)
    {
        if (draft.Id != DraftVersionId) throw new DomainException("Only the current draft can be published.");
        if (currentlyPublished is not null && currentlyPublished.Id != PublishedVersionId) throw new DomainException("That is not the published version.");
        draft.Publish(userId, now, reviewRequired);
        if (currentlyPublished is { Status: VersionStatus.Published }) currentlyPublished.Supersede(now);
        PublishedVersionId = draft.Id;
        DraftVersionId = null;
        RetiredAt = null;
    }

    /// <summary>Hides the credential from the catalog. Nothing earned or in progress breaks.</summary>
    public void Retire(CredentialVersion published, DateTimeOffset now)
    {
        if (IsRetired) throw new DomainException("This credential is already retired.");
        if (published.Id != PublishedVersionId) throw new DomainException("Only a published credential can be retired.");
        published.Retire(now);
        RetiredAt = now;
    }

    public void Reinstate(CredentialVersion retired)
    {
        if (!IsRetired || retired.Id != PublishedVersionId) throw new DomainException("Only a retired credential can be reinstated.");
        retired.Reinstate();
        RetiredAt = null;
    }

    /// <summary>Throws away an unpublished draft. A credential that was never published goes with it.</summary>
    public void DiscardDraft(CredentialVersion draft)
    {
        if (draft.Id != DraftVersionId || !draft.IsDraft) throw new DomainException("Only the current draft can be discarded.");
        DraftVersionId = null;
        if (LatestNumber == draft.Number) LatestNumber--;
    }

    public bool WasNeverPublished => PublishedVersionId is null;
}
