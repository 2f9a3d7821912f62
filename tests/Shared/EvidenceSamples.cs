using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;
using MicroCred.OpenBadges.Baking;

namespace MicroCred.Testing;

/// <summary>
/// Small, real files of each kind the evidence uploader knows, built byte by byte (or with the framework's
/// ZIP and zlib writers) so the tests need no binary fixtures. Payloads are deterministic.
/// </summary>
public static class EvidenceSamples
{
    /// <summary>An ISO media file: an "ftyp" box with <paramref name="brand"/>, then an "mdat" box of payload.</summary>
    public static byte[] IsoMedia(string brand, int payload = 2048)
    {
        var output = new MemoryStream();
        output.Write(Box("ftyp", [.. Encoding.ASCII.GetBytes(brand), 0, 0, 2, 0, .. Encoding.ASCII.GetBytes(brand), .. "mp41"u8]));
        output.Write(Box("mdat", Payload(payload, 1)));
        return output.ToArray();
    }

    public static byte[] Mp4(int payload = 2048) => IsoMedia("isom", payload);
    public static byte[] Mov(int payload = 2048) => IsoMedia("qt  ", payload);
    public static byte[] M4a(int payload = 2048) => IsoMedia("M4A ", payload);

    /// <summary>The header of an MP4 whose media data box declares <paramref name="totalLength"/> bytes in all (64-bit size).</summary>
    public static byte[] Mp4Header(long totalLength)
    {
        var ftyp = Box("ftyp", [.. "isom"u8, 0, 0, 2, 0, .. "isom"u8, .. "mp41"u8]);
        var header = new byte[ftyp.Length + 16];
        ftyp.CopyTo(header, 0);
        BinaryPrimitives.WriteUInt32BigEndian(header.AsSpan(ftyp.Length), 1);
        "mdat"u8.CopyTo(header.AsSpan(ftyp.Length + 4));
        BinaryPrimitives.WriteInt64BigEndian(header.AsSpan(ftyp.Length + 8), totalLength - ftyp.Length);
        return header;
    }

    /// <summary>An EBML header with DocType "webm" or "matroska", then a Segment of payload.</summary>
    public static byte[] Matroska(string docType = "webm", int payload = 2048)
    {
        byte[] body =
        [
            0x42, 0x86, 0x81, 0x01, 0x42, 0xF7, 0x81, 0x01, 0x42, 0xF2, 0x81, 0x04, 0x42, 0xF3, 0x81, 0x08,
            0x42, 0x82, (byte)(0x80 | docType.Length), .. Encoding.ASCII.GetBytes(docType),
            0x42, 0x87, 0x81, 0x04, 0x42, 0x85, 0x81, 0x02,
        ];
        return [0x1A, 0x45, 0xDF, 0xA3, (byte)(0x80 | body.Length), .. body, 0x18, 0x53, 0x80, 0x67, 0x01, 0, 0, 0, 0, 0, 0x08, 0, .. Payload(payload, 2)];
    }

    /// <summary>MPEG-1 Layer III frames (128 kbit/s, 44.1 kHz), optionally behind an ID3v2.3 tag.</summary>
    public static byte[] Mp3(bool id3, int frames = 8)
    {
        var output = new MemoryStream();
        if (id3) output.Write([.. "ID3"u8, 3, 0, 0, 0, 0, 0, 10, .. "TIT2"u8, 0, 0, 0, 0, 0, 0]);
        for (var i = 0; i < frames; i++)
        {
            output.Write([0xFF, 0xFB, 0x90, 0x64]);
            output.Write(Payload(413, 10 + i));
        }
        return output.ToArray();
    }

    /// <summary>A PCM WAV file: RIFF/WAVE with "fmt " and "data" chunks.</summary>
    public static byte[] Wav(int samples = 4000)
    {
        var data = Payload(samples * 2, 3);
        var output = new MemoryStream();
        var w = new BinaryWriter(output);
        w.Write("RIFF"u8); w.Write(36 + data.Length); w.Write("WAVE"u8);
        w.Write("fmt "u8); w.Write(16); w.Write((short)1); w.Write((short)1); w.Write(8000); w.Write(16000); w.Write((short)2); w.Write((short)16);
        w.Write("data"u8); w.Write(data.Length); w.Write(data);
        return output.ToArray();
    }

    /// <summary>An Ogg page carrying an Opus identification header.</summary>
    public static byte[] OggOpus() =>
        [.. "OggS"u8, 0, 2, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 1, 19, .. "OpusHead"u8, 1, 1, 0x38, 1, 0x80, 0xBB, 0, 0, 0, 0, 0, .. Payload(512, 4)];

    /// <summary>A real PNG (8-bit RGB), noise so it does not compress: about width × height × 3 bytes.</summary>
    public static byte[] Png(int width = 4, int height = 4, int seed = 5)
    {
        var raw = new MemoryStream();
        var pixels = Payload(width * 3 * height, seed);
        for (var y = 0; y < height; y++)
        {
            raw.WriteByte(0); // filter: none
            raw.Write(pixels, y * width * 3, width * 3);
        }
        var compressed = new MemoryStream();
        using (var z = new ZLibStream(compressed, CompressionLevel.Fastest, leaveOpen: true)) raw.WriteTo(z);

        var output = new MemoryStream();
        output.Write([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]);
        var ihdr = new byte[13];
        BinaryPrimitives.WriteInt32BigEndian(ihdr, width);
        BinaryPrimitives.WriteInt32BigEndian(ihdr.AsSpan(4), height);
        ihdr[8] = 8; ihdr[9] = 2;
        PngChunkWriter.Write(output, "IHDR", ihdr);
        PngChunkWriter.Write(output, "IDAT", compressed.ToArray());
        PngChunkWriter.Write(output, "IEND", []);
        return output.ToArray();
    }

    public static byte[] Jpeg() =>
        [0xFF, 0xD8, 0xFF, 0xE0, 0x00, 0x10, .. "JFIF"u8, 0, 1, 1, 0, 0, 1, 0, 1, 0, 0, 0xFF, 0xDB, 0x00, 0x43, 0x00, .. Payload(64, 6), 0xFF, 0xD9];

    /// <summary>The classic 1×1 transparent GIF.</summary>
    public static byte[] Gif() =>
        [.. "GIF89a"u8, 1, 0, 1, 0, 0x80, 0, 0, 0, 0, 0, 0xFF, 0xFF, 0xFF, 0x21, 0xF9, 4, 1, 0, 0, 0, 0, 0x2C, 0, 0, 0, 0, 1, 0, 1, 0, 0, 2, 2, 0x44, 1, 0, 0x3B];

    public static byte[] WebP()
    {
        var vp8 = Payload(120, 7);
        var output = new MemoryStream();
        var w = new BinaryWriter(output);
        w.Write("RIFF"u8); w.Write(4 + 8 + vp8.Length); w.Write("WEBP"u8); w.Write("VP8 "u8); w.Write(vp8.Length); w.Write(vp8);
        return output.ToArray();
    }

    public static byte[] Pdf() => Encoding.ASCII.GetBytes(
        "%PDF-1.4\n1 0 obj << /Type /Catalog /Pages 2 0 R >> endobj\n2 0 obj << /Type /Pages /Kids [] /Count 0 >> endobj\n" +
        "trailer << /Root 1 0 R >>\n%%EOF\n");

    /// <summary>An Office Open XML package: "[Content_Types].xml", then <paramref name="folder"/> parts.</summary>
    /// <param name="padding">Bytes of incompressible media stored before the main part, to push it past the first 64 KiB.</param>
    public static byte[] OfficeOpenXml(string folder = "word", int padding = 0)
    {
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "[Content_Types].xml", "<?xml version=\"1.0\"?><Types xmlns=\"http://schemas.openxmlformats.org/package/2006/content-types\"/>");
            Add(zip, "_rels/.rels", "<?xml version=\"1.0\"?><Relationships/>");
            if (padding > 0) AddBytes(zip, "docProps/thumbnail.jpeg", Payload(padding, 8), CompressionLevel.NoCompression);
            Add(zip, folder switch { "word" => "word/document.xml", "xl" => "xl/workbook.xml", _ => "ppt/presentation.xml" }, "<?xml version=\"1.0\"?><root/>");
        }
        return output.ToArray();
    }

    public static byte[] Docx(int padding = 0) => OfficeOpenXml("word", padding);
    public static byte[] Xlsx() => OfficeOpenXml("xl");
    public static byte[] Pptx() => OfficeOpenXml("ppt");

    /// <summary>An OpenDocument text: a first, uncompressed "mimetype" entry, as the standard requires.</summary>
    public static byte[] Odt()
    {
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            AddBytes(zip, "mimetype", "application/vnd.oasis.opendocument.text"u8.ToArray(), CompressionLevel.NoCompression);
            Add(zip, "content.xml", "<?xml version=\"1.0\"?><office:document-content/>");
        }
        return output.ToArray();
    }

    /// <summary>A plain ZIP archive of a couple of text files.</summary>
    public static byte[] Zip(int size = 4096)
    {
        var output = new MemoryStream();
        using (var zip = new ZipArchive(output, ZipArchiveMode.Create, leaveOpen: true))
        {
            Add(zip, "notes.txt", "Notes from the lesson.");
            AddBytes(zip, "data.bin", Payload(size, 9), CompressionLevel.NoCompression);
        }
        return output.ToArray();
    }

    public static byte[] Utf8Text(int repeat = 20) =>
        Encoding.UTF8.GetBytes(string.Concat(Enumerable.Repeat("Reflection: the café lesson went well ☕ — students asked good questions.\r\n", repeat)));

    public static byte[] WindowsExecutable() => [.. "MZ"u8, 0x90, 0, 3, 0, 0, 0, 4, 0, 0, 0, 0xFF, 0xFF, 0, 0, .. Payload(256, 11)];

    public static byte[] OldOfficeDocument() => [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, .. Payload(1024, 12)];

    /// <summary>Deterministic pseudo-random bytes (xorshift64*), fast enough to generate gigabytes.</summary>
    public static byte[] Payload(int length, int seed)
    {
        var bytes = new byte[length];
        new DeterministicBytes((ulong)seed).Fill(bytes);
        return bytes;
    }

    private static byte[] Box(string type, byte[] content)
    {
        var box = new byte[8 + content.Length];
        BinaryPrimitives.WriteInt32BigEndian(box, box.Length);
        Encoding.ASCII.GetBytes(type).CopyTo(box, 4);
        content.CopyTo(box, 8);
        return box;
    }


    private static void Add(ZipArchive zip, string name, string text) => AddBytes(zip, name, Encoding.UTF8.GetBytes(text), CompressionLevel.Optimal);

    private static void AddBytes(ZipArchive zip, string name, byte[] content, CompressionLevel level)
    {
        using var stream = zip.CreateEntry(name, level).Open();
        stream.Write(content);
    }
}

/// <summary>xorshift64* filling spans eight bytes at a time: the same seed always gives the same bytes.</summary>
public sealed class DeterministicBytes(ulong seed)
{
    private ulong state = seed == 0 ? 0x9E3779B97F4A7C15 : seed * 0x9E3779B97F4A7C15;

    public void Fill(Span<byte> destination)
    {
        var words = System.Runtime.InteropServices.MemoryMarshal.Cast<byte, ulong>(destination);
        for (var i = 0; i < words.Length; i++) words[i] = Next();
        var rest = destination[(words.Length * 8)..];
        if (rest.IsEmpty) return;
        Span<byte> last = stackalloc byte[8];
        BinaryPrimitives.WriteUInt64LittleEndian(last, Next());
        last[..rest.Length].CopyTo(rest);
    }

    private ulong Next()
    {
        state ^= state >> 12;
        state ^= state << 25;
        state ^= state >> 27;
        return state * 0x2545F4914F6CDD1D;
    }
}
