using System.Text;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace MicroCred.OpenBadges;

/// <summary>Serialising and reading Open Badges JSON documents.</summary>
public static class BadgeJson
{
    /// <summary>Deepest nesting accepted when reading a document from elsewhere.</summary>
    public const int MaxDepth = 32;

    private static readonly JsonSerializerOptions Compact = new() { WriteIndented = false };
    private static readonly JsonDocumentOptions Strict = new()
    {
        MaxDepth = MaxDepth,
        AllowTrailingCommas = false,
        CommentHandling = JsonCommentHandling.Disallow,
        AllowDuplicateProperties = false,
    };

    /// <summary>
    /// The compact JSON text of a document. The default encoder escapes <c>&lt;</c>, <c>&gt;</c>,
    /// <c>&amp;</c> and non-ASCII characters, so the text is safe inside HTML and an SVG CDATA section.
    /// </summary>
    public static string Serialize(JsonNode document)
    {
        ArgumentNullException.ThrowIfNull(document);
        return document.ToJsonString(Compact);
    }

    /// <summary>The UTF-8 bytes of <see cref="Serialize"/>.</summary>
    public static byte[] SerializeToUtf8Bytes(JsonNode document) => Encoding.UTF8.GetBytes(Serialize(document));

    /// <summary>
    /// Parses a JSON object strictly (no comments, no trailing commas, no duplicate property names).
    /// Returns false with a reason when the text is not a JSON object.
    /// </summary>
    public static bool TryParseObject(ReadOnlySpan<byte> utf8, out JsonObject? document, out string? problem)
    {
        document = null;
        problem = null;
        try
        {
            // Strip a UTF-8 byte order mark: some servers send one.
            if (utf8.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) utf8 = utf8[3..];
            using var parsed = JsonDocument.Parse(utf8.ToArray(), Strict);
            if (parsed.RootElement.ValueKind != JsonValueKind.Object)
            {
                problem = $"the JSON is {Describe(parsed.RootElement.ValueKind)}, not an object";
                return false;
            }
            document = JsonObject.Create(parsed.RootElement.Clone());
            return document is not null;
        }
        catch (JsonException ex)
        {
            problem = "the JSON does not parse: " + ex.Message;
            return false;
        }
    }

    /// <inheritdoc cref="TryParseObject(ReadOnlySpan{byte}, out JsonObject?, out string?)"/>
    public static bool TryParseObject(string text, out JsonObject? document, out string? problem) =>
        TryParseObject(Encoding.UTF8.GetBytes(text ?? throw new ArgumentNullException(nameof(text))), out document, out problem);

    private static string Describe(JsonValueKind kind) => kind switch
    {
        JsonValueKind.Array => "an array",
        JsonValueKind.String => "a string",
        JsonValueKind.Number => "a number",
        JsonValueKind.True or JsonValueKind.False => "a boolean",
        JsonValueKind.Null => "null",
        _ => "empty",
    };

    // ---- reading helpers shared by the verifier and the recipient check ----

    internal static string? String(JsonObject? obj, string name) =>
        obj is not null && obj.TryGetPropertyValue(name, out var node) ? AsString(node) : null;

    internal static string? AsString(JsonNode? node) =>
        node is JsonValue value && value.TryGetValue(out string? s) ? s : null;

    internal static bool? Boolean(JsonObject? obj, string name) =>
        obj is not null && obj.TryGetPropertyValue(name, out var node) && node is JsonValue value && value.TryGetValue(out bool b)
            ? b
            : null;

    /// <summary>A value that may be one string or an array of strings ("multiple values allowed").</summary>
    internal static IReadOnlyList<string> Strings(JsonNode? node) => node switch
    {
        JsonArray array => [.. array.Select(AsString).OfType<string>()],
        _ when AsString(node) is { } single => [single],
        _ => [],
    };

    /// <summary>The IRI of a value that is either an IRI string or an embedded document with an <c>id</c>.</summary>
    internal static string? IdOf(JsonNode? node) => node switch
    {
        JsonObject obj => String(obj, "id"),
        _ => AsString(node),
    };

    /// <summary>The ids of a value that may be one or many IRIs or embedded documents.</summary>
    internal static IReadOnlyList<string> IdsOf(JsonNode? node) => node switch
    {
        JsonArray array => [.. array.Select(IdOf).OfType<string>()],
        _ when IdOf(node) is { } single => [single],
        _ => [],
    };
}
