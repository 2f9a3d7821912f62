using System.Text.Json.Nodes;

namespace MicroCred.OpenBadges.Documents;

/// <summary>The issuer's list of revoked signed assertions, hosted at <see cref="Id"/>.</summary>
public sealed record RevocationListDocument(string Id, string Issuer, IReadOnlyList<RevokedAssertion> RevokedAssertions)
{
    public JsonObject ToJson()
    {
        var json = DocumentRules.Start("RevocationList", DocumentRules.RequireUrl(Id, nameof(Id)));
        json["issuer"] = DocumentRules.RequireUrl(Issuer, nameof(Issuer));
        json["revokedAssertions"] = new JsonArray([.. (RevokedAssertions ?? []).Select(r => (JsonNode)r.ToJson())]);
        return json;
    }
}

/// <summary>One entry of a revocation list.</summary>
public sealed record RevokedAssertion(string Id, string? RevocationReason = null)
{
    public JsonObject ToJson()
    {
        var json = new JsonObject { ["id"] = DocumentRules.RequireIri(Id, nameof(Id)) };
        DocumentRules.AddIfPresent(json, "revocationReason", RevocationReason);
        return json;
    }
}
