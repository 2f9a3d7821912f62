using System.Buffers.Binary;
using System.IO.Hashing;
using System.Text;

namespace MicroCred.OpenBadges.Baking;

/// <summary>Writes one PNG chunk: length, type, data and the CRC-32 of type and data. The one chunk writer of the code base.</summary>
public static class PngChunkWriter
{
    public static void Write(Stream output, string type, ReadOnlySpan<byte> data) => Write(output, Encoding.ASCII.GetBytes(type), data);

    public static void Write(Stream output, ReadOnlySpan<byte> type, ReadOnlySpan<byte> data)
    {
        Span<byte> word = stackalloc byte[4];
        BinaryPrimitives.WriteUInt32BigEndian(word, (uint)data.Length);
        output.Write(word);
        output.Write(type);
        output.Write(data);
        var crc = new Crc32();
        crc.Append(type);
        crc.Append(data);
        BinaryPrimitives.WriteUInt32BigEndian(word, crc.GetCurrentHashAsUInt32());
        output.Write(word);
    }
}
