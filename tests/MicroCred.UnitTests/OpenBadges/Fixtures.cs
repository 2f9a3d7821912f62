using System.Text.Json.Nodes;
using MicroCred.OpenBadges;

namespace MicroCred.UnitTests.OpenBadges;

/// <summary>The 1EdTech Open Badges 2.0 fixtures in tests/fixtures/openbadges, copied to the output directory.</summary>
internal static class Fixtures
{
    public const string AssertionUrl = "https://example.org/beths-robotics-badge.json";
    public const string BadgeUrl = "https://example.org/robotics-badge.json";
    public const string IssuerUrl = "https://example.org/organization.json";
    public const string KeyUrl = "http://example.org/key1.json";
    public const string RecipientEmail = "nobody@example.org";

    public static string Text(string name) => File.ReadAllText(Path.Combine(AppContext.BaseDirectory, "fixtures", "openbadges", name));

    public static JsonObject Json(string name) =>
        BadgeJson.TryParseObject(Text(name), out var json, out var problem) ? json! : throw new InvalidOperationException(problem);

    public static JsonObject BasicAssertion => Json("basic-assertion.json");
    public static JsonObject RoboticsBadge => Json("robotics-badge.json");
    public static JsonObject Organization => Json("organization.json");
    public static JsonObject Key1 => Json("key1.json");
    public static JsonObject RevocationList => Json("revocation-list.json");
    public static string SimpleJwt => Text("simple.jwt").Trim();
}
