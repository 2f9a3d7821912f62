namespace MicroCred.Domain.Issuing;

/// <summary>The kinds of Open Badges documents served at global <c>/public/…</c> URLs.</summary>
public enum PublicDocumentKind { BadgeClass, StackBadge, Assertion, Key }

/// <summary>
/// Which district publishes the public document with this id. Public badge URLs carry no district, so the public
/// reader looks the owner up here, then reads the document inside that district (query filters and row-level
/// security apply as usual). Global by nature, like <see cref="Tenancy.District"/>: it says only "district D published
/// document X", which the document itself says too. Rows are written by database triggers when a credential version or
/// stack is published and when an assertion or key is created, so no publishing path can forget them.
/// </summary>
public sealed class PublicDocument
{
    private PublicDocument() { }

    public Guid Id { get; private set; }
    public Guid DistrictId { get; private set; }
    public PublicDocumentKind Kind { get; private set; }
}
