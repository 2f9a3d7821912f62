using System.Buffers;
using System.Net;
using Amazon.S3;
using Amazon.S3.Model;
using Microsoft.Extensions.Logging;

namespace MicroCred.Application.Evidence;

/// <summary>
/// Evidence in an S3 bucket (AWS or any S3-compatible server). An upload is an S3 multipart upload of the
/// final key <c>{district}/files/{upload}</c>, whose parts are cut at fixed multiples of the part size; an append
/// fills one pooled part-sized buffer and sends each full part. Bytes that do not yet fill a part when an append
/// ends are parked in a small object, <c>{district}/incoming/{upload}</c>, and picked up by the next append, so
/// any instance can continue any upload and memory per upload stays at one part.
/// </summary>
public sealed class S3EvidenceStore(IAmazonS3 s3, string bucket, int partSize, ILogger<S3EvidenceStore> logger) : IEvidenceStore
{
    /// <summary>S3's smallest part (except the last).</summary>
    public const int MinimumPartSize = 5 * 1024 * 1024;

    public int PartSize { get; } = partSize >= MinimumPartSize ? partSize
        : throw new ArgumentOutOfRangeException(nameof(partSize), "S3 parts must be at least 5 MiB.");

    /// <summary>The bucket answers: asking for an object that is not there gets a "not found", not an error.</summary>
    public async Task ProbeAsync(CancellationToken ct)
    {
        try
        {
            await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = ".ready" }, ct);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound) { }
    }

    public async Task<string> BeginUploadAsync(Guid tenantId, Guid uploadId, CancellationToken ct)
    {
        var key = StorageKeys.File(tenantId, uploadId);
        var started = await s3.InitiateMultipartUploadAsync(new InitiateMultipartUploadRequest
        {
            BucketName = bucket,
            Key = key,
            ContentType = "application/octet-stream",
        }, ct);
        return key + "?uploadId=" + Uri.EscapeDataString(started.UploadId);
    }

    public async Task<AppendResult> AppendAsync(string upload, long offset, long declaredLength, Stream body, CancellationToken ct)
    {
        var (key, uploadId, pendingKey) = Parse(upload);
        var buffer = ArrayPool<byte>.Shared.Rent(PartSize);
        try
        {
            var filled = (int)(offset % PartSize);
            var partNumber = (int)(offset / PartSize) + 1;
            if (filled > 0) await ReadPendingAsync(pendingKey, buffer, filled);

            var position = offset;
            var interrupted = false;
            while (position < declaredLength)
            {
                int read;
                try
                {
                    read = await body.ReadAsync(buffer.AsMemory(filled, (int)Math.Min(PartSize - filled, declaredLength - position)), ct);
                }
                catch (Exception e) when (e is IOException or OperationCanceledException)
                {
                    logger.LogInformation("Upload {Upload} interrupted at {Offset}: {Reason}", key, position, e.Message);
                    interrupted = true;
                    break;
                }
                if (read == 0) break;
                filled += read;
                position += read;
                if (filled == PartSize || position == declaredLength)
                {
                    await UploadPartAsync(key, uploadId, partNumber++, buffer, filled);
                    filled = 0;
                }
            }
            if (filled > 0) await WritePendingAsync(pendingKey, buffer, filled);
            return new AppendResult(position, interrupted);
        }
        finally
        {
            ArrayPool<byte>.Shared.Return(buffer);
        }
    }

    public async Task<string> CompleteUploadAsync(string upload, long length, CancellationToken ct)
    {
        var (key, uploadId, pendingKey) = Parse(upload);
        var parts = new List<PartDetail>();
        string? marker = null;
        while (true)
        {
            var page = await s3.ListPartsAsync(new ListPartsRequest { BucketName = bucket, Key = key, UploadId = uploadId, PartNumberMarker = marker }, ct);
            parts.AddRange(page.Parts ?? []);
            if (page.IsTruncated != true) break;
            marker = page.NextPartNumberMarker?.ToString();
        }
        var expected = (int)((length + PartSize - 1) / PartSize);
        var sizes = parts.Sum(p => p.Size ?? 0);
        if (parts.Count != expected || sizes != length)
            throw new UploadDataLostException($"Upload {key} has {parts.Count} parts with {sizes} bytes; expected {expected} parts with {length}.");

        await s3.CompleteMultipartUploadAsync(new CompleteMultipartUploadRequest
        {
            BucketName = bucket,
            Key = key,
            UploadId = uploadId,
            PartETags = parts.OrderBy(p => p.PartNumber).Select(p => new PartETag(p.PartNumber ?? 0, p.ETag)).ToList(),
        }, ct);
        await DeleteObjectQuietly(pendingKey, ct);
        return key;
    }

    public async Task AbortUploadAsync(string upload, CancellationToken ct)
    {
        var (key, uploadId, pendingKey) = Parse(upload);
        try
        {
            await s3.AbortMultipartUploadAsync(new AbortMultipartUploadRequest { BucketName = bucket, Key = key, UploadId = uploadId }, ct);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound) { }
        await DeleteObjectQuietly(pendingKey, ct);
    }

    public async Task<Stream> OpenReadAsync(string key, CancellationToken ct)
    {
        StorageKeys.Parse(key);
        try
        {
            var head = await s3.GetObjectMetadataAsync(new GetObjectMetadataRequest { BucketName = bucket, Key = key }, ct);
            return new S3ObjectStream(s3, bucket, key, head.ContentLength);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == System.Net.HttpStatusCode.NotFound)
        {
            throw new EvidenceBytesMissingException(key, e);
        }
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        StorageKeys.Parse(key);
        return DeleteObjectQuietly(key, ct);
    }

    private async Task UploadPartAsync(string key, string uploadId, int partNumber, byte[] buffer, int count)
    {
        using var content = new MemoryStream(buffer, 0, count, writable: false);
        await s3.UploadPartAsync(new UploadPartRequest
        {
            BucketName = bucket,
            Key = key,
            UploadId = uploadId,
            PartNumber = partNumber,
            PartSize = count,
            InputStream = content,
        }, CancellationToken.None);
    }

    private async Task WritePendingAsync(string pendingKey, byte[] buffer, int count)
    {
        using var content = new MemoryStream(buffer, 0, count, writable: false);
        await s3.PutObjectAsync(new PutObjectRequest
        {
            BucketName = bucket,
            Key = pendingKey,
            InputStream = content,
            ContentType = "application/octet-stream",
            AutoCloseStream = false,
        }, CancellationToken.None);
    }

    private async Task ReadPendingAsync(string pendingKey, byte[] buffer, int count)
    {
        try
        {
            using var response = await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = pendingKey }, CancellationToken.None);
            if (response.ContentLength != count)
                throw new UploadDataLostException($"{pendingKey} holds {response.ContentLength} bytes, not {count}.");
            await response.ResponseStream.ReadExactlyAsync(buffer.AsMemory(0, count));
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound)
        {
            throw new UploadDataLostException($"{pendingKey} is missing.");
        }
    }

    private async Task DeleteObjectQuietly(string key, CancellationToken ct)
    {
        try
        {
            await s3.DeleteObjectAsync(new DeleteObjectRequest { BucketName = bucket, Key = key }, ct);
        }
        catch (AmazonS3Exception e) when (e.StatusCode == HttpStatusCode.NotFound) { }
    }

    private static (string Key, string UploadId, string PendingKey) Parse(string upload)
    {
        var separator = upload.IndexOf("?uploadId=", StringComparison.Ordinal);
        if (separator < 0) throw new ArgumentException($"Not an S3 upload handle: {upload}", nameof(upload));
        var key = upload[..separator];
        var (tenantId, _, uploadId) = StorageKeys.Parse(key);
        return (key, Uri.UnescapeDataString(upload[(separator + "?uploadId=".Length)..]), StorageKeys.Incoming(tenantId, uploadId));
    }
}

/// <summary>
/// A stored object as a seekable stream: each read continues one ranged GET from the current position; a seek
/// drops it and the next read starts a new range there. Lets ASP.NET serve HTTP ranges straight from S3.
/// </summary>
public sealed class S3ObjectStream(IAmazonS3 s3, string bucket, string key, long length) : Stream
{
    private GetObjectResponse? response;
    private long position;

    public override bool CanRead => true;
    public override bool CanSeek => true;
    public override bool CanWrite => false;
    public override long Length => length;

    public override long Position
    {
        get => position;
        set => Seek(value, SeekOrigin.Begin);
    }

    public override async ValueTask<int> ReadAsync(Memory<byte> destination, CancellationToken ct = default)
    {
        if (position >= length || destination.IsEmpty) return 0;
        response ??= await s3.GetObjectAsync(new GetObjectRequest { BucketName = bucket, Key = key, ByteRange = new ByteRange(position, length - 1) }, ct);
        var read = await response.ResponseStream.ReadAsync(destination, ct);
        position += read;
        return read;
    }

    public override Task<int> ReadAsync(byte[] buffer, int offset, int count, CancellationToken ct) =>
        ReadAsync(buffer.AsMemory(offset, count), ct).AsTask();

    public override int Read(byte[] buffer, int offset, int count) => ReadAsync(buffer.AsMemory(offset, count)).AsTask().GetAwaiter().GetResult();

    public override long Seek(long offset, SeekOrigin origin)
    {
        var target = origin switch
        {
            SeekOrigin.Begin => offset,
            SeekOrigin.Current => position + offset,
            _ => length + offset,
        };
        ArgumentOutOfRangeException.ThrowIfNegative(target, nameof(offset));
        if (target != position)
        {
            response?.Dispose();
            response = null;
            position = target;
        }
        return position;
    }

    public override void Flush() { }
    public override void SetLength(long value) => throw new NotSupportedException();
    public override void Write(byte[] buffer, int offset, int count) => throw new NotSupportedException();

    protected override void Dispose(bool disposing)
    {
        if (disposing) response?.Dispose();
        base.Dispose(disposing);
    }
}
