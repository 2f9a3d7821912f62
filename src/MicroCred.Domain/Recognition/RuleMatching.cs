namespace MicroCred.Domain.Recognition;

/// <summary>
/// Which rules a verified badge meets. A rule for another issuer's badge matches when its URL is the badge
/// class id. A rule for one of our micro-credentials or stacks matches when the badge class's <c>criteria.id</c>
/// is the item's page on this platform, and the badge class itself is served by this platform (anyone can copy
/// our criteria URL into their own badge class; nobody else can serve a verified badge class from our address).
/// URLs compare without fragment or trailing slash, scheme and host case-insensitive, never by prefix.
/// </summary>
public static class RuleMatching
{
    /// <param name="notAssessedBasis">
    /// The basis a badge declares when it was issued without assessment (null: assessed, or not declared); a rule that
    /// requires assessed badges does not match it.
    /// </param>
    public static bool Matches(RecognitionRule rule, Uri platformBase, string? badgeClassId, string? criteriaId, string? notAssessedBasis = null)
    {
        if (!rule.IsActive) return false;
        if (rule.RequiresAssessed && notAssessedBasis is not null) return false;
        return rule.Target == RuleTarget.ExternalBadgeClass
            ? Same(rule.BadgeClassUrl, badgeClassId)
            : OnPlatform(badgeClassId, platformBase) && Same(PlatformUrl(rule, platformBase), criteriaId);
    }

    /// <summary>The URL a rule matches: the badge class URL, or our item's public page.</summary>
    public static string? UrlOf(RecognitionRule rule, Uri platformBase) =>
        rule.Target == RuleTarget.ExternalBadgeClass ? rule.BadgeClassUrl : PlatformUrl(rule, platformBase);

    private static string? PlatformUrl(RecognitionRule rule, Uri platformBase) =>
        rule.PlatformPath is { } path ? new Uri(platformBase, path).ToString() : null;

    public static bool OnPlatform(string? url, Uri platformBase) =>
        Uri.TryCreate(url, UriKind.Absolute, out var uri)
        && string.Equals(uri.GetLeftPart(UriPartial.Authority), platformBase.GetLeftPart(UriPartial.Authority), StringComparison.OrdinalIgnoreCase);

    public static bool Same(string? a, string? b)
    {
        if (Normalize(a) is not { } x || Normalize(b) is not { } y) return false;
        return string.Equals(x, y, StringComparison.Ordinal);
    }

    public static string? Normalize(string? url)
    {
        if (string.IsNullOrWhiteSpace(url) || !Uri.TryCreate(url.Trim(), UriKind.Absolute, out var uri)) return null;
        if (uri.Scheme != Uri.UriSchemeHttp && uri.Scheme != Uri.UriSchemeHttps) return null;
        return uri.GetLeftPart(UriPartial.Query).TrimEnd('/'); // scheme and host lower-cased by Uri, default port dropped, no fragment
    }
}
