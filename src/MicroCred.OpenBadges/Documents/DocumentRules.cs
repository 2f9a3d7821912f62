using System.Text.Json.Nodes;

namespace MicroCred.OpenBadges.Documents;

/// <summary>Argument checks shared by the document records, so a bad document fails when it is built.</summary>
internal static class DocumentRules
{
    public static JsonObject Start(string type, string id)
    {
        RequireIri(id, "Id");
        return new JsonObject { ["@context"] = OpenBadgesContext.V2, ["type"] = type, ["id"] = id };
    }

    /// <summary>An absolute http(s) URL.</summary>
    public static string RequireUrl(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value)
            || !Uri.TryCreate(value, UriKind.Absolute, out var uri)
            || (uri.Scheme != Uri.UriSchemeHttps && uri.Scheme != Uri.UriSchemeHttp))
        {
            throw new ArgumentException($"{name} must be an absolute http or https URL (got '{value}').", name);
        }
        return value;
    }

    /// <summary>An absolute IRI: an http(s) URL or a <c>urn:uuid:</c> identifier.</summary>
    public static string RequireIri(string? value, string name)
    {
        if (value is not null && value.StartsWith("urn:uuid:", StringComparison.Ordinal) && Guid.TryParse(value[9..], out _))
        {
            return value;
        }
        return RequireUrl(value, name);
    }

    public static string RequireText(string? value, string name)
    {
        if (string.IsNullOrWhiteSpace(value)) throw new ArgumentException($"{name} is required.", name);
        return value;
    }

    public static void AddIfPresent(JsonObject json, string name, string? value)
    {
        if (!string.IsNullOrWhiteSpace(value)) json[name] = value;
    }

    /// <summary>One value as itself, several as an array ("multiple values allowed").</summary>
    public static JsonNode OneOrMany(IReadOnlyList<JsonNode> values) =>
        values.Count == 1 ? values[0] : new JsonArray([.. values]);
}
