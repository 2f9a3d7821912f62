using System.Globalization;
using System.Text.RegularExpressions;

namespace MicroCred.OpenBadges;

/// <summary>Open Badges DateTime values: ISO 8601 with a time and a time zone designator.</summary>
public static partial class BadgeTimestamp
{
    /// <summary>Formats as UTC with second precision and a <c>Z</c>, e.g. <c>2026-11-23T10:15:00Z</c>.</summary>
    public static string Format(DateTimeOffset value) =>
        value.UtcDateTime.ToString("yyyy'-'MM'-'dd'T'HH':'mm':'ss'Z'", CultureInfo.InvariantCulture);

    /// <summary>
    /// Parses an Open Badges 2.0 DateTime. The specification requires the time and a zone designator
    /// (<c>Z</c> or an offset), so a bare date, a date-time without a zone and a Unix timestamp are refused.
    /// </summary>
    public static bool TryParse(string? text, out DateTimeOffset value)
    {
        value = default;
        if (text is null) return false;
        var match = Shape().Match(text);
        if (!match.Success) return false;

        // DateTimeOffset parsing wants "+hh:mm"; ISO 8601 also allows "+hhmm" and "+hh".
        var zone = match.Groups["zone"].Value;
        var normalisedZone = zone switch
        {
            "Z" or "z" => "+00:00",
            { Length: 3 } => zone + ":00",
            { Length: 5 } => zone[..3] + ":" + zone[3..],
            _ => zone,
        };
        var normalised = text[..match.Groups["zone"].Index] + normalisedZone;
        return DateTimeOffset.TryParse(normalised, CultureInfo.InvariantCulture, DateTimeStyles.None, out value);
    }

    [GeneratedRegex(@"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}(:\d{2}(\.\d{1,9})?)?(?<zone>[Zz]|[+-]\d{2}(:?\d{2})?)$", RegexOptions.CultureInvariant)]
    private static partial Regex Shape();
}
