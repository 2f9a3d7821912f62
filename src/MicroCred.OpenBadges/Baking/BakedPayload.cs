namespace MicroCred.OpenBadges.Baking;

/// <summary>What a baked image carries.</summary>
public enum BakedPayloadKind
{
    /// <summary>The JSON of a (hosted) assertion.</summary>
    AssertionJson,
    /// <summary>A compact JWS whose payload is a signed assertion.</summary>
    Jws,
    /// <summary>The URL of a hosted assertion (SVG <c>verify</c> attribute, or a legacy PNG <c>tEXt</c> chunk).</summary>
    AssertionUrl,
}

/// <summary>The Open Badges data read out of a baked PNG or SVG.</summary>
/// <param name="Kind">What <paramref name="Value"/> holds.</param>
/// <param name="Value">The JSON, the JWS or the URL.</param>
/// <param name="VerifyAttribute">For SVG, the <c>verify</c> attribute as found (the URL or the JWS).</param>
public sealed record BakedPayload(BakedPayloadKind Kind, string Value, string? VerifyAttribute = null)
{
    /// <summary>Tells JSON, a URL and a compact JWS apart by shape.</summary>
    public static BakedPayload Classify(string text)
    {
        ArgumentNullException.ThrowIfNull(text);
        var value = text.Trim();
        if (value.StartsWith('{')) return new BakedPayload(BakedPayloadKind.AssertionJson, value);
        if (value.StartsWith("https://", StringComparison.OrdinalIgnoreCase) || value.StartsWith("http://", StringComparison.OrdinalIgnoreCase))
        {
            return new BakedPayload(BakedPayloadKind.AssertionUrl, value);
        }
        return new BakedPayload(BakedPayloadKind.Jws, value);
    }
}
