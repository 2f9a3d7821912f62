using System.Text.Json.Nodes;

namespace MicroCred.OpenBadges;

/// <summary>The JSON-LD context every Open Badges 2.0 document declares.</summary>
public static class OpenBadgesContext
{
    /// <summary>The context IRI the specification gives for every 2.0 Badge Object.</summary>
    public const string V2 = "https://w3id.org/openbadges/v2";

    // The same context document published at other addresses. JSON-LD processors resolve them to the
    // same terms, so a document using one is readable, but it is not the form the specification shows.
    private static readonly string[] Aliases =
    [
        "https://w3id.org/openbadges/v2/",
        "https://w3id.org/openbadges/v2/context.json",
        "https://openbadgespec.org/v2/context.json",
    ];

    /// <summary>How a document's <c>@context</c> relates to Open Badges 2.0.</summary>
    public static ContextMatch Classify(JsonNode? context)
    {
        var values = new List<string>();
        switch (context)
        {
            case JsonValue value when value.TryGetValue(out string? single):
                values.Add(single);
                break;
            case JsonArray array:
                foreach (var item in array)
                {
                    if (item is JsonValue v && v.TryGetValue(out string? s)) values.Add(s);
                }
                break;
            default:
                return ContextMatch.Missing;
        }

        if (values.Contains(V2, StringComparer.Ordinal)) return ContextMatch.Canonical;
        if (values.Any(v => Aliases.Contains(v, StringComparer.Ordinal))) return ContextMatch.Alias;
        return ContextMatch.Other;
    }
}

/// <summary>The result of <see cref="OpenBadgesContext.Classify"/>.</summary>
public enum ContextMatch
{
    /// <summary>No <c>@context</c>, or one that is neither a string nor an array.</summary>
    Missing,
    /// <summary>Declares <c>https://w3id.org/openbadges/v2</c>.</summary>
    Canonical,
    /// <summary>Declares another published address of the same 2.0 context document.</summary>
    Alias,
    /// <summary>Declares contexts, none of them Open Badges 2.0 (for example 1.x).</summary>
    Other,
}
