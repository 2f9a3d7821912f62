using System.Text;

namespace MicroCred.OpenBadges.Baking;

/// <summary>Badge image formats, told apart by content (never by file name).</summary>
public enum BadgeImageFormat
{
    Unknown,
    Png,
    Svg,
}

/// <summary>Sniffs the format of image bytes.</summary>
public static class BadgeImageSniffer
{
    /// <summary>Largest badge image the library reads or bakes.</summary>
    public const int MaxImageBytes = 10 * 1024 * 1024;

    /// <summary>
    /// PNG by its 8-byte signature; SVG when the text starts (after an optional BOM and whitespace) with
    /// markup and an <c>&lt;svg</c> element appears in the first 4 KB. The baker and extractor still parse
    /// the whole file, so a wrong guess fails there with a clear message.
    /// </summary>
    public static BadgeImageFormat Detect(ReadOnlySpan<byte> data)
    {
        if (data.StartsWith(PngBadge.Signature)) return BadgeImageFormat.Png;

        var head = data[..Math.Min(data.Length, 4096)];
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) head = head[3..];
        var text = Encoding.UTF8.GetString(head).TrimStart();
        if (text.StartsWith('<') && text.Contains("<svg", StringComparison.Ordinal)) return BadgeImageFormat.Svg;
        return BadgeImageFormat.Unknown;
    }
}
