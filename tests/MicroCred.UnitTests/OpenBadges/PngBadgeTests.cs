using System.Buffers.Binary;
using System.Text;
using MicroCred.OpenBadges;
using MicroCred.OpenBadges.Baking;

namespace MicroCred.UnitTests.OpenBadges;

public sealed class PngBadgeTests
{
    private static string AssertionJson => BadgeJson.Serialize(Fixtures.BasicAssertion);

    private static bool IsOpenBadgesText((string Type, byte[] Data) chunk) =>
        chunk.Type is "iTXt" or "tEXt" or "zTXt" && chunk.Data.AsSpan().StartsWith("openbadges\0"u8);

    [Fact]
    public void A_written_chunk_has_its_length_type_data_and_the_standard_crc_checked_by_a_bitwise_crc()
    {
        using var output = new MemoryStream();
        PngChunkWriter.Write(output, "tEXt", "123456789"u8);
        var chunk = output.ToArray();
        Assert.Equal([0, 0, 0, 9, .. "tEXt"u8, .. "123456789"u8], chunk[..^4]);
        Assert.Equal(TestPng.BitwiseCrc(chunk.AsSpan(4, 13)), BinaryPrimitives.ReadUInt32BigEndian(chunk.AsSpan(^4)));
        Assert.Equal(0xCBF43926u, TestPng.BitwiseCrc("123456789"u8)); // the oracle itself gives CRC-32's check value
    }

    [Fact]
    public void Baked_json_is_extracted_unchanged()
    {
        var baked = PngBadge.Bake(TestPng.OnePixel, AssertionJson);

        var payload = PngBadge.Extract(baked);

        Assert.NotNull(payload);
        Assert.Equal(BakedPayloadKind.AssertionJson, payload.Kind);
        Assert.Equal(AssertionJson, payload.Value);
    }

    [Fact]
    public void Baking_inserts_one_uncompressed_itxt_right_after_ihdr_with_valid_crcs()
    {
        var original = TestPng.Build();
        var baked = PngBadge.Bake(original, AssertionJson);

        var chunks = TestPng.Chunks(baked); // asserts every CRC
        Assert.Equal(["IHDR", "iTXt", "IDAT", "IEND"], chunks.Select(c => c.Type));
        byte[] expected = [.. "openbadges"u8, 0, 0, 0, 0, 0, .. Encoding.UTF8.GetBytes(AssertionJson)];
        Assert.Equal(expected, chunks[1].Data);
        Assert.Equal(TestPng.Chunks(original).Where(c => c.Type != "iTXt").Select(c => c.Data), chunks.Where(c => c.Type != "iTXt").Select(c => c.Data));
    }

    [Fact]
    public void Baking_twice_leaves_exactly_one_openbadges_chunk_with_the_new_payload()
    {
        var once = PngBadge.Bake(TestPng.OnePixel, "first.payload.sig");
        var twice = PngBadge.Bake(once, AssertionJson);

        Assert.Single(TestPng.Chunks(twice), IsOpenBadgesText);
        Assert.Equal(AssertionJson, PngBadge.Extract(twice)!.Value);
    }

    [Fact]
    public void Baking_replaces_legacy_text_and_compressed_chunks()
    {
        var legacy = TestPng.Build(
            ("tEXt", TestPng.TextChunk("openbadges", "https://example.org/old")),
            ("tEXt", TestPng.TextChunk("Software", "paint")),
            ("iTXt", TestPng.ITxtChunk("openbadges", "{}", compress: true)));

        var chunks = TestPng.Chunks(PngBadge.Bake(legacy, AssertionJson));

        Assert.Single(chunks, IsOpenBadgesText);
        Assert.Equal(["IHDR", "iTXt", "tEXt", "IDAT", "IEND"], chunks.Select(c => c.Type));
        Assert.StartsWith("Software", Encoding.Latin1.GetString(chunks[2].Data), StringComparison.Ordinal);
    }

    [Fact]
    public void Extracts_compressed_itxt_and_a_jws()
    {
        var png = TestPng.Build(("iTXt", TestPng.ITxtChunk("openbadges", Fixtures.SimpleJwt, compress: true)));

        var payload = PngBadge.Extract(png);

        Assert.Equal(BakedPayloadKind.Jws, payload!.Kind);
        Assert.Equal(Fixtures.SimpleJwt, payload.Value);
    }

    [Fact]
    public void Extracts_a_legacy_text_chunk_url()
    {
        var png = TestPng.Build(("tEXt", TestPng.TextChunk("openbadges", Fixtures.AssertionUrl)));

        var payload = PngBadge.Extract(png);

        Assert.Equal(new BakedPayload(BakedPayloadKind.AssertionUrl, Fixtures.AssertionUrl), payload);
    }

    [Fact]
    public void An_unbaked_png_has_no_payload() => Assert.Null(PngBadge.Extract(TestPng.OnePixel));

    [Fact]
    public void Refuses_a_file_that_is_not_a_png()
    {
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8.ToArray();

        var bake = Assert.Throws<BadgeImageException>(() => PngBadge.Bake(svg, AssertionJson));
        var extract = Assert.Throws<BadgeImageException>(() => PngBadge.Extract(svg));

        Assert.Contains("not a PNG", bake.Message, StringComparison.Ordinal);
        Assert.Contains("not a PNG", extract.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_changed_byte_in_the_baked_text_is_reported_as_corrupt()
    {
        var baked = PngBadge.Bake(TestPng.OnePixel, AssertionJson);
        var at = Encoding.ASCII.GetString(baked).IndexOf("deadsea", StringComparison.Ordinal);
        baked[at] = (byte)'D';

        var error = Assert.Throws<BadgeImageException>(() => PngBadge.Extract(baked));

        Assert.Contains("CRC of chunk 'iTXt'", error.Message, StringComparison.Ordinal);
        Assert.Contains("corrupt or was altered", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_corrupt_image_chunk_is_refused_when_baking()
    {
        var png = TestPng.OnePixel;
        png[45] ^= 0x01; // inside the IDAT data

        var error = Assert.Throws<BadgeImageException>(() => PngBadge.Bake(png, AssertionJson));

        Assert.Contains("'IDAT'", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Truncated_and_oversized_files_are_refused()
    {
        var png = TestPng.OnePixel;

        Assert.Contains("truncated", Assert.Throws<BadgeImageException>(() => PngBadge.Extract(png[..^12])).Message, StringComparison.Ordinal);
        Assert.Contains("truncated", Assert.Throws<BadgeImageException>(() => PngBadge.Extract(png[..40])).Message, StringComparison.Ordinal);
        var huge = new byte[BadgeImageSniffer.MaxImageBytes + 1];
        png.CopyTo(huge, 0);
        Assert.Contains("larger than", Assert.Throws<BadgeImageException>(() => PngBadge.Extract(new MemoryStream(huge))).Message, StringComparison.Ordinal);
    }

    [Fact]
    public void A_malformed_openbadges_chunk_is_reported()
    {
        var png = TestPng.Build(("iTXt", [.. "openbadges"u8, 0, 7, 0, 0, 0, .. "x"u8]));

        var error = Assert.Throws<BadgeImageException>(() => PngBadge.Extract(png));

        Assert.Contains("compression flag", error.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Streams_work_like_bytes()
    {
        var baked = PngBadge.Bake(new MemoryStream(TestPng.OnePixel), AssertionJson);

        Assert.Equal(AssertionJson, PngBadge.Extract(new MemoryStream(baked))!.Value);
    }

    [Fact]
    public void Formats_are_detected_by_content()
    {
        Assert.Equal(BadgeImageFormat.Png, BadgeImageSniffer.Detect(TestPng.OnePixel));
        Assert.Equal(BadgeImageFormat.Svg, BadgeImageSniffer.Detect("\uFEFF<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"/>"u8));
        Assert.Equal(BadgeImageFormat.Unknown, BadgeImageSniffer.Detect("GIF89a"u8));
        Assert.Equal(BadgeImageFormat.Unknown, BadgeImageSniffer.Detect("<html><body>no</body></html>"u8));
    }
}
