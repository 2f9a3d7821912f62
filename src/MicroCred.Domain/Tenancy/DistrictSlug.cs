using System.Text.RegularExpressions;
using MicroCred.Domain.Common;

namespace MicroCred.Domain.Tenancy;

/// <summary>The first path segment of every district page: <c>/{slug}/…</c>. Never changes once chosen.</summary>
public static partial class DistrictSlug
{
    public const int MinLength = 3;
    public const int MaxLength = 40;

    /// <summary>Top-level paths the platform uses itself, or may use; a district can never take them.</summary>
    public static readonly IReadOnlySet<string> Reserved = new HashSet<string>(StringComparer.Ordinal)
    {
        "public", "verify", "signup", "account", "accounts", "health", "admin", "api", "dev", "error", "status",
        "static", "assets", "css", "js", "lib", "img", "images", "favicon", "robots", "sitemap", "well-known",
        "login", "logout", "register", "districts", "district", "me", "my", "backpack", "profiles", "badges",
        "assertions", "issuers", "keys", "www", "mail", "support", "help", "about", "privacy", "terms", "microcred",
        "invitations", "catalog", "settings", "new", "edit", "null", "undefined",
    };

    [GeneratedRegex("^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();

    /// <summary>Returns the problem with a proposed slug, or null when it is acceptable.</summary>
    public static string? Problem(string? slug)
    {
        if (string.IsNullOrWhiteSpace(slug)) return "Choose a URL name for your district.";
        if (slug.Length is < MinLength or > MaxLength) return $"The URL name must be {MinLength} to {MaxLength} characters long.";
        if (!Shape().IsMatch(slug)) return "Use lowercase letters, digits and hyphens only, starting and ending with a letter or digit.";
        if (slug.Contains("--", StringComparison.Ordinal)) return "Use single hyphens between words.";
        if (Reserved.Contains(slug)) return $"\"{slug}\" is reserved by the platform; choose another URL name.";
        return null;
    }

    public static string Validate(string? slug, string field = "Slug")
    {
        var normalized = slug?.Trim() ?? "";
        return Problem(normalized) is { } problem ? throw new DomainException(problem, field) : normalized;
    }

    /// <summary>A suggestion from a district name: "Springfield Public Schools" → "springfield-public-schools".</summary>
    public static string Suggest(string name)
    {
        var chars = name.Trim().ToLowerInvariant().Select(c => char.IsAsciiLetterOrDigit(c) ? c : '-').ToArray();
        var slug = MultipleHyphens().Replace(new string(chars), "-").Trim('-');
        return slug.Length > MaxLength ? slug[..MaxLength].TrimEnd('-') : slug;
    }

    [GeneratedRegex("-{2,}")]
    private static partial Regex MultipleHyphens();
}
