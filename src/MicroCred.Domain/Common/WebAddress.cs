using System.Diagnostics.CodeAnalysis;

namespace MicroCred.Domain.Common;

/// <summary>
/// The one test of a web address a person gives us (a link, a website, evidence, a badge class id): absolute, and
/// http or https. Validators and entities both ask it, so they cannot disagree.
/// </summary>
public static class WebAddress
{
    public static bool TryParse(string? value, [NotNullWhen(true)] out Uri? uri)
    {
        uri = null;
        if (string.IsNullOrWhiteSpace(value)) return false;
        if (!Uri.TryCreate(value.Trim(), UriKind.Absolute, out var parsed) || (parsed.Scheme != Uri.UriSchemeHttp && parsed.Scheme != Uri.UriSchemeHttps)) return false;
        uri = parsed;
        return true;
    }

    public static bool IsHttp([NotNullWhen(true)] string? value) => TryParse(value, out _);

    /// <summary>Empty, or a web address: for optional fields.</summary>
    public static bool IsEmptyOrHttp(string? value) => string.IsNullOrWhiteSpace(value) || IsHttp(value);
}
