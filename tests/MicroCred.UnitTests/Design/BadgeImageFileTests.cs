using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using MicroCred.Application.Features.Design;
using MicroCred.Domain.Common;
using MicroCred.Domain.Design;
using MicroCred.UnitTests.OpenBadges;

namespace MicroCred.UnitTests.Design;

/// <summary>Uploaded badge images are checked by content and SVGs are sanitised on an allow-list.</summary>
public sealed class BadgeImageFileTests
{
    /// <summary>A structurally valid PNG whose header claims <paramref name="width"/>×<paramref name="height"/> (pixels are not decoded).</summary>
    private static byte[] Png(int width, int height, byte colourType = 6, byte bitDepth = 8, Action<MemoryStream>? beforeEnd = null, byte[]? trailing = null)
    {
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = bitDepth;
        ihdr[9] = colourType;
        TestPng.WriteChunk(output, "IHDR", ihdr);
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) zlib.Write(new byte[64]);
            TestPng.WriteChunk(output, "IDAT", compressed.ToArray());
        }
        beforeEnd?.Invoke(output);
        TestPng.WriteChunk(output, "IEND", []);
        if (trailing is not null) output.Write(trailing);
        return output.ToArray();
    }

    private static byte[] Svg(string body, string attributes = "width=\"256\" height=\"256\"") =>
        Encoding.UTF8.GetBytes($"""<?xml version="1.0" encoding="UTF-8"?><svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" {attributes}>{body}</svg>""");

    private static string Refusal(byte[] data, string? name = null)
    {
        var refusal = Assert.Throws<DomainException>(() => BadgeImageFile.Check(data, name));
        Assert.Equal("Image", refusal.Field);
        return refusal.Message;
    }

    private static string Clean(string body, string attributes = "width=\"256\" height=\"256\"") =>
        Encoding.UTF8.GetString(BadgeImageFile.Check(Svg(body, attributes), "badge.svg").Data);

    [Fact]
    public void A_png_is_accepted_with_its_size_from_IHDR()
    {
        var png = Png(300, 200);
        var image = BadgeImageFile.Check(png, "badge.png");
        Assert.Equal(("image/png", 300, 200), (image.ContentType, image.Width, image.Height));
        Assert.Equal(png, image.Data);
        Assert.Equal(64, image.Sha256.Length);
    }

    [Fact]
    public void Bytes_after_IEND_are_dropped()
    {
        var png = Png(128, 128, trailing: Encoding.ASCII.GetBytes("<html><script>alert(1)</script></html>"));
        var image = BadgeImageFile.Check(png, "badge.png");
        Assert.Equal(png.Length - 38, image.Data.Length);
        Assert.Equal("IEND", Encoding.ASCII.GetString(image.Data, image.Data.Length - 8, 4));
    }

    [Fact]
    public void A_renamed_jpeg_is_refused_by_content_with_a_message_that_says_what_it_is()
    {
        byte[] jpeg = [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, (byte)'J', (byte)'F', (byte)'I', (byte)'F', 0, 1, 1, 0, 0, 1, 0, 1, 0, 0];
        var message = Refusal(jpeg, "badge.png");
        Assert.Contains("JPEG", message);
        Assert.Contains("even though its name ends in .png", message);
        Assert.Contains("GIF", Refusal(Encoding.ASCII.GetBytes("GIF89a\x01\x00\x01\x00"), "badge.svg"));
        Assert.Contains("PDF", Refusal(Encoding.ASCII.GetBytes("%PDF-1.7 ..."), "badge.pdf"));
        Assert.Equal("This file is not a PNG or SVG image. A badge image must be a PNG or an SVG.", Refusal(Encoding.ASCII.GetBytes("hello"), "notes.txt"));
        Assert.Contains("empty", Refusal([]));
    }

    [Fact]
    public void A_svg_named_png_is_accepted_as_svg_because_content_decides()
    {
        Assert.Equal("image/svg+xml", BadgeImageFile.Check(Svg("<circle r=\"5\"/>"), "badge.png").ContentType);
    }

    [Fact]
    public void Size_and_dimension_limits_are_enforced()
    {
        Assert.Contains("at most 512 KB", Refusal(Png(256, 256, beforeEnd: s => TestPng.WriteChunk(s, "tEXt", new byte[BadgeImage.MaxBytes])), "big.png"));
        Assert.Contains("at most 512 KB", Refusal(Svg($"<desc>{new string('x', BadgeImage.MaxBytes)}</desc>")));
        Assert.Contains("63×63", Refusal(Png(63, 63)));
        Assert.Contains("at least 64×64", Refusal(Png(64, 40)));
        Assert.Contains("at most 2048×2048", Refusal(Png(2049, 512)));
        Assert.Equal((64, 2048), (BadgeImageFile.Check(Png(64, 2048), null).Width, BadgeImageFile.Check(Png(64, 2048), null).Height));
        Assert.Contains("32×32", Refusal(Svg("", "width=\"32\" height=\"32\"")));
        Assert.Contains("4096×4096", Refusal(Svg("", "viewBox=\"0 0 4096 4096\"")));
    }

    [Fact]
    public void A_damaged_png_is_refused()
    {
        var png = Png(128, 128);
        var badCrc = (byte[])png.Clone();
        badCrc[20] ^= 0xFF; // inside IHDR's data
        Assert.Contains("checksum", Refusal(badCrc));
        Assert.Contains("cut short", Refusal(png[..^12]));
        Assert.Contains("impossible pixel format", Refusal(Png(128, 128, colourType: 2, bitDepth: 4)));
        Assert.Contains("zero", Refusal(Png(0, 128)));
        using var noData = new MemoryStream();
        noData.Write(png.AsSpan(0, 8 + 25)); // signature and IHDR
        TestPng.WriteChunk(noData, "IEND", []);
        Assert.Contains("no image data", Refusal(noData.ToArray()));
    }

    [Fact]
    public void Svg_size_comes_from_width_and_height_or_the_viewBox()
    {
        Assert.Equal((256, 128), Size(Svg("", "width=\"256px\" height=\"128\"")));
        Assert.Equal((96, 192), Size(Svg("", "width=\"1in\" height=\"2in\"")));
        Assert.Equal((300, 150), Size(Svg("", "viewBox=\"0 0 300 150\"")));
        Assert.Equal((400, 200), Size(Svg("", "width=\"400\" viewBox=\"0,0,300,150\"")));
        Assert.Equal((300, 300), Size(Svg("", "width=\"100%\" height=\"100%\" viewBox=\"0 0 300 300\"")));
        Assert.Contains("how big", Refusal(Svg("", "")));
        Assert.Contains("only one of width and height", Refusal(Svg("", "width=\"100\"")));

        static (int, int) Size(byte[] svg) { var c = BadgeImageFile.Check(svg, null); return (c.Width, c.Height); }
    }

    [Fact]
    public void Scripts_event_handlers_and_foreignObject_are_removed()
    {
        var clean = Clean("""
            <script>alert(document.cookie)</script>
            <script xlink:href="https://evil.example/x.js"/>
            <circle cx="10" cy="10" r="5" onload="alert(1)" ONCLICK="alert(2)" fill="red"/>
            <foreignObject width="100" height="100"><body xmlns="http://www.w3.org/1999/xhtml"><iframe src="https://evil.example"/></body></foreignObject>
            <g><animate attributeName="href" to="javascript:alert(1)"/><set attributeName="onmouseover" to="alert(1)"/></g>
            <a href="javascript:alert(1)"><text>link</text></a>
            """);
        Assert.DoesNotContain("script", clean, StringComparison.OrdinalIgnoreCase);
        Assert.DoesNotContain("onload", clean);
        Assert.DoesNotContain("ONCLICK", clean);
        Assert.DoesNotContain("foreignObject", clean);
        Assert.DoesNotContain("iframe", clean);
        Assert.DoesNotContain("animate", clean);
        Assert.DoesNotContain("<set", clean);
        Assert.DoesNotContain("javascript", clean);
        Assert.Contains("<circle cx=\"10\" cy=\"10\" r=\"5\" fill=\"red\" />", clean);
        Assert.Contains("<text>link</text>", clean);

        var report = BadgeImageFile.Check(Svg("<script>1</script><script>2</script><rect onclick=\"x()\" width=\"1\" height=\"1\"/>"), null).Removed;
        Assert.Equal(["event handlers (onload, onclick, …) (1)", "scripts (2)"], report);
    }

    [Fact]
    public void External_references_are_removed_and_internal_ones_kept()
    {
        const string pixel = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";
        var clean = Clean($"""
            <defs><linearGradient id="g"><stop offset="0" stop-color="#fff"/></linearGradient><path id="p" d="M0 0h10"/></defs>
            <use href="#p"/>
            <use xlink:href="https://evil.example/sprite.svg#icon"/>
            <image href="https://evil.example/tracker.png" width="10" height="10"/>
            <image xlink:href="{pixel}" width="10" height="10"/>
            <image href="data:image/svg+xml;base64,PHN2Zz48L3N2Zz4=" width="10" height="10"/>
            <rect width="10" height="10" fill="url(#g)"/>
            <rect width="10" height="10" fill="url(https://evil.example/paint.svg#g)"/>
            <rect width="10" height="10" style="fill: url('https://evil.example/x'); stroke: red"/>
            <rect width="10" height="10" style="fill: blue"/>
            <g xml:base="https://evil.example/"/>
            """);
        Assert.DoesNotContain("evil.example", clean);
        Assert.DoesNotContain("image/svg+xml", clean);
        Assert.Contains("<use href=\"#p\" />", clean);
        Assert.Contains(pixel, clean);
        Assert.Contains("fill=\"url(#g)\"", clean);
        Assert.Contains("style=\"fill: blue\"", clean);
    }

    [Fact]
    public void Style_sheets_that_import_or_fetch_are_removed_and_plain_ones_kept()
    {
        var clean = Clean("""
            <style>@import url(https://evil.example/a.css);</style>
            <style>circle { background: url("https://evil.example/b.png") }</style>
            <style>rect { fill: u\72l(https://evil.example/c) }</style>
            <style>.ring { stroke: #1f5f8b; fill: url(#g) }</style>
            """);
        Assert.DoesNotContain("evil", clean);
        Assert.DoesNotContain("import", clean);
        Assert.Contains(".ring { stroke: #1f5f8b; fill: url(#g) }", clean);
    }

    [Fact]
    public void Processing_instructions_comments_and_foreign_vocabularies_are_removed()
    {
        var svg = Encoding.UTF8.GetBytes("""
            <?xml version="1.0"?>
            <?xml-stylesheet href="https://evil.example/style.css" type="text/css"?>
            <!-- drawn in an editor -->
            <svg xmlns="http://www.w3.org/2000/svg" xmlns:inkscape="http://www.inkscape.org/namespaces/inkscape" xmlns:html="http://www.w3.org/1999/xhtml" width="128" height="128" inkscape:version="1.3">
              <inkscape:grid/>
              <html:script>alert(1)</html:script>
              <circle r="4"/>
            </svg>
            """);
        var clean = Encoding.UTF8.GetString(BadgeImageFile.Check(svg, null).Data);
        Assert.DoesNotContain("xml-stylesheet", clean);
        Assert.DoesNotContain("editor", clean);
        Assert.DoesNotContain("inkscape", clean);
        Assert.DoesNotContain("alert", clean);
        Assert.Contains("<circle r=\"4\" />", clean);
    }

    [Fact]
    public void Dtds_and_entities_are_refused_so_no_external_entity_is_ever_read()
    {
        var xxe = Encoding.UTF8.GetBytes("""
            <?xml version="1.0"?>
            <!DOCTYPE svg [<!ENTITY secret SYSTEM "file:///etc/passwd">]>
            <svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"><text>&secret;</text></svg>
            """);
        Assert.Contains("DTD", Refusal(xxe, "badge.svg"));
        var billionLaughs = Encoding.UTF8.GetBytes("""<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;">]><svg xmlns="http://www.w3.org/2000/svg">&lol2;</svg>""");
        Assert.Contains("DTD", Refusal(billionLaughs));
        var doctypeLowercase = Encoding.UTF8.GetBytes("""<!doctype svg><svg xmlns="http://www.w3.org/2000/svg" width="100" height="100"/>""");
        Assert.Contains("DTD", Refusal(doctypeLowercase));
    }

    [Fact]
    public void Malformed_or_foreign_xml_is_refused()
    {
        Assert.Contains("not well-formed", Refusal(Encoding.UTF8.GetBytes("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"100\" height=\"100\"><g></svg>")));
        Assert.Contains("root element", Refusal(Encoding.UTF8.GetBytes("<svg width=\"100\" height=\"100\"></svg>")));
        Assert.Contains("root element", Refusal(Encoding.UTF8.GetBytes("<html><body><svg xmlns=\"http://www.w3.org/2000/svg\"/></body></html>")));
    }
}
