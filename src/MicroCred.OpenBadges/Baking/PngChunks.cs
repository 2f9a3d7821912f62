using System.Buffers.Binary;
using System.Text;

namespace MicroCred.OpenBadges.Baking;

/// <summary>One chunk's position in a PNG datastream.</summary>
internal readonly record struct PngChunk(string Type, int Offset, int Length)
{
    public int DataOffset => Offset + 8;
    public int TotalLength => Length + 12;
}

/// <summary>Walks and validates the chunk structure of a PNG.</summary>
internal static class PngChunks
{
    /// <summary>
    /// The chunks from <c>IHDR</c> to <c>IEND</c> inclusive, after checking the signature, that
    /// <c>IHDR</c> comes first, every length fits, every type is four letters, every CRC matches, at
    /// least one <c>IDAT</c> is present and <c>IEND</c> closes the stream. Bytes after <c>IEND</c> are ignored.
    /// </summary>
    public static List<PngChunk> Read(ReadOnlySpan<byte> png)
    {
        ImageInput.RequireSize(png);
        if (!png.StartsWith(PngBadge.Signature)) throw new BadgeImageException("This is not a PNG image: the file does not start with the PNG signature.");

        var chunks = new List<PngChunk>();
        var position = PngBadge.Signature.Length;
        var sawData = false;
        while (true)
        {
            if (png.Length - position < 12) throw new BadgeImageException($"The PNG is truncated: it ends at byte {png.Length} before its IEND chunk.");
            var length = BinaryPrimitives.ReadUInt32BigEndian(png[position..]);
            var typeBytes = png.Slice(position + 4, 4);
            if (!IsChunkType(typeBytes)) throw new BadgeImageException($"The PNG is corrupt: the chunk at byte {position} has an invalid type.");
            var type = Encoding.ASCII.GetString(typeBytes);
            if (length > int.MaxValue || length > (uint)(png.Length - position - 12))
            {
                throw new BadgeImageException($"The PNG is truncated or corrupt: chunk '{type}' at byte {position} declares {length} bytes, more than the file holds.");
            }

            var chunk = new PngChunk(type, position, (int)length);
            var expected = BinaryPrimitives.ReadUInt32BigEndian(png[(chunk.DataOffset + chunk.Length)..]);
            var actual = System.IO.Hashing.Crc32.HashToUInt32(png.Slice(position + 4, chunk.Length + 4));
            if (expected != actual)
            {
                throw new BadgeImageException($"The PNG is corrupt or was altered: the CRC of chunk '{type}' at byte {position} does not match its contents.");
            }

            if (chunks.Count == 0 && (type != "IHDR" || length != 13)) throw new BadgeImageException("The PNG is malformed: its first chunk is not a 13-byte IHDR.");
            if (chunks.Count > 0 && type == "IHDR") throw new BadgeImageException("The PNG is malformed: it has more than one IHDR chunk.");
            sawData |= type == "IDAT";
            chunks.Add(chunk);
            position += chunk.TotalLength;

            if (type == "IEND")
            {
                if (!sawData) throw new BadgeImageException("The PNG is malformed: it has no IDAT (image data) chunk.");
                return chunks;
            }
        }
    }

    private static bool IsChunkType(ReadOnlySpan<byte> type)
    {
        foreach (var b in type)
        {
            if (b is not ((>= (byte)'A' and <= (byte)'Z') or (>= (byte)'a' and <= (byte)'z'))) return false;
        }
        return true;
    }
}
