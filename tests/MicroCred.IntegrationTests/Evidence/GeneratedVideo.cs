using System.Security.Cryptography;
using MicroCred.Testing;

namespace MicroCred.IntegrationTests.Evidence;

/// <summary>
/// A video of any length made up on the fly: an MP4 header, then deterministic pseudo-random bytes produced a
/// block at a time, so a gigabyte is streamed without ever existing in memory. The same seed and length always
/// give the same bytes, whatever the read sizes; <see cref="Hash"/> covers what has been read so far.
/// </summary>
public sealed class GeneratedVideo : Stream
{
    private const int BlockSize = 1 << 20;
    private readonly long length;
    private readonly byte[] header;
    private readonly DeterministicBytes generator;
    private readonly byte[] block = new byte[BlockSize];
    private readonly IncrementalHash hash = IncrementalHash.CreateHash(HashAlgorithmName.SHA256);
    private readonly long failAt;
    private long position;
    private long blockStart = -1;

    /// <param name="failAt">Throw an <see cref="IOException"/> once this many bytes were read, like a dropped connection.</param>
    public GeneratedVideo(long length, ulong seed = 7, long startAt = 0, long failAt = long.MaxValue)
    {
        this.length = length;
        this.failAt = failAt;
        header = EvidenceSamples.Mp4Header(length);
        generator = new DeterministicBytes(seed);
        if (startAt > 0)
        {
            for (long i = 0; i <= startAt / BlockSize; i++) NextBlock();
            position = startAt;
        }
    }

    private string? finalHash;

    /// <summary>SHA-256 of the bytes read so far (still there after HttpClient disposed the stream).</summary>
    public string Hash => finalHash ?? Convert.ToHexStringLower(hash.GetCurrentHash());

    public override long Length => length;

    public override long Position
    {
        get => position;
        set => throw new NotSupportedException();
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;

    public override int Read(Span<byte> buffer)
    {
        if (position >= failAt) throw new IOException("Simulated dropped connection.");
        var count = (int)Math.Min(Math.Min(buffer.Length, length - position), failAt - position);
        var done = 0;
        while (done < count)
        {
            if (blockStart < 0 || position >= blockStart + BlockSize) NextBlock();
            var inBlock = (int)(position - blockStart);
            var take = Math.Min(count - done, BlockSize - inBlock);
            block.AsSpan(inBlock, take).CopyTo(buffer[done..]);
            for (var i = 0; i < take; i++)
                if (position + i < header.Length) buffer[done + i] = header[position + i];
            done += take;
            position += take;
        }
        hash.AppendData(buffer[..count]);
        return count;
    }

    private void NextBlock()
    {
        blockStart = blockStart < 0 ? 0 : blockStart + BlockSize;
        generator.Fill(block);
    }

    public override int Read(byte[] buffer, int offset, int count) => Read(buffer.AsSpan(offset, count));

    public override ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default) => ValueTask.FromResult(Read(buffer.Span));

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => Task.FromResult(Read(buffer.AsSpan(offset, count)));

    /// <summary>SHA-256 of the whole generated file, generated again.</summary>
    public static string HashOf(long length, ulong seed = 7)
    {
        using var video = new GeneratedVideo(length, seed);
        var buffer = new byte[1 << 20];
        while (video.Read(buffer) > 0) { }
        return video.Hash;
    }

    public static byte[] Bytes(int length, ulong seed = 7)
    {
        using var video = new GeneratedVideo(length, seed);
        var bytes = new byte[length];
        video.ReadExactly(bytes);
        return bytes;
    }

    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing && finalHash is null)
        {
            finalHash = Hash;
            hash.Dispose();
        }
        base.Dispose(disposing);
    }
}
