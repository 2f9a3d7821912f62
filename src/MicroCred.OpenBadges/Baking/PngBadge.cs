using System.Buffers.Binary;
using System.IO.Compression;
using System.Text;

namespace MicroCred.OpenBadges.Baking;

/// <summary>
/// Bakes Open Badges data into PNG images and reads it back (Open Badges Baking Specification 1.0).
/// Baking writes exactly one uncompressed <c>iTXt</c> chunk with keyword <c>openbadges</c> right after
/// <c>IHDR</c>, replacing any earlier <c>openbadges</c> text chunk. Every chunk's length and CRC is
/// checked, so a truncated, corrupt or hand-edited file is refused with a clear message.
/// </summary>
public static class PngBadge
{
    public const string Keyword = "openbadges";

    /// <summary>Largest payload (JSON or JWS) baked or extracted, decompressed.</summary>
    public const int MaxPayloadBytes = 2 * 1024 * 1024;

    /// <summary>The 8-byte PNG file signature.</summary>
    public static ReadOnlySpan<byte> Signature => [0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A];

    private static ReadOnlySpan<byte> KeywordBytes => "openbadges"u8;

    /// <summary>Returns a copy of <paramref name="png"/> carrying <paramref name="payload"/> (assertion JSON or compact JWS).</summary>
    public static byte[] Bake(ReadOnlySpan<byte> png, string payload)
    {
        ArgumentException.ThrowIfNullOrWhiteSpace(payload);
        var text = Encoding.UTF8.GetBytes(payload);
        if (text.Length > MaxPayloadBytes) throw new ArgumentException($"The payload is larger than {MaxPayloadBytes} bytes.", nameof(payload));

        var chunks = PngChunks.Read(png);
        using var output = new MemoryStream(png.Length + text.Length + 64);
        output.Write(Signature);
        foreach (var chunk in chunks)
        {
            if (IsOpenBadgesText(png, chunk)) continue;
            output.Write(png.Slice(chunk.Offset, chunk.TotalLength));
            if (chunk.Type == "IHDR") PngChunkWriter.Write(output, "iTXt"u8, OpenBadgesITxt(text));
        }
        return output.ToArray();
    }

    /// <inheritdoc cref="Bake(ReadOnlySpan{byte}, string)"/>
    public static byte[] Bake(Stream png, string payload) => Bake(ImageInput.ReadAll(png), payload);

    /// <summary>
    /// The Open Badges payload of a PNG: the first <c>iTXt</c> chunk with keyword <c>openbadges</c>
    /// (uncompressed or zlib-compressed) or, for legacy badges, a <c>tEXt</c> chunk holding the assertion URL.
    /// Null when the PNG is valid but not baked.
    /// </summary>
    /// <exception cref="BadgeImageException">Not a PNG, or corrupt (bad CRC, truncated, malformed chunk).</exception>
    public static BakedPayload? Extract(ReadOnlySpan<byte> png)
    {
        foreach (var chunk in PngChunks.Read(png))
        {
            var data = png.Slice(chunk.DataOffset, chunk.Length);
            if (chunk.Type == "iTXt" && HasOpenBadgesKeyword(data)) return BakedPayload.Classify(ReadITxt(data));
            if (chunk.Type == "tEXt" && HasOpenBadgesKeyword(data)) return BakedPayload.Classify(Encoding.Latin1.GetString(data[(KeywordBytes.Length + 1)..]));
        }
        return null;
    }

    /// <inheritdoc cref="Extract(ReadOnlySpan{byte})"/>
    public static BakedPayload? Extract(Stream png) => Extract(ImageInput.ReadAll(png));

    private static bool IsOpenBadgesText(ReadOnlySpan<byte> png, PngChunk chunk) =>
        chunk.Type is "iTXt" or "tEXt" or "zTXt" && HasOpenBadgesKeyword(png.Slice(chunk.DataOffset, chunk.Length));

    // Text chunks start with a Latin-1 keyword terminated by a NUL byte.
    private static bool HasOpenBadgesKeyword(ReadOnlySpan<byte> data) =>
        data.Length > KeywordBytes.Length && data.StartsWith(KeywordBytes) && data[KeywordBytes.Length] == 0;

    private static byte[] OpenBadgesITxt(byte[] text)
    {
        // keyword, NUL, compression flag 0, compression method 0, empty language tag + NUL, empty translated keyword + NUL, text
        var data = new byte[KeywordBytes.Length + 5 + text.Length];
        KeywordBytes.CopyTo(data);
        text.CopyTo(data, KeywordBytes.Length + 5);
        return data;
    }

    private static string ReadITxt(ReadOnlySpan<byte> data)
    {
        var rest = data[(KeywordBytes.Length + 1)..];
        if (rest.Length < 2) throw Malformed("it ends before the compression fields");
        var compressed = rest[0];
        var method = rest[1];
        rest = rest[2..];
        var languageEnd = rest.IndexOf((byte)0);
        if (languageEnd < 0) throw Malformed("the language tag is not terminated");
        rest = rest[(languageEnd + 1)..];
        var translatedEnd = rest.IndexOf((byte)0);
        if (translatedEnd < 0) throw Malformed("the translated keyword is not terminated");
        rest = rest[(translatedEnd + 1)..];

        byte[] text = compressed switch
        {
            0 => rest.ToArray(),
            1 when method == 0 => Inflate(rest),
            1 => throw Malformed($"compression method {method} is unknown"),
            _ => throw Malformed($"the compression flag is {compressed}, not 0 or 1"),
        };
        if (text.Length > MaxPayloadBytes) throw Malformed($"the text is larger than {MaxPayloadBytes} bytes");
        try
        {
            return new UTF8Encoding(false, throwOnInvalidBytes: true).GetString(text);
        }
        catch (DecoderFallbackException ex)
        {
            throw new BadgeImageException("The PNG's openbadges iTXt chunk is not valid UTF-8 text.", ex);
        }
    }

    private static byte[] Inflate(ReadOnlySpan<byte> compressed)
    {
        try
        {
            using var input = new MemoryStream(compressed.ToArray());
            using var zlib = new ZLibStream(input, CompressionMode.Decompress);
            using var output = new MemoryStream();
            var buffer = new byte[16384];
            int read;
            while ((read = zlib.Read(buffer, 0, buffer.Length)) > 0)
            {
                // Stop a small compressed chunk from expanding without bound.
                if (output.Length + read > MaxPayloadBytes) throw Malformed($"the text inflates to more than {MaxPayloadBytes} bytes");
                output.Write(buffer, 0, read);
            }
            return output.ToArray();
        }
        catch (InvalidDataException ex)
        {
            throw new BadgeImageException("The PNG's openbadges iTXt chunk is marked compressed but is not valid zlib data.", ex);
        }
    }

    private static BadgeImageException Malformed(string why) => new($"The PNG's openbadges iTXt chunk is malformed: {why}.");

}
