using System.Buffers;
using Microsoft.Extensions.Logging;

namespace MicroCred.Application.Evidence;

/// <summary>
/// Evidence on a local (or mounted) disk under <c>Storage:Root</c>: <c>{root}/{district}/incoming/{upload}</c>
/// grows by appends; completing moves it to <c>{root}/{district}/files/{upload}</c>. Appends go through one
/// pooled 1 MiB buffer and are flushed to disk before their offset is recorded.
/// </summary>
public sealed class LocalEvidenceStore(string root, ILogger<LocalEvidenceStore> logger) : IEvidenceStore
{
    private const int BufferSize = 1 << 20;

    public string Root { get; } = Path.GetFullPath(root);

    /// <summary>Writes, reads back and deletes a small file in the root, as an upload would.</summary>
    public async Task ProbeAsync(CancellationToken ct)
    {
        var path = Path.Combine(Root, $".ready-{Guid.NewGuid():N}");
        byte[] written = [0x4d, 0x43, 0x0a];
        try
        {
            Directory.CreateDirectory(Root); // made on first use, like the folders under it
            await File.WriteAllBytesAsync(path, written, ct);
            if (!(await File.ReadAllBytesAsync(path, ct)).AsSpan().SequenceEqual(written))
                throw new IOException($"The evidence folder {Root} did not give back what was written.");
        }
        finally
        {
            try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
    }

    public Task<string> BeginUploadAsync(Guid tenantId, Guid uploadId, CancellationToken ct)
    {
        var handle = StorageKeys.Incoming(tenantId, uploadId);
        var path = PathOf(handle);
        Directory.CreateDirectory(Path.GetDirectoryName(path)!);
        using (new FileStream(path, FileMode.CreateNew, FileAccess.Write)) { }
        return Task.FromResult(handle);
    }

    public async Task<AppendResult> AppendAsync(string upload, long offset, long declaredLength, Stream body, CancellationToken ct)
    {
        FileStream file;
        try
        {
            file = new FileStream(PathOf(upload), FileMode.Open, FileAccess.ReadWrite, FileShare.None, bufferSize: 0, FileOptions.Asynchronous);
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new UploadDataLostException($"The bytes of upload {upload} are missing.");
        }

        await using (file)
        {
            if (file.Length < offset) throw new UploadDataLostException($"Upload {upload} holds {file.Length} bytes but {offset} were recorded.");
            // Bytes beyond the recorded offset came from a request that ended before recording them: the client sends them again.
            if (file.Length > offset) file.SetLength(offset);
            file.Position = offset;

            var buffer = ArrayPool<byte>.Shared.Rent(BufferSize);
            var position = offset;
            var interrupted = false;
            try
            {
                while (position < declaredLength)
                {
                    int read;
                    try
                    {
                        read = await body.ReadAsync(buffer.AsMemory(0, (int)Math.Min(buffer.Length, declaredLength - position)), ct);
                    }
                    catch (Exception e) when (e is IOException or OperationCanceledException)
                    {
                        logger.LogInformation("Upload {Upload} interrupted at {Offset}: {Reason}", upload, position, e.Message);
                        interrupted = true;
                        break;
                    }
                    if (read == 0) break;
                    await file.WriteAsync(buffer.AsMemory(0, read), CancellationToken.None);
                    position += read;
                }
            }
            finally
            {
                ArrayPool<byte>.Shared.Return(buffer);
            }
            file.Flush(flushToDisk: true);
            return new AppendResult(position, interrupted);
        }
    }

    public Task<string> CompleteUploadAsync(string upload, long length, CancellationToken ct)
    {
        var (tenantId, _, uploadId) = StorageKeys.Parse(upload);
        var source = new FileInfo(PathOf(upload));
        if (!source.Exists || source.Length != length)
            throw new UploadDataLostException($"Upload {upload} holds {(source.Exists ? source.Length : 0)} bytes, not {length}.");
        var key = StorageKeys.File(tenantId, uploadId);
        var target = PathOf(key);
        Directory.CreateDirectory(Path.GetDirectoryName(target)!);
        source.MoveTo(target, overwrite: false);
        return Task.FromResult(key);
    }

    public Task AbortUploadAsync(string upload, CancellationToken ct)
    {
        DeleteQuietly(PathOf(upload));
        return Task.CompletedTask;
    }

    public Task<Stream> OpenReadAsync(string key, CancellationToken ct)
    {
        try
        {
            return Task.FromResult<Stream>(new FileStream(PathOf(key), FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, bufferSize: 0,
                FileOptions.Asynchronous | FileOptions.SequentialScan));
        }
        catch (Exception e) when (e is FileNotFoundException or DirectoryNotFoundException)
        {
            throw new EvidenceBytesMissingException(key, e);
        }
    }

    public Task DeleteAsync(string key, CancellationToken ct)
    {
        DeleteQuietly(PathOf(key));
        return Task.CompletedTask;
    }

    /// <summary>The file behind a key; keys are checked against their one allowed shape, so nothing escapes the root.</summary>
    public string PathOf(string key)
    {
        var (tenantId, area, uploadId) = StorageKeys.Parse(key);
        return Path.Combine(Root, tenantId.ToString("D"), area, uploadId.ToString("D"));
    }

    private static void DeleteQuietly(string path)
    {
        try { File.Delete(path); }
        catch (DirectoryNotFoundException) { }
    }
}
