using System.Buffers.Binary;
using System.Globalization;
using System.Security.Cryptography;
using System.Text;
using System.Text.RegularExpressions;
using System.Xml;
using System.Xml.Linq;
using MicroCred.Domain.Common;
using MicroCred.Domain.Design;
using MicroCred.Domain.Evidence;

namespace MicroCred.Application.Features.Design;

/// <summary>An uploaded badge image after checking: the bytes to store (a sanitised copy for SVG) and what was found.</summary>
public sealed record CheckedImage(string ContentType, byte[] Data, int Width, int Height, string Sha256, IReadOnlyList<string> Removed);

/// <summary>
/// Checks an uploaded badge image by its content, never its name: a PNG (signature, chunk structure and CRCs,
/// size from IHDR) or an SVG (parsed with DTDs prohibited, size from width/height or viewBox, then sanitised on an
/// allow-list: no scripts, event handlers, foreignObject, animation or external references). Refusals are
/// <see cref="DomainException"/>s on the field "Image", written for the person uploading.
/// </summary>
public static partial class BadgeImageFile
{
    public const string Field = "Image";
    public const string Png = "image/png";
    public const string Svg = "image/svg+xml";

    private static ReadOnlySpan<byte> PngSignature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    public static CheckedImage Check(ReadOnlySpan<byte> data, string? fileName)
    {
        if (data.IsEmpty) throw Refuse("The file is empty. Choose a PNG or SVG image.");
        var isPng = data.StartsWith(PngSignature);
        var isSvg = !isPng && LooksLikeSvg(data);
        if (!isPng && !isSvg) throw Refuse(WrongType(data, fileName));
        if (data.Length > BadgeImage.MaxBytes)
            throw Refuse($"The image is {FileSizes.Describe(data.Length)}; a badge image must be at most {FileSizes.Describe(BadgeImage.MaxBytes)}. Export it smaller and upload again.");
        return isPng ? CheckPng(data) : CheckSvg(data);
    }

    // ---------------------------------------------------------------- PNG

    private static CheckedImage CheckPng(ReadOnlySpan<byte> png)
    {
        var position = PngSignature.Length;
        int width = 0, height = 0;
        var sawData = false;
        for (var index = 0; ; index++)
        {
            if (png.Length - position < 12) throw Refuse("The PNG is cut short: it ends before its final IEND chunk. Export it again.");
            var length = BinaryPrimitives.ReadUInt32BigEndian(png[position..]);
            var type = png.Slice(position + 4, 4);
            foreach (var b in type)
                if (b is not ((>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z'))) throw Refuse("The PNG is damaged: a chunk has an invalid type.");
            var name = Encoding.ASCII.GetString(type);
            if (length > (uint)(png.Length - position - 12)) throw Refuse($"The PNG is damaged or cut short: its {name} chunk is longer than the file.");
            var data = png.Slice(position + 8, (int)length);
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png[(position + 8 + (int)length)..]);
            if (crc != System.IO.Hashing.Crc32.HashToUInt32(png.Slice(position + 4, (int)length + 4))) throw Refuse($"The PNG is damaged: the checksum of its {name} chunk does not match.");

            if (index == 0)
            {
                if (name != "IHDR" || length != 13) throw Refuse("The PNG is malformed: it does not start with an image header (IHDR).");
                width = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(data), int.MaxValue);
                height = (int)Math.Min(BinaryPrimitives.ReadUInt32BigEndian(data[4..]), int.MaxValue);
                if (width == 0 || height == 0) throw Refuse("The PNG is malformed: its width or height is zero.");
                if (!ValidDepth(colourType: data[9], bitDepth: data[8]) || data[10] != 0 || data[11] != 0 || data[12] > 1)
                    throw Refuse("The PNG is malformed: its header declares an impossible pixel format.");
            }
            else if (name == "IHDR") throw Refuse("The PNG is malformed: it has two image headers.");
            sawData |= name == "IDAT";
            position += 12 + (int)length;
            if (name == "IEND") break;
        }
        if (!sawData) throw Refuse("The PNG is malformed: it has no image data.");
        RequireSides(width, height);
        // Whatever follows IEND is not part of the image (and is a classic place to hide a second file): drop it.
        var bytes = png[..position].ToArray();
        return new CheckedImage(Png, bytes, width, height, Hash(bytes), []);
    }

    private static bool ValidDepth(byte colourType, byte bitDepth) => colourType switch
    {
        0 => bitDepth is 1 or 2 or 4 or 8 or 16,
        2 or 4 or 6 => bitDepth is 8 or 16,
        3 => bitDepth is 1 or 2 or 4 or 8,
        _ => false,
    };


    // ---------------------------------------------------------------- SVG

    private static readonly XNamespace SvgNs = "http://www.w3.org/2000/svg";
    private static readonly XNamespace XLinkNs = "http://www.w3.org/1999/xlink";

    /// <summary>SVG elements a badge may use. Anything else (script, foreignObject, animation, other namespaces) is removed.</summary>
    private static readonly HashSet<string> AllowedElements = new(StringComparer.Ordinal)
    {
        "svg", "g", "defs", "symbol", "use", "title", "desc", "switch", "view", "a",
        "path", "rect", "circle", "ellipse", "line", "polyline", "polygon", "text", "tspan", "textPath",
        "linearGradient", "radialGradient", "stop", "clipPath", "mask", "pattern", "marker", "image", "style",
        "filter", "feBlend", "feColorMatrix", "feComponentTransfer", "feComposite", "feConvolveMatrix", "feDiffuseLighting",
        "feDisplacementMap", "feDistantLight", "feDropShadow", "feFlood", "feFuncA", "feFuncB", "feFuncG", "feFuncR",
        "feGaussianBlur", "feImage", "feMerge", "feMergeNode", "feMorphology", "feOffset", "fePointLight",
        "feSpecularLighting", "feSpotLight", "feTile", "feTurbulence",
    };

    private static bool LooksLikeSvg(ReadOnlySpan<byte> data)
    {
        var head = data[..Math.Min(data.Length, 4096)];
        if (head.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) head = head[3..];
        var text = Encoding.UTF8.GetString(head).TrimStart();
        return text.StartsWith('<') && text.Contains("<svg", StringComparison.Ordinal);
    }

    private static CheckedImage CheckSvg(ReadOnlySpan<byte> svg)
    {
        var text = Encoding.UTF8.GetString(svg);
        if (text.Contains("<!DOCTYPE", StringComparison.OrdinalIgnoreCase) || text.Contains("<!ENTITY", StringComparison.OrdinalIgnoreCase))
            throw Refuse("The SVG declares a DTD (a <!DOCTYPE> or <!ENTITY> line), which could pull in other files. Remove that line and upload again.");

        XDocument document;
        var settings = new XmlReaderSettings
        {
            DtdProcessing = DtdProcessing.Prohibit,
            XmlResolver = null,
            IgnoreComments = true,
            MaxCharactersInDocument = 4L * BadgeImage.MaxBytes,
        };
        try
        {
            using var stream = new MemoryStream(svg.ToArray(), writable: false);
            using var reader = XmlReader.Create(stream, settings);
            document = XDocument.Load(reader, LoadOptions.None);
        }
        catch (XmlException e)
        {
            throw Refuse($"The SVG is not well-formed XML (line {e.LineNumber}, position {e.LinePosition}). Export it again from your drawing program.");
        }

        var root = document.Root!;
        if (root.Name != SvgNs + "svg")
            throw Refuse("This is not an SVG image: its root element must be <svg xmlns=\"http://www.w3.org/2000/svg\">.");
        if (MaxDepth(root) > 128) throw Refuse("The SVG is nested too deeply to be a badge image.");

        var removed = Sanitise(document);
        var (width, height) = SizeOf(root);
        RequireSides(width, height);

        using var output = new MemoryStream();
        using (var writer = XmlWriter.Create(output, new XmlWriterSettings { Encoding = new UTF8Encoding(false), OmitXmlDeclaration = false }))
            document.Save(writer);
        var bytes = output.ToArray();
        if (bytes.Length > BadgeImage.MaxBytes) throw Refuse($"The image must be at most {FileSizes.Describe(BadgeImage.MaxBytes)}.");
        return new CheckedImage(Svg, bytes, width, height, Hash(bytes), removed);
    }

    private static int MaxDepth(XElement root)
    {
        var depth = new Dictionary<XElement, int> { [root] = 0 };
        var max = 0;
        foreach (var element in root.Descendants())
        {
            var d = depth[element.Parent!] + 1;
            depth[element] = d;
            if (d > max) max = d;
        }
        return max;
    }

    /// <summary>Removes everything outside the allow-list and returns a description of each kind of thing removed.</summary>
    private static List<string> Sanitise(XDocument document)
    {
        var removed = new SortedDictionary<string, int>(StringComparer.Ordinal);
        void Note(string what) => removed[what] = removed.GetValueOrDefault(what) + 1;

        foreach (var instruction in document.DescendantNodes().OfType<XProcessingInstruction>().ToList())
        {
            instruction.Remove();
            Note("processing instructions (such as linked style sheets)");
        }

        // Outermost first: removing an element removes its children with it.
        foreach (var element in document.Root!.Descendants().ToList())
        {
            if (element.Document is null) continue; // inside an element already removed
            if (element.Name.Namespace == SvgNs && AllowedElements.Contains(element.Name.LocalName))
            {
                if (element.Name.LocalName == "style" && !SafeCss(element.Value))
                {
                    element.Remove();
                    Note("style sheets that import or link other files");
                }
                continue;
            }
            element.Remove();
            Note(element.Name.Namespace == SvgNs ? DescribeElement(element.Name.LocalName) : "elements from other vocabularies (editor metadata, HTML)");
        }

        foreach (var element in document.Root.DescendantsAndSelf().ToList())
        {
            foreach (var attribute in element.Attributes().ToList())
            {
                var name = attribute.Name;
                if (attribute.IsNamespaceDeclaration)
                {
                    if (attribute.Value != SvgNs.NamespaceName && attribute.Value != XLinkNs.NamespaceName) attribute.Remove();
                    continue;
                }
                string? why = null;
                if (name.Namespace != XNamespace.None && name.Namespace != XLinkNs && name.Namespace != XNamespace.Xml) why = "attributes from other vocabularies (editor metadata)";
                else if (name.Namespace == XNamespace.Xml && name.LocalName == "base") why = "external references";
                else if (name.LocalName.StartsWith("on", StringComparison.OrdinalIgnoreCase)) why = "event handlers (onload, onclick, …)";
                else if (name.LocalName == "href" && !SafeReference(attribute.Value)) why = "external references";
                else if (name.LocalName == "style" && !SafeCss(attribute.Value)) why = "styles that link other files";
                else if (!SafeValue(attribute.Value)) why = "external references";
                if (why is null) continue;
                attribute.Remove();
                Note(why);
            }
        }
        return removed.Select(r => $"{r.Key} ({r.Value})").ToList();
    }

    private static string DescribeElement(string localName) => localName switch
    {
        "script" => "scripts",
        "foreignObject" => "foreignObject (embedded HTML)",
        "animate" or "set" or "animateMotion" or "animateTransform" or "mpath" => "animation",
        _ => $"unsupported elements ({localName})",
    };

    /// <summary>A reference to something inside this SVG, or an embedded raster image; never a URL that loads anything.</summary>
    private static bool SafeReference(string value)
    {
        var v = value.Trim();
        return (v.StartsWith('#') && !v.Contains(':', StringComparison.Ordinal)) || EmbeddedRaster().IsMatch(v);
    }

    private static bool SafeValue(string value)
    {
        if (value.Contains("javascript:", StringComparison.OrdinalIgnoreCase)) return false;
        foreach (Match url in CssUrl().Matches(value))
            if (!url.Groups[1].Value.Trim().Trim('"', '\'').Trim().StartsWith('#')) return false;
        return true;
    }

    /// <summary>CSS without imports, escapes (which can hide either) or URLs other than #fragments.</summary>
    private static bool SafeCss(string css) =>
        !css.Contains("@import", StringComparison.OrdinalIgnoreCase) && !css.Contains('\\', StringComparison.Ordinal)
        && !css.Contains("expression(", StringComparison.OrdinalIgnoreCase) && !css.Contains("-moz-binding", StringComparison.OrdinalIgnoreCase)
        && !css.Contains("behavior:", StringComparison.OrdinalIgnoreCase) && SafeValue(css);

    [GeneratedRegex(@"url\s*\(([^)]*)\)", RegexOptions.IgnoreCase)]
    private static partial Regex CssUrl();

    [GeneratedRegex(@"^data:image/(png|jpeg|gif|webp);base64,[A-Za-z0-9+/=\s]*$", RegexOptions.IgnoreCase)]
    private static partial Regex EmbeddedRaster();

    [GeneratedRegex(@"^\s*([0-9]*\.?[0-9]+(?:[eE][-+]?[0-9]+)?)\s*(px|pt|pc|mm|cm|in)?\s*$")]
    private static partial Regex Length();

    /// <summary>The SVG's intended size in CSS pixels: width and height, or the viewBox (scaled to a single given side).</summary>
    private static (int Width, int Height) SizeOf(XElement root)
    {
        var width = Pixels(root.Attribute("width")?.Value);
        var height = Pixels(root.Attribute("height")?.Value);
        double? boxWidth = null, boxHeight = null;
        if (root.Attribute("viewBox")?.Value is { } viewBox)
        {
            var parts = viewBox.Split([' ', ',', '\t', '\n', '\r'], StringSplitOptions.RemoveEmptyEntries);
            if (parts.Length == 4 && double.TryParse(parts[2], NumberStyles.Float, CultureInfo.InvariantCulture, out var w)
                && double.TryParse(parts[3], NumberStyles.Float, CultureInfo.InvariantCulture, out var h) && w > 0 && h > 0)
                (boxWidth, boxHeight) = (w, h);
        }
        if (width is null && height is null && boxWidth is null)
            throw Refuse("The SVG does not say how big it is: give its <svg> element a width and height, or a viewBox.");
        if (boxWidth is { } bw && boxHeight is { } bh)
        {
            if (width is null && height is null) (width, height) = (bw, bh);
            else if (width is null) width = height * bw / bh;
            else height ??= width * bh / bw;
        }
        if (width is null || height is null)
            throw Refuse("The SVG gives only one of width and height and no viewBox, so its shape is unknown. Add a viewBox.");
        return ((int)Math.Round(Math.Min(width.Value, int.MaxValue)), (int)Math.Round(Math.Min(height.Value, int.MaxValue)));
    }

    private static double? Pixels(string? value)
    {
        if (value is null) return null;
        var match = Length().Match(value);
        if (!match.Success) return null; // percentages and font-relative units say nothing about the image itself
        var number = double.Parse(match.Groups[1].Value, CultureInfo.InvariantCulture);
        return match.Groups[2].Value switch
        {
            "pt" => number * 96 / 72,
            "pc" => number * 16,
            "mm" => number * 96 / 25.4,
            "cm" => number * 96 / 2.54,
            "in" => number * 96,
            _ => number,
        };
    }

    // ---------------------------------------------------------------- shared

    private static void RequireSides(int width, int height)
    {
        if (width < BadgeImage.MinSide || height < BadgeImage.MinSide)
            throw Refuse($"The image is {width}×{height} pixels; a badge image must be at least {BadgeImage.MinSide}×{BadgeImage.MinSide}.");
        if (width > BadgeImage.MaxSide || height > BadgeImage.MaxSide)
            throw Refuse($"The image is {width}×{height} pixels; a badge image must be at most {BadgeImage.MaxSide}×{BadgeImage.MaxSide}. Export it smaller.");
    }

    /// <summary>Names what the file really is, so "badge.png" that is a JPEG gets a message that says so.</summary>
    private static string WrongType(ReadOnlySpan<byte> data, string? fileName)
    {
        var kind = data switch
        {
            [0xFF, 0xD8, 0xFF, ..] => "a JPEG image",
            [(byte)'G', (byte)'I', (byte)'F', (byte)'8', ..] => "a GIF image",
            [(byte)'R', (byte)'I', (byte)'F', (byte)'F', _, _, _, _, (byte)'W', (byte)'E', (byte)'B', (byte)'P', ..] => "a WebP image",
            [(byte)'B', (byte)'M', ..] when data.Length > 26 => "a BMP image",
            [(byte)'I', (byte)'I', 0x2A, 0x00, ..] or [(byte)'M', (byte)'M', 0x00, 0x2A, ..] => "a TIFF image",
            [_, _, _, _, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'h', (byte)'e', (byte)'i', ..] => "a HEIC photo",
            [_, _, _, _, (byte)'f', (byte)'t', (byte)'y', (byte)'p', (byte)'a', (byte)'v', (byte)'i', (byte)'f', ..] => "an AVIF image",
            [0x00, 0x00, 0x01, 0x00, ..] => "an icon (.ico) file",
            [(byte)'%', (byte)'P', (byte)'D', (byte)'F', ..] => "a PDF document",
            [(byte)'P', (byte)'K', 0x03, 0x04, ..] => "a ZIP archive (perhaps a Word or PowerPoint file)",
            _ => null,
        };
        var extension = Path.GetExtension(fileName ?? "").ToLowerInvariant();
        var named = extension is ".png" or ".svg" ? $", even though its name ends in {extension}" : "";
        return kind is null
            ? $"This file is not a PNG or SVG image{named}. A badge image must be a PNG or an SVG."
            : $"This file is {kind}, not a PNG or SVG{named}. Save or export it as PNG (or SVG) and upload that.";
    }


    private static string Hash(byte[] bytes) => Convert.ToHexStringLower(SHA256.HashData(bytes));

    private static DomainException Refuse(string message) => new(message, Field);
}
