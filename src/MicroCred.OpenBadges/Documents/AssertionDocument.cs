using System.Text.Json.Nodes;

namespace MicroCred.OpenBadges.Documents;

/// <summary>
/// An Assertion: one awarded badge. For hosted verification <see cref="Id"/> is the URL the app serves
/// it at; a revoked hosted assertion is served with <c>410 Gone</c> and this document with
/// <see cref="Revoked"/> set.
/// </summary>
public sealed record AssertionDocument
{
    public required string Id { get; init; }
    public required Recipient Recipient { get; init; }
    /// <summary>URL of the BadgeClass.</summary>
    public required string Badge { get; init; }
    public required AssertionVerification Verification { get; init; }
    public required DateTimeOffset IssuedOn { get; init; }
    public DateTimeOffset? Expires { get; init; }
    /// <summary>Evidence the earner chose to make public. An item with only a URL is written as that URL.</summary>
    public IReadOnlyList<BadgeEvidence> Evidence { get; init; } = [];
    public string? Narrative { get; init; }
    /// <summary>URL of the baked image for this assertion.</summary>
    public string? Image { get; init; }
    public bool Revoked { get; init; }
    public string? RevocationReason { get; init; }

    public JsonObject ToJson()
    {
        var json = DocumentRules.Start("Assertion", Id);
        json["recipient"] = (Recipient ?? throw new ArgumentException("Recipient is required.", nameof(Recipient))).ToJson();
        json["badge"] = DocumentRules.RequireUrl(Badge, nameof(Badge));
        json["verification"] = (Verification ?? throw new ArgumentException("Verification is required.", nameof(Verification))).ToJson();
        json["issuedOn"] = BadgeTimestamp.Format(IssuedOn);
        if (Expires is { } expires)
        {
            if (expires <= IssuedOn) throw new ArgumentException("Expires must be after IssuedOn.", nameof(Expires));
            json["expires"] = BadgeTimestamp.Format(expires);
        }
        if (Evidence.Count > 0) json["evidence"] = DocumentRules.OneOrMany([.. Evidence.Select(e => e.ToJson())]);
        DocumentRules.AddIfPresent(json, "narrative", Narrative);
        if (Image is not null) json["image"] = DocumentRules.RequireText(Image, nameof(Image));
        if (Revoked)
        {
            json["revoked"] = true;
            DocumentRules.AddIfPresent(json, "revocationReason", RevocationReason);
        }
        return json;
    }
}

/// <summary>How third parties verify an assertion: hosted at its id, or signed by a key.</summary>
public sealed record AssertionVerification
{
    private AssertionVerification(bool signed, string? creator) => (IsSigned, Creator) = (signed, creator);

    public bool IsSigned { get; }
    /// <summary>For signed assertions, the URL of the CryptographicKey that signed it.</summary>
    public string? Creator { get; }

    public static AssertionVerification Hosted { get; } = new(false, null);

    public static AssertionVerification SignedBy(string keyUrl) => new(true, DocumentRules.RequireUrl(keyUrl, nameof(keyUrl)));

    /// <summary>Writes the specification's type names <c>HostedBadge</c> / <c>SignedBadge</c>.</summary>
    public JsonObject ToJson() => IsSigned
        ? new JsonObject { ["type"] = "SignedBadge", ["creator"] = Creator }
        : new JsonObject { ["type"] = "HostedBadge" };
}

/// <summary>One piece of public evidence: a URL, a described item, or both.</summary>
public sealed record BadgeEvidence(
    string? Id = null,
    string? Narrative = null,
    string? Name = null,
    string? Description = null,
    string? Genre = null,
    string? Audience = null)
{
    public JsonNode ToJson()
    {
        if (Id is not null) DocumentRules.RequireIri(Id, nameof(Id));
        var described = new[] { Narrative, Name, Description, Genre, Audience }.Any(v => !string.IsNullOrWhiteSpace(v));
        if (!described)
        {
            return Id is null ? throw new ArgumentException("Evidence needs a URL or a description.") : JsonValue.Create(Id);
        }
        var json = new JsonObject { ["type"] = "Evidence" };
        DocumentRules.AddIfPresent(json, "id", Id);
        DocumentRules.AddIfPresent(json, "name", Name);
        DocumentRules.AddIfPresent(json, "description", Description);
        DocumentRules.AddIfPresent(json, "narrative", Narrative);
        DocumentRules.AddIfPresent(json, "genre", Genre);
        DocumentRules.AddIfPresent(json, "audience", Audience);
        return json;
    }
}
