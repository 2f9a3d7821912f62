using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using MicroCred.OpenBadges.Baking;

namespace MicroCred.UnitTests.OpenBadges;

/// <summary>
/// PNG bytes for tests, written and read with a bit-by-bit CRC-32 that is independent of the
/// library's table-driven one.
/// </summary>
internal static class TestPng
{
    /// <summary>A well-known valid 1×1 RGBA PNG (CRCs checked with Python's zlib.crc32).</summary>
    public static byte[] OnePixel => Convert.FromBase64String(
        "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==");

    /// <summary>A 2×2 RGB PNG encoded here, with optional extra chunks placed after IHDR.</summary>
    public static byte[] Build(params (string Type, byte[] Data)[] extraChunks)
    {
        using var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteUInt32BigEndian(ihdr, 2);
        BinaryPrimitives.WriteUInt32BigEndian(ihdr.AsSpan(4), 2);
        ihdr[8] = 8; // bit depth
        ihdr[9] = 2; // colour type RGB
        WriteChunk(output, "IHDR", ihdr);
        foreach (var (type, data) in extraChunks) WriteChunk(output, type, data);
        // two scanlines, filter byte 0 then 2 pixels × 3 bytes
        byte[] raw = [0, 255, 0, 0, 0, 255, 0, 0, 0, 0, 255, 255, 255, 255];
        using (var compressed = new MemoryStream())
        {
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(raw);
            WriteChunk(output, "IDAT", compressed.ToArray());
        }
        WriteChunk(output, "IEND", []);
        return output.ToArray();
    }

    public static byte[] TextChunk(string keyword, string text) => [.. Encoding.Latin1.GetBytes(keyword), 0, .. Encoding.Latin1.GetBytes(text)];

    public static byte[] ITxtChunk(string keyword, string text, bool compress)
    {
        var body = Encoding.UTF8.GetBytes(text);
        if (compress)
        {
            using var compressed = new MemoryStream();
            using (var zlib = new ZLibStream(compressed, CompressionLevel.Optimal, leaveOpen: true)) zlib.Write(body);
            body = compressed.ToArray();
        }
        return [.. Encoding.Latin1.GetBytes(keyword), 0, compress ? (byte)1 : (byte)0, 0, 0, 0, .. body];
    }

    public static void WriteChunk(Stream output, string type, byte[] data) => PngChunkWriter.Write(output, type, data);

    /// <summary>Splits a PNG into chunks, asserting every CRC with the independent CRC.</summary>
    public static List<(string Type, byte[] Data)> Chunks(byte[] png)
    {
        Assert.Equal(OnePixel[..8], png[..8]);
        var chunks = new List<(string, byte[])>();
        var position = 8;
        while (position < png.Length)
        {
            var length = (int)BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(position));
            var type = Encoding.ASCII.GetString(png, position + 4, 4);
            var data = png.AsSpan(position + 8, length).ToArray();
            var crc = BinaryPrimitives.ReadUInt32BigEndian(png.AsSpan(position + 8 + length));
            Assert.Equal(BitwiseCrc(png.AsSpan(position + 4, length + 4)), crc);
            chunks.Add((type, data));
            position += length + 12;
        }
        return chunks;
    }

    public static uint BitwiseCrc(ReadOnlySpan<byte> data)
    {
        var crc = 0xFFFFFFFFu;
        foreach (var b in data)
        {
            crc ^= b;
            for (var i = 0; i < 8; i++) crc = (crc >> 1) ^ (0xEDB88320u & (0u - (crc & 1)));
        }
        return ~crc;
    }
}
