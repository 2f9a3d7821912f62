using System.Text.Json.Nodes;

namespace MicroCred.OpenBadges.Documents;

/// <summary>A BadgeClass: the achievement many assertions award, hosted at <see cref="Id"/>.</summary>
public sealed record BadgeClassDocument
{
    public required string Id { get; init; }
    public required string Name { get; init; }
    public required string Description { get; init; }
    /// <summary>URL (or data URI) of the badge image (PNG or SVG).</summary>
    public required string Image { get; init; }
    public required BadgeCriteria Criteria { get; init; }
    /// <summary>URL of the issuer Profile.</summary>
    public required string Issuer { get; init; }
    public IReadOnlyList<BadgeAlignment> Alignments { get; init; } = [];
    public IReadOnlyList<string> Tags { get; init; } = [];

    public JsonObject ToJson()
    {
        var json = DocumentRules.Start("BadgeClass", Id);
        json["name"] = DocumentRules.RequireText(Name, nameof(Name));
        json["description"] = DocumentRules.RequireText(Description, nameof(Description));
        json["image"] = DocumentRules.RequireText(Image, nameof(Image));
        json["criteria"] = (Criteria ?? throw new ArgumentException("Criteria is required.", nameof(Criteria))).ToJson();
        json["issuer"] = DocumentRules.RequireUrl(Issuer, nameof(Issuer));
        if (Alignments.Count > 0) json["alignment"] = new JsonArray([.. Alignments.Select(a => (JsonNode)a.ToJson())]);
        if (Tags.Count > 0) json["tags"] = new JsonArray([.. Tags.Where(t => !string.IsNullOrWhiteSpace(t)).Select(t => (JsonNode)t)]);
        return json;
    }
}

/// <summary>How to earn the badge: a criteria page URL, a narrative (Markdown allowed), or both.</summary>
public sealed record BadgeCriteria(string? Url, string? Narrative)
{
    public JsonObject ToJson()
    {
        if (string.IsNullOrWhiteSpace(Url) && string.IsNullOrWhiteSpace(Narrative))
        {
            throw new ArgumentException("Criteria needs a URL, a narrative or both.");
        }
        var json = new JsonObject();
        if (!string.IsNullOrWhiteSpace(Url)) json["id"] = DocumentRules.RequireUrl(Url, nameof(Url));
        DocumentRules.AddIfPresent(json, "narrative", Narrative);
        return json;
    }
}

/// <summary>A standard the badge aligns to (schema.org AlignmentObject), e.g. an ISTE standard.</summary>
public sealed record BadgeAlignment(
    string TargetName,
    string TargetUrl,
    string? TargetDescription = null,
    string? TargetFramework = null,
    string? TargetCode = null)
{
    public JsonObject ToJson()
    {
        var json = new JsonObject
        {
            ["targetName"] = DocumentRules.RequireText(TargetName, nameof(TargetName)),
            ["targetUrl"] = DocumentRules.RequireUrl(TargetUrl, nameof(TargetUrl)),
        };
        DocumentRules.AddIfPresent(json, "targetDescription", TargetDescription);
        DocumentRules.AddIfPresent(json, "targetFramework", TargetFramework);
        DocumentRules.AddIfPresent(json, "targetCode", TargetCode);
        return json;
    }
}
