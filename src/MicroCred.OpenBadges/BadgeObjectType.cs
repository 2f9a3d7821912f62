using System.Text.Json.Nodes;

namespace MicroCred.OpenBadges;

/// <summary>
/// Matches JSON-LD <c>type</c> values against Open Badges classes. A type may be one string or an array;
/// besides the plain term, the compact IRI (<c>obi:Assertion</c>) and the full IRI
/// (<c>https://w3id.org/openbadges#Assertion</c>) mean the same class in the 2.0 context.
/// </summary>
public static class BadgeObjectType
{
    private const string Obi = "https://w3id.org/openbadges#";
    private const string Sec = "https://w3id.org/security#";

    public static readonly IReadOnlyList<string> Assertion = Terms("Assertion");
    public static readonly IReadOnlyList<string> BadgeClass = Terms("BadgeClass");
    /// <summary>An issuer is a Profile; <c>Issuer</c> is the usual subclass term.</summary>
    public static readonly IReadOnlyList<string> Issuer = [.. Terms("Issuer"), .. Terms("Profile")];
    public static readonly IReadOnlyList<string> CryptographicKey = ["CryptographicKey", "sec:Key", Sec + "Key"];
    public static readonly IReadOnlyList<string> RevocationList = Terms("RevocationList");
    public static readonly IReadOnlyList<string> HostedBadge = [.. Terms("HostedBadge"), "hosted"];
    public static readonly IReadOnlyList<string> SignedBadge = [.. Terms("SignedBadge"), "signed"];

    /// <summary>True when the type value (string or array) names one of <paramref name="accepted"/>.</summary>
    public static bool Matches(JsonNode? type, IReadOnlyList<string> accepted) =>
        BadgeJson.Strings(type).Any(t => accepted.Contains(t, StringComparer.Ordinal));

    private static string[] Terms(string term) => [term, "obi:" + term, Obi + term];
}
