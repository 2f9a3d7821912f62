using System.Text.Json.Nodes;

namespace MicroCred.OpenBadges.Documents;

/// <summary>An issuer Profile (<c>type: Issuer</c>), hosted at <see cref="Id"/>.</summary>
public sealed record IssuerProfile
{
    /// <summary>The URL the app serves this profile at.</summary>
    public required string Id { get; init; }
    public required string Name { get; init; }
    /// <summary>The issuer's homepage.</summary>
    public required string Url { get; init; }
    public required string Email { get; init; }
    public string? Description { get; init; }
    /// <summary>URL (or data URI) of the issuer's image.</summary>
    public string? Image { get; init; }
    /// <summary>URLs of the CryptographicKey documents this issuer signs with.</summary>
    public IReadOnlyList<string> PublicKeys { get; init; } = [];
    /// <summary>URL of the RevocationList for signed assertions.</summary>
    public string? RevocationList { get; init; }
    /// <summary>Bare host names (no scheme, port or path) that may host this issuer's assertions besides its own.</summary>
    public IReadOnlyList<string> AllowedOrigins { get; init; } = [];
    /// <summary>URL prefixes every hosted assertion id of this issuer must start with.</summary>
    public IReadOnlyList<string> StartsWith { get; init; } = [];

    public JsonObject ToJson()
    {
        var json = DocumentRules.Start("Issuer", DocumentRules.RequireUrl(Id, nameof(Id)));
        json["name"] = DocumentRules.RequireText(Name, nameof(Name));
        json["url"] = DocumentRules.RequireUrl(Url, nameof(Url));
        json["email"] = DocumentRules.RequireText(Email, nameof(Email));
        DocumentRules.AddIfPresent(json, "description", Description);
        DocumentRules.AddIfPresent(json, "image", Image);
        if (PublicKeys.Count > 0)
        {
            json["publicKey"] = DocumentRules.OneOrMany([.. PublicKeys.Select(k => (JsonNode)DocumentRules.RequireUrl(k, nameof(PublicKeys)))]);
        }
        if (RevocationList is not null) json["revocationList"] = DocumentRules.RequireUrl(RevocationList, nameof(RevocationList));
        if (AllowedOrigins.Count > 0 || StartsWith.Count > 0)
        {
            var verification = new JsonObject { ["type"] = "VerificationObject" };
            if (AllowedOrigins.Count > 0)
            {
                verification["allowedOrigins"] = DocumentRules.OneOrMany([.. AllowedOrigins.Select(o => (JsonNode)RequireHostName(o))]);
            }
            if (StartsWith.Count > 0)
            {
                verification["startsWith"] = DocumentRules.OneOrMany([.. StartsWith.Select(p => (JsonNode)DocumentRules.RequireUrl(p, nameof(StartsWith)))]);
            }
            json["verification"] = verification;
        }
        return json;
    }

    private static string RequireHostName(string origin)
    {
        if (string.IsNullOrWhiteSpace(origin) || Uri.CheckHostName(origin) is UriHostNameType.Unknown or UriHostNameType.Basic)
        {
            throw new ArgumentException($"Allowed origins are bare host names such as 'badges.example.org' (got '{origin}').", nameof(AllowedOrigins));
        }
        return origin;
    }
}
