using System.Text.RegularExpressions;

namespace MicroCred.Application.Evidence;

/// <summary>
/// Where evidence bytes live. An upload arrives by appends at the offset it has reached (streamed through,
/// never held whole in memory); once complete it becomes an object, read back as a seekable stream (HTTP ranges)
/// and deleted by key. Everything of a district lives under that district's own prefix.
/// </summary>
public interface IEvidenceStore
{
    /// <summary>Makes room for a new upload; returns its handle, kept on the upload session.</summary>
    Task<string> BeginUploadAsync(Guid tenantId, Guid uploadId, CancellationToken ct);

    /// <summary>
    /// Appends <paramref name="body"/> at <paramref name="offset"/> until it ends or the declared length is
    /// reached. <paramref name="ct"/> stops the reading only: when the body fails or is cancelled midway, what was
    /// read is kept and the result says so. Returns the new offset.
    /// </summary>
    /// <exception cref="UploadDataLostException">The bytes received before <paramref name="offset"/> are no longer there.</exception>
    Task<AppendResult> AppendAsync(string upload, long offset, long declaredLength, Stream body, CancellationToken ct);

    /// <summary>Every byte arrived: makes the upload a stored object and returns its key.</summary>
    Task<string> CompleteUploadAsync(string upload, long length, CancellationToken ct);

    /// <summary>Drops an unfinished upload's bytes. Safe to repeat.</summary>
    Task AbortUploadAsync(string upload, CancellationToken ct);

    /// <summary>A seekable, read-only stream of a stored object.</summary>
    /// <exception cref="EvidenceBytesMissingException">Nothing is stored under the key (a database restored without its storage).</exception>
    Task<Stream> OpenReadAsync(string key, CancellationToken ct);

    /// <summary>Deletes a stored object. Safe to repeat.</summary>
    Task DeleteAsync(string key, CancellationToken ct);

    /// <summary>For readiness: throws when new evidence could not be stored (folder not writable, bucket unreachable).</summary>
    Task ProbeAsync(CancellationToken ct);
}

public readonly record struct AppendResult(long Offset, bool Interrupted);

/// <summary>A stored file's row outlived its bytes: each store says so in this one way, whatever its own error is.</summary>
public sealed class EvidenceBytesMissingException(string key, Exception inner) : Exception($"Nothing is stored under {key}.", inner);

/// <summary>The bytes an upload had received are gone from the storage: it can only start over.</summary>
public sealed class UploadDataLostException(string message) : Exception(message);

/// <summary>
/// The layout of keys: <c>{district id}/incoming/{upload id}</c> while bytes arrive, <c>{district id}/files/{upload id}</c>
/// once complete. Nothing of one district shares a folder (or prefix) with another's.
/// </summary>
public static partial class StorageKeys
{
    public static string Incoming(Guid tenantId, Guid uploadId) => $"{tenantId:D}/incoming/{uploadId:D}";

    public static string File(Guid tenantId, Guid uploadId) => $"{tenantId:D}/files/{uploadId:D}";

    /// <summary>The district and upload of a key, or an exception for anything not made by this class.</summary>
    public static (Guid TenantId, string Area, Guid UploadId) Parse(string key)
    {
        var match = Shape().Match(key);
        if (!match.Success) throw new ArgumentException($"Not an evidence storage key: {key}", nameof(key));
        return (Guid.Parse(match.Groups[1].Value), match.Groups[2].Value, Guid.Parse(match.Groups[3].Value));
    }

    [GeneratedRegex("^([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})/(incoming|files)/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})$")]
    private static partial Regex Shape();
}
