using System.Buffers.Text;
using System.Text;
using System.Text.Json.Nodes;

namespace MicroCred.OpenBadges.Signing;

/// <summary>
/// A JWS in compact serialisation (<c>header.payload.signature</c>, each part base64url without padding),
/// decoded but not verified.
/// </summary>
public sealed class CompactJws
{
    private CompactJws(string text, JsonObject header, byte[] payloadBytes, byte[] signature)
    {
        Text = text;
        Header = header;
        PayloadBytes = payloadBytes;
        Signature = signature;
    }

    /// <summary>The compact serialisation as given (trimmed).</summary>
    public string Text { get; }
    public JsonObject Header { get; }
    /// <summary>The <c>alg</c> header parameter, or null.</summary>
    public string? Algorithm => BadgeJson.AsString(Header["alg"]);
    public byte[] PayloadBytes { get; }
    public byte[] Signature { get; }
    /// <summary>The ASCII bytes the signature covers: <c>header.payload</c> exactly as transmitted.</summary>
    public byte[] SigningInput => Encoding.ASCII.GetBytes(Text[..Text.LastIndexOf('.')]);

    /// <summary>The payload as a JSON object (for a signed badge, the assertion).</summary>
    public bool TryReadPayload(out JsonObject? payload, out string? problem) => BadgeJson.TryParseObject(PayloadBytes, out payload, out problem);

    /// <summary>True when <paramref name="text"/> has the shape of a compact JWS: three base64url parts.</summary>
    public static bool LooksLikeJws(string? text)
    {
        if (string.IsNullOrWhiteSpace(text)) return false;
        var parts = text.Trim().Split('.');
        return parts.Length == 3 && parts[0].Length > 0 && parts[1].Length > 0 && parts.All(IsBase64Url);
    }

    /// <summary>Decodes a compact JWS; on failure returns false with a reason.</summary>
    public static bool TryParse(string? text, out CompactJws? jws, out string? problem)
    {
        jws = null;
        if (string.IsNullOrWhiteSpace(text))
        {
            problem = "the JWS is empty";
            return false;
        }
        var trimmed = text.Trim();
        var parts = trimmed.Split('.');
        if (parts.Length != 3)
        {
            problem = $"a compact JWS has three dot-separated parts; this has {parts.Length}";
            return false;
        }
        if (!TryDecode(parts[0], "header", out var headerBytes, out problem)
            || !TryDecode(parts[1], "payload", out var payloadBytes, out problem)
            || !TryDecode(parts[2], "signature", out var signature, out problem))
        {
            return false;
        }
        if (!BadgeJson.TryParseObject(headerBytes, out var header, out var headerProblem))
        {
            problem = "the JWS header is not a JSON object: " + headerProblem;
            return false;
        }
        jws = new CompactJws(trimmed, header!, payloadBytes, signature);
        return true;
    }

    /// <summary>Decodes a compact JWS or throws <see cref="FormatException"/> with the reason.</summary>
    public static CompactJws Parse(string text) =>
        TryParse(text, out var jws, out var problem) ? jws! : throw new FormatException("Not a compact JWS: " + problem + ".");

    /// <summary>Base64url without padding, as JWS requires.</summary>
    public static string Encode(ReadOnlySpan<byte> data) => Base64Url.EncodeToString(data);

    private static bool TryDecode(string part, string name, out byte[] bytes, out string? problem)
    {
        bytes = [];
        problem = null;
        if (part.Length == 0)
        {
            problem = $"the JWS {name} is empty";
            return false;
        }
        if (!IsBase64Url(part) || part.Length % 4 == 1)
        {
            problem = $"the JWS {name} is not base64url without padding";
            return false;
        }
        bytes = Base64Url.DecodeFromChars(part);
        return true;
    }

    private static bool IsBase64Url(string part) =>
        part.All(c => c is (>= 'A' and <= 'Z') or (>= 'a' and <= 'z') or (>= '0' and <= '9') or '-' or '_');
}
