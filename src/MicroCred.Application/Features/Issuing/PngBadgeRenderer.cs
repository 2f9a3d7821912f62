using System.Buffers.Binary;
using System.Globalization;
using System.IO.Compression;
using MicroCred.Application.Features.Design;
using MicroCred.OpenBadges.Baking;

namespace MicroCred.Application.Features.Issuing;

/// <summary>
/// Draws the PNG counterpart of the generated default badge (the district's colour, a ring and the initials), for
/// baking: PNG bakes need a PNG, and the platform has no SVG rasteriser. A small pixel font keeps it dependency-free;
/// the output is deterministic. Also wraps a PNG into an SVG for the baked SVG download.
/// </summary>
public static class PngBadgeRenderer
{
    public const int Size = 256;

    // 5×7 capital letters and digits, one string of 7 rows per glyph ('#' = ink).
    private static readonly Dictionary<char, string[]> Glyphs = new()
    {
        ['A'] = [" ### ", "#   #", "#   #", "#####", "#   #", "#   #", "#   #"],
        ['B'] = ["#### ", "#   #", "#   #", "#### ", "#   #", "#   #", "#### "],
        ['C'] = [" ### ", "#   #", "#    ", "#    ", "#    ", "#   #", " ### "],
        ['D'] = ["#### ", "#   #", "#   #", "#   #", "#   #", "#   #", "#### "],
        ['E'] = ["#####", "#    ", "#    ", "#### ", "#    ", "#    ", "#####"],
        ['F'] = ["#####", "#    ", "#    ", "#### ", "#    ", "#    ", "#    "],
        ['G'] = [" ### ", "#   #", "#    ", "# ###", "#   #", "#   #", " ####"],
        ['H'] = ["#   #", "#   #", "#   #", "#####", "#   #", "#   #", "#   #"],
        ['I'] = [" ### ", "  #  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### "],
        ['J'] = ["  ###", "   # ", "   # ", "   # ", "   # ", "#  # ", " ##  "],
        ['K'] = ["#   #", "#  # ", "# #  ", "##   ", "# #  ", "#  # ", "#   #"],
        ['L'] = ["#    ", "#    ", "#    ", "#    ", "#    ", "#    ", "#####"],
        ['M'] = ["#   #", "## ##", "# # #", "# # #", "#   #", "#   #", "#   #"],
        ['N'] = ["#   #", "#   #", "##  #", "# # #", "#  ##", "#   #", "#   #"],
        ['O'] = [" ### ", "#   #", "#   #", "#   #", "#   #", "#   #", " ### "],
        ['P'] = ["#### ", "#   #", "#   #", "#### ", "#    ", "#    ", "#    "],
        ['Q'] = [" ### ", "#   #", "#   #", "#   #", "# # #", "#  # ", " ## #"],
        ['R'] = ["#### ", "#   #", "#   #", "#### ", "# #  ", "#  # ", "#   #"],
        ['S'] = [" ####", "#    ", "#    ", " ### ", "    #", "    #", "#### "],
        ['T'] = ["#####", "  #  ", "  #  ", "  #  ", "  #  ", "  #  ", "  #  "],
        ['U'] = ["#   #", "#   #", "#   #", "#   #", "#   #", "#   #", " ### "],
        ['V'] = ["#   #", "#   #", "#   #", "#   #", "#   #", " # # ", "  #  "],
        ['W'] = ["#   #", "#   #", "#   #", "# # #", "# # #", "# # #", " # # "],
        ['X'] = ["#   #", "#   #", " # # ", "  #  ", " # # ", "#   #", "#   #"],
        ['Y'] = ["#   #", "#   #", " # # ", "  #  ", "  #  ", "  #  ", "  #  "],
        ['Z'] = ["#####", "    #", "   # ", "  #  ", " #   ", "#    ", "#####"],
        ['0'] = [" ### ", "#   #", "#  ##", "# # #", "##  #", "#   #", " ### "],
        ['1'] = ["  #  ", " ##  ", "  #  ", "  #  ", "  #  ", "  #  ", " ### "],
        ['2'] = [" ### ", "#   #", "    #", "   # ", "  #  ", " #   ", "#####"],
        ['3'] = ["#### ", "    #", "    #", " ### ", "    #", "    #", "#### "],
        ['4'] = ["   # ", "  ## ", " # # ", "#  # ", "#####", "   # ", "   # "],
        ['5'] = ["#####", "#    ", "#### ", "    #", "    #", "#   #", " ### "],
        ['6'] = [" ### ", "#    ", "#    ", "#### ", "#   #", "#   #", " ### "],
        ['7'] = ["#####", "    #", "   # ", "  #  ", " #   ", " #   ", " #   "],
        ['8'] = [" ### ", "#   #", "#   #", " ### ", "#   #", "#   #", " ### "],
        ['9'] = [" ### ", "#   #", "#   #", " ####", "    #", "    #", " ### "],
    };

    /// <summary>A round (credential) or hexagonal (stack) badge in <paramref name="color"/> with the name's initials.</summary>
    public static byte[] Render(string name, string? color, bool stack = false)
    {
        var (r, g, b) = Parse(color);
        // White or near-black ink, whichever reads better on the fill.
        var light = (0.2126 * r + 0.7152 * g + 0.0722 * b) / 255 < 0.55;
        var ink = light ? ((byte)255, (byte)255, (byte)255) : ((byte)17, (byte)24, (byte)39);
        var pixels = new byte[Size * Size * 4];
        const double centre = (Size - 1) / 2.0;
        for (var y = 0; y < Size; y++)
        {
            for (var x = 0; x < Size; x++)
            {
                var d = stack ? HexDistance(x - centre, y - centre) : Math.Sqrt((x - centre) * (x - centre) + (y - centre) * (y - centre));
                var edge = stack ? 118.0 : 120.0;
                if (d > edge) continue; // transparent outside
                var ring = d > edge - 22 && d < edge - 16;
                Put(pixels, x, y, ring ? Blend((r, g, b), ink, 0.55) : (r, g, b));
            }
        }

        var initials = new string(DefaultBadge.Initials(name).ToUpper(CultureInfo.InvariantCulture).Where(Glyphs.ContainsKey).Take(3).ToArray());
        if (initials.Length > 0)
        {
            var scale = initials.Length switch { 1 => 16, 2 => 13, _ => 10 };
            var width = (initials.Length * 6 - 1) * scale;
            var left = (Size - width) / 2;
            var top = (Size - 7 * scale) / 2;
            for (var i = 0; i < initials.Length; i++)
            {
                var glyph = Glyphs[initials[i]];
                for (var row = 0; row < 7; row++)
                    for (var col = 0; col < 5; col++)
                        if (glyph[row][col] == '#')
                            for (var dy = 0; dy < scale; dy++)
                                for (var dx = 0; dx < scale; dx++)
                                    Put(pixels, left + (i * 6 + col) * scale + dx, top + row * scale + dy, ink);
            }
        }
        return Encode(pixels);
    }

    /// <summary>An SVG showing a PNG (for the baked SVG download when the badge image is a PNG).</summary>
    public static byte[] SvgWrapping(byte[] png, string title)
    {
        var (width, height) = PngSize(png);
        var text = $"<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"{width}\" height=\"{height}\" viewBox=\"0 0 {width} {height}\" role=\"img\">" +
                   $"<title>{System.Security.SecurityElement.Escape(title)}</title>" +
                   $"<image width=\"{width}\" height=\"{height}\" href=\"data:image/png;base64,{Convert.ToBase64String(png)}\"/></svg>";
        return System.Text.Encoding.UTF8.GetBytes(text);
    }

    private static (int Width, int Height) PngSize(byte[] png) =>
        png.Length >= 24 ? ((int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(16)), (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(20))) : (Size, Size);

    /// <summary>Distance to the centre in the metric of a pointy-top hexagon (edge normals at 0°, 60°, 120°).</summary>
    private static double HexDistance(double x, double y) =>
        Math.Max(Math.Abs(x), 0.5 * Math.Abs(x) + Math.Sqrt(3) / 2 * Math.Abs(y));

    private static (byte, byte, byte) Blend((byte R, byte G, byte B) a, (byte R, byte G, byte B) b, double t) =>
        ((byte)(a.R + (b.R - a.R) * t), (byte)(a.G + (b.G - a.G) * t), (byte)(a.B + (b.B - a.B) * t));

    private static void Put(byte[] pixels, int x, int y, (byte R, byte G, byte B) c)
    {
        if (x < 0 || y < 0 || x >= Size || y >= Size) return;
        var i = (y * Size + x) * 4;
        (pixels[i], pixels[i + 1], pixels[i + 2], pixels[i + 3]) = (c.R, c.G, c.B, 255);
    }

    private static (byte, byte, byte) Parse(string? color)
    {
        if (color is { Length: 7 } && color[0] == '#'
            && int.TryParse(color.AsSpan(1), NumberStyles.HexNumber, CultureInfo.InvariantCulture, out var rgb))
            return ((byte)(rgb >> 16), (byte)(rgb >> 8), (byte)rgb);
        return (0x1f, 0x5f, 0x8b);
    }

    private static byte[] Encode(byte[] rgba)
    {
        using var raw = new MemoryStream();
        for (var y = 0; y < Size; y++)
        {
            raw.WriteByte(0); // filter: none
            raw.Write(rgba, y * Size * 4, Size * 4);
        }
        byte[] compressed;
        using (var packed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(packed, CompressionLevel.Optimal, leaveOpen: true)) raw.WriteTo(zlib);
            compressed = packed.ToArray();
        }
        using var png = new MemoryStream();
        png.Write(PngBadge.Signature);
        var header = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(header, Size);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(4), Size);
        header[8] = 8; // bit depth
        header[9] = 6; // RGBA
        PngChunkWriter.Write(png, "IHDR", header);
        PngChunkWriter.Write(png, "IDAT", compressed);
        PngChunkWriter.Write(png, "IEND", []);
        return png.ToArray();
    }

}
