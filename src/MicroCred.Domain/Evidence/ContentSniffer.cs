using System.Buffers.Binary;
using System.Text;

namespace MicroCred.Domain.Evidence;

/// <summary>
/// What a file's content is. <see cref="Provisional"/> when only the start of the file was seen and it could
/// still turn out to be something else: a ZIP that may be a Word document, text that may turn binary.
/// </summary>
public sealed record DetectedContent(FileKind Kind, string MediaType, string Description, bool Provisional = false)
{
    public const string UnknownMediaType = "application/octet-stream";

    public static readonly DetectedContent Unknown = new(FileKind.None, UnknownMediaType, "a file of unknown type");

    /// <summary>The kinds this content can still turn out to be (for a provisional answer), or its kind.</summary>
    public FileKind PossibleKinds => !Provisional ? Kind : MediaType == "application/zip" ? FileKind.Document : Kind;

    /// <summary>True when the content is one of <paramref name="allowed"/> (or, when provisional, still may be).</summary>
    public bool MayBe(FileKind allowed) => (PossibleKinds & allowed) != 0;
}

/// <summary>
/// Recognises a file by its bytes, never its name: the first <see cref="HeadSize"/> bytes and the last
/// <see cref="TailSize"/> (where a ZIP keeps its directory, which tells a Word document from a plain archive).
/// Knows the evidence kinds (video, audio, images, PDF, office documents, plain text) and enough other formats
/// (archives, programs, older Office files) to tell a teacher what a refused file really is.
/// </summary>
public static class ContentSniffer
{
    public const int HeadSize = 64 * 1024;
    public const int TailSize = 64 * 1024;

    /// <param name="head">The first bytes of the file (up to <see cref="HeadSize"/>).</param>
    /// <param name="tail">The last bytes (up to <see cref="TailSize"/>), or empty when they have not arrived yet.</param>
    /// <param name="length">The length of the whole file.</param>
    public static DetectedContent Detect(ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail, long length)
    {
        if (length == 0 || head.IsEmpty) return new(FileKind.None, DetectedContent.UnknownMediaType, "an empty file");
        if (head.Length >= length) tail = head;
        var complete = !tail.IsEmpty;

        return IsoMedia(head)
            ?? Matroska(head)
            ?? Riff(head)
            ?? Ogg(head)
            ?? OtherAudio(head)
            ?? Images(head)
            ?? Pdf(head)
            ?? Zip(head, tail, complete)
            ?? OtherBinary(head)
            ?? MpegAudio(head)
            ?? Text(head, tail, complete)
            ?? DetectedContent.Unknown;
    }

    // ISO base media (MP4, MOV, M4A, 3GP, HEIC): a box of type "ftyp" first, its major brand after it.
    private static DetectedContent? IsoMedia(ReadOnlySpan<byte> h)
    {
        if (h.Length < 12) return null;
        var type = Ascii(h.Slice(4, 4));
        var size = BinaryPrimitives.ReadUInt32BigEndian(h);
        if (type == "ftyp" && size is >= 8 or 1)
        {
            var brand = Ascii(h.Slice(8, 4));
            return brand switch
            {
                "qt  " => Video("video/quicktime", "a QuickTime (MOV) video"),
                "M4A " or "M4B " or "M4P " or "F4A " or "F4B " => Audio("audio/mp4", "an M4A audio file"),
                "heic" or "heix" or "heim" or "heis" or "hevc" or "hevx" or "hevm" or "hevs" or "mif1" or "msf1" or "mif2" =>
                    Other("image/heic", "a HEIC photo"),
                "avif" or "avis" => Other("image/avif", "an AVIF image"),
                "crx " => Other("image/x-canon-cr3", "a camera raw photo"),
                _ when brand.StartsWith("3g", StringComparison.Ordinal) => Video("video/3gpp", "a 3GP video"),
                _ => Video("video/mp4", "an MP4 video"),
            };
        }
        // Older QuickTime files start straight with a movie, data or padding atom.
        if (type is "moov" or "mdat" or "wide" or "free" or "skip" or "pnot" && size >= 8)
            return Video("video/quicktime", "a QuickTime (MOV) video");
        return null;
    }

    // Matroska and WebM: an EBML header naming its document type.
    private static DetectedContent? Matroska(ReadOnlySpan<byte> h)
    {
        if (!h.StartsWith((ReadOnlySpan<byte>)[0x1A, 0x45, 0xDF, 0xA3])) return null;
        var header = h[..Math.Min(h.Length, 64)];
        if (header.IndexOf("webm"u8) >= 0) return Video("video/webm", "a WebM video");
        return Video("video/x-matroska", "a Matroska (MKV) video");
    }

    private static DetectedContent? Riff(ReadOnlySpan<byte> h)
    {
        if (h.Length < 12 || !h.StartsWith("RIFF"u8)) return null;
        return Ascii(h.Slice(8, 4)) switch
        {
            "WAVE" => Audio("audio/wav", "a WAV audio file"),
            "WEBP" => Image("image/webp", "a WebP image"),
            "AVI " => Video("video/x-msvideo", "an AVI video"),
            _ => Other("application/octet-stream", "a RIFF media file"),
        };
    }

    private static DetectedContent? Ogg(ReadOnlySpan<byte> h)
    {
        if (!h.StartsWith("OggS"u8)) return null;
        var first = h[..Math.Min(h.Length, 128)];
        if (first.IndexOf("theora"u8) >= 0) return Video("video/ogg", "an Ogg video");
        return Audio("audio/ogg", "an Ogg audio file");
    }

    private static DetectedContent? OtherAudio(ReadOnlySpan<byte> h)
    {
        if (h.StartsWith("fLaC"u8)) return Audio("audio/flac", "a FLAC audio file");
        if (h.Length >= 12 && h.StartsWith("FORM"u8) && Ascii(h.Slice(8, 4)) is "AIFF" or "AIFC") return Audio("audio/aiff", "an AIFF audio file");
        // An ID3v2 tag in front of MP3 (or other MPEG audio) frames.
        if (h.Length >= 10 && h.StartsWith("ID3"u8) && h[3] is >= 2 and <= 4) return Audio("audio/mpeg", "an MP3 audio file");
        return null;
    }

    private static DetectedContent? Images(ReadOnlySpan<byte> h)
    {
        if (h.StartsWith((ReadOnlySpan<byte>)[0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A])) return Image("image/png", "a PNG image");
        if (h.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xD8, 0xFF])) return Image("image/jpeg", "a JPEG image");
        if (h.StartsWith("GIF87a"u8) || h.StartsWith("GIF89a"u8)) return Image("image/gif", "a GIF image");
        if (h.Length >= 26 && h.StartsWith("BM"u8) && BinaryPrimitives.ReadUInt32LittleEndian(h[6..]) == 0) return Other("image/bmp", "a BMP image");
        if (h.StartsWith("II*\0"u8) || h.StartsWith("MM\0*"u8)) return Other("image/tiff", "a TIFF image");
        return null;
    }

    // "%PDF-" may follow a little junk; readers look within the first kilobyte.
    private static DetectedContent? Pdf(ReadOnlySpan<byte> h) =>
        h[..Math.Min(h.Length, 1024)].IndexOf("%PDF-"u8) >= 0 ? new(FileKind.Pdf, "application/pdf", "a PDF document") : null;

    private static readonly byte[] LocalHeader = [0x50, 0x4B, 0x03, 0x04];
    private static readonly byte[] CentralHeader = [0x50, 0x4B, 0x01, 0x02];
    private static readonly byte[] EndOfCentralDirectory = [0x50, 0x4B, 0x05, 0x06];

    /// <summary>
    /// ZIP containers: OpenDocument names itself in a first, uncompressed "mimetype" entry; Office Open XML
    /// has "[Content_Types].xml" plus a "word/", "xl/" or "ppt/" folder. Entry names come from the local headers
    /// at the start and, once the file is complete, from the central directory at its end.
    /// </summary>
    private static DetectedContent? Zip(ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail, bool complete)
    {
        if (!head.StartsWith(LocalHeader) && !head.StartsWith(EndOfCentralDirectory) && !head.StartsWith("PK\x07\x08"u8)) return null;

        if (head.Length >= 38 && head.StartsWith(LocalHeader) && Ascii(Name(head, 0, 26, 30)) == "mimetype")
        {
            var size = (int)Math.Min(BinaryPrimitives.ReadUInt32LittleEndian(head[18..]), 100);
            var start = 30 + BinaryPrimitives.ReadUInt16LittleEndian(head[26..]) + BinaryPrimitives.ReadUInt16LittleEndian(head[28..]);
            var mime = start + size <= head.Length ? Ascii(head.Slice(start, size)) : "";
            switch (mime)
            {
                case "application/vnd.oasis.opendocument.text": return Document(mime, "an OpenDocument text (ODT)");
                case "application/vnd.oasis.opendocument.spreadsheet": return Document(mime, "an OpenDocument spreadsheet (ODS)");
                case "application/vnd.oasis.opendocument.presentation": return Document(mime, "an OpenDocument presentation (ODP)");
                case "application/epub+zip": return Other(mime, "an EPUB e-book");
            }
        }

        bool contentTypes = false, word = false, excel = false, powerPoint = false;
        void See(ReadOnlySpan<byte> name)
        {
            contentTypes |= name.SequenceEqual("[Content_Types].xml"u8);
            word |= name.StartsWith("word/"u8);
            excel |= name.StartsWith("xl/"u8);
            powerPoint |= name.StartsWith("ppt/"u8);
        }
        foreach (var at in Occurrences(head, LocalHeader)) See(Name(head, at, 26, 30));
        if (complete && tail.IndexOf(EndOfCentralDirectory) >= 0)
            foreach (var at in Occurrences(tail, CentralHeader)) See(Name(tail, at, 28, 46));

        if (contentTypes && word) return Document("application/vnd.openxmlformats-officedocument.wordprocessingml.document", "a Word document (DOCX)");
        if (contentTypes && excel) return Document("application/vnd.openxmlformats-officedocument.spreadsheetml.sheet", "an Excel spreadsheet (XLSX)");
        if (contentTypes && powerPoint) return Document("application/vnd.openxmlformats-officedocument.presentationml.presentation", "a PowerPoint presentation (PPTX)");
        return new(FileKind.None, "application/zip", "a ZIP archive", Provisional: !complete);
    }

    private static DetectedContent? OtherBinary(ReadOnlySpan<byte> h)
    {
        if (h.StartsWith((ReadOnlySpan<byte>)[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]))
            return Other("application/x-ole-storage", "an older Microsoft Office file (DOC, XLS or PPT)");
        if (h.StartsWith("{\\rtf"u8)) return Document("application/rtf", "an RTF document");
        if (h.StartsWith("Rar!\x1A\x07"u8)) return Other("application/vnd.rar", "a RAR archive");
        if (h.StartsWith((ReadOnlySpan<byte>)[0x37, 0x7A, 0xBC, 0xAF, 0x27, 0x1C])) return Other("application/x-7z-compressed", "a 7-Zip archive");
        if (h.StartsWith((ReadOnlySpan<byte>)[0x1F, 0x8B])) return Other("application/gzip", "a gzip archive");
        if (h.Length >= 4 && h.StartsWith("BZh"u8) && h[3] is >= (byte)'1' and <= (byte)'9') return Other("application/x-bzip2", "a bzip2 archive");
        if (h.StartsWith((ReadOnlySpan<byte>)[0xFD, 0x37, 0x7A, 0x58, 0x5A, 0x00])) return Other("application/x-xz", "an XZ archive");
        if (h.Length >= 262 && h.Slice(257, 5).SequenceEqual("ustar"u8)) return Other("application/x-tar", "a TAR archive");
        if (h.StartsWith("MZ"u8)) return Other("application/vnd.microsoft.portable-executable", "a Windows program");
        if (h.StartsWith((ReadOnlySpan<byte>)[0x7F, 0x45, 0x4C, 0x46])) return Other("application/x-executable", "a Linux program");
        if (h.Length >= 4 && BinaryPrimitives.ReadUInt32BigEndian(h) is 0xFEEDFACE or 0xFEEDFACF or 0xCEFAEDFE or 0xCFFAEDFE or 0xCAFEBABE)
            return Other("application/x-mach-binary", "a macOS program");
        if (h.StartsWith("SQLite format 3\0"u8)) return Other("application/vnd.sqlite3", "a database file");
        return null;
    }

    // MPEG audio frames without an ID3 tag: an 11-bit sync word, then valid version, layer, bitrate and rate.
    private static DetectedContent? MpegAudio(ReadOnlySpan<byte> h)
    {
        if (h.Length < 4 || h[0] != 0xFF || (h[1] & 0xE0) != 0xE0) return null;
        var version = (h[1] >> 3) & 3;
        var layer = (h[1] >> 1) & 3;
        if (layer == 0 && (h[1] & 0xF6) == 0xF0 && ((h[2] >> 2) & 0xF) < 13) return Audio("audio/aac", "an AAC audio file");
        var bitrate = h[2] >> 4;
        var rate = (h[2] >> 2) & 3;
        return version != 1 && layer != 0 && bitrate is not 0 and not 0xF && rate != 3 ? Audio("audio/mpeg", "an MP3 audio file") : null;
    }

    private static DetectedContent? Text(ReadOnlySpan<byte> head, ReadOnlySpan<byte> tail, bool complete)
    {
        if (head.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || head.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            return new(FileKind.Text, "text/plain; charset=utf-16", "plain text", Provisional: !complete);
        if (!LooksLikeText(head, out var utf8)) return null;
        if (complete)
        {
            if (!LooksLikeText(SkipContinuationBytes(tail), out var tailUtf8)) return null;
            utf8 &= tailUtf8;
        }

        var sample = head[..Math.Min(head.Length, 1024)];
        if (sample.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) sample = sample[3..];
        var start = Encoding.ASCII.GetString(sample).TrimStart();
        if (start.StartsWith("<svg", StringComparison.OrdinalIgnoreCase)
            || (start.StartsWith("<?xml", StringComparison.OrdinalIgnoreCase) && start.Contains("<svg", StringComparison.OrdinalIgnoreCase)))
            return Other("image/svg+xml", "an SVG drawing");
        if (start.StartsWith("<!doctype html", StringComparison.OrdinalIgnoreCase) || start.StartsWith("<html", StringComparison.OrdinalIgnoreCase))
            return Other("text/html", "a web page (HTML)");
        return new(FileKind.Text, utf8 ? "text/plain; charset=utf-8" : "text/plain", "plain text", Provisional: !complete);
    }

    /// <summary>
    /// Text has no NUL bytes and hardly any control characters. <paramref name="utf8"/> says whether it is also
    /// valid UTF-8 (a sequence cut off at the end of the sample is fine); otherwise it is some 8-bit encoding.
    /// </summary>
    private static bool LooksLikeText(ReadOnlySpan<byte> data, out bool utf8)
    {
        utf8 = false;
        if (data.IndexOf((byte)0) >= 0) return false;
        var controls = 0;
        foreach (var b in data)
            if (b < 0x20 && b is not (byte)'\t' and not (byte)'\n' and not (byte)'\r' and not 0x0C and not 0x0B and not 0x1B) controls++;
        if (controls > data.Length / 100) return false;

        var rest = data;
        utf8 = true;
        while (!rest.IsEmpty)
        {
            var status = Rune.DecodeFromUtf8(rest, out _, out var consumed);
            if (status == System.Buffers.OperationStatus.NeedMoreData) break;
            if (status != System.Buffers.OperationStatus.Done) { utf8 = false; break; }
            rest = rest[consumed..];
        }
        return true;
    }

    private static ReadOnlySpan<byte> SkipContinuationBytes(ReadOnlySpan<byte> tail)
    {
        var skip = 0;
        while (skip < 3 && skip < tail.Length && (tail[skip] & 0xC0) == 0x80) skip++;
        return tail[skip..];
    }

    private static ReadOnlySpan<byte> Name(ReadOnlySpan<byte> data, int at, int lengthOffset, int nameOffset)
    {
        if (at + nameOffset > data.Length) return [];
        var length = BinaryPrimitives.ReadUInt16LittleEndian(data[(at + lengthOffset)..]);
        return at + nameOffset + length <= data.Length ? data.Slice(at + nameOffset, length) : [];
    }

    private static List<int> Occurrences(ReadOnlySpan<byte> data, ReadOnlySpan<byte> signature)
    {
        var found = new List<int>();
        var offset = 0;
        while (offset < data.Length && found.Count < 10_000)
        {
            var at = data[offset..].IndexOf(signature);
            if (at < 0) break;
            found.Add(offset + at);
            offset += at + signature.Length;
        }
        return found;
    }

    private static string Ascii(ReadOnlySpan<byte> bytes) => Encoding.ASCII.GetString(bytes);

    private static DetectedContent Video(string mediaType, string description) => new(FileKind.Video, mediaType, description);
    private static DetectedContent Audio(string mediaType, string description) => new(FileKind.Audio, mediaType, description);
    private static DetectedContent Image(string mediaType, string description) => new(FileKind.Image, mediaType, description);
    private static DetectedContent Document(string mediaType, string description) => new(FileKind.Document, mediaType, description);
    private static DetectedContent Other(string mediaType, string description) => new(FileKind.None, mediaType, description);
}
