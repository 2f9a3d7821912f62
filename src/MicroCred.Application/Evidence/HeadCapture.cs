namespace MicroCred.Application.Evidence;

/// <summary>Passes a body through while keeping a copy of its first bytes, to check the content early.</summary>
public sealed class HeadCapture(Stream inner, int size) : Stream
{
    private readonly byte[] head = new byte[size];
    private int captured;

    public ReadOnlyMemory<byte> Captured => head.AsMemory(0, captured);

    public override async ValueTask<int> ReadAsync(Memory<byte> buffer, CancellationToken ct = default)
    {
        var read = await inner.ReadAsync(buffer, ct);
        Keep(buffer.Span[..read]);
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) => ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override int Read(byte[] buffer, int offset, int count)
    {
        var read = inner.Read(buffer, offset, count);
        Keep(buffer.AsSpan(offset, read));
        return read;
    }

    private void Keep(ReadOnlySpan<byte> bytes)
    {
        var take = Math.Min(bytes.Length, head.Length - captured);
        if (take <= 0) return;
        bytes[..take].CopyTo(head.AsSpan(captured));
        captured += take;
    }

    public override bool CanRead => true;
    public override bool CanSeek => false;
    public override bool CanWrite => false;
    public override long Length => throw new NotSupportedException();
    public override long Position { get => throw new NotSupportedException(); set => throw new NotSupportedException(); }
    public override void Flush() { }
    public override long Seek(long offset, SeekOrigin origin) => throw new NotSupportedException();
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();
}
