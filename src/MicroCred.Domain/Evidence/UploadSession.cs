using MicroCred.Domain.Common;

namespace MicroCred.Domain.Evidence;

public enum UploadState
{
    /// <summary>Bytes are arriving; the upload can be resumed from <see cref="UploadSession.ReceivedBytes"/>.</summary>
    Receiving,
    /// <summary>Every byte arrived and became a <see cref="StoredFile"/>.</summary>
    Completed,
    /// <summary>The content broke a rule (wrong kind, too large); its bytes are gone.</summary>
    Refused,
}

/// <summary>
/// One resumable upload by one person: what they declared (name, length), what has arrived so far, and the limits
/// decided on the server when it started (the client cannot raise them). Bytes are appended strictly in order;
/// it completes only when every declared byte has arrived, and expires after a period without progress.
/// </summary>
public sealed class UploadSession : ITenantOwned
{
    public const int MaxFileNameLength = 255;

    private UploadSession() { }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid UserId { get; private set; }
    /// <summary>The file's name as the person's device gave it (cleaned); used for the stored file.</summary>
    public string FileName { get; private set; } = "";
    public long DeclaredLength { get; private set; }
    public long ReceivedBytes { get; private set; }
    /// <summary>The limits in force when the upload started.</summary>
    public long MaxBytes { get; private set; }
    public FileKind AllowedKinds { get; private set; }
    /// <summary>What the upload is for (e.g. "library"), and the id of the thing it is for, as the upload policy saw them.</summary>
    public string Purpose { get; private set; } = "";
    public Guid? ContextId { get; private set; }
    /// <summary>Where the storage keeps the bytes received so far (opaque to the domain).</summary>
    public string StorageHandle { get; private set; } = "";
    public UploadState State { get; private set; }
    public string? Refusal { get; private set; }
    public Guid? StoredFileId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset ExpiresAt { get; private set; }
    /// <summary>How long the upload waits for more bytes; every append moves <see cref="ExpiresAt"/> this far ahead.</summary>
    public TimeSpan IdleLifetime { get; private set; }

    public bool IsComplete => ReceivedBytes == DeclaredLength;

    public static UploadSession Start(Guid tenantId, Guid userId, string? fileName, long declaredLength, string purpose, Guid? contextId,
        long maxBytes, FileKind allowedKinds, TimeSpan idleLifetime, DateTimeOffset now)
    {
        if (allowedKinds == FileKind.None || maxBytes <= 0)
            throw new UploadRefusedException(UploadProblem.NotAllowed, "Uploads are not accepted here.");
        if (declaredLength < 0) throw new UploadRefusedException(UploadProblem.Empty, "The file's length is missing or not a number.");
        if (declaredLength == 0)
            throw new UploadRefusedException(UploadProblem.Empty,
                "This file is empty (0 bytes). If it should not be, open it on your device to check it saved completely, then choose it again.");
        if (declaredLength > maxBytes)
        {
            var (size, limit) = (FileSizes.Describe(declaredLength), FileSizes.Describe(maxBytes));
            if (size == limit) (size, limit) = (FileSizes.Exact(declaredLength), FileSizes.Exact(maxBytes));
            throw new UploadRefusedException(UploadProblem.TooLarge,
                $"This file is {size}; the limit here is {limit}. " +
                "Shorten or compress it (for a video, a lower resolution such as 720p usually fits), then upload it again.");
        }
        if (idleLifetime <= TimeSpan.Zero) throw new ArgumentOutOfRangeException(nameof(idleLifetime));
        return new()
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            UserId = userId,
            FileName = CleanFileName(fileName),
            DeclaredLength = declaredLength,
            MaxBytes = maxBytes,
            AllowedKinds = allowedKinds,
            Purpose = Guard.Required(purpose, nameof(Purpose), "Purpose", 40),
            ContextId = contextId,
            State = UploadState.Receiving,
            CreatedAt = now,
            UpdatedAt = now,
            ExpiresAt = now + idleLifetime,
            IdleLifetime = idleLifetime,
        };
    }

    /// <summary>Records where the storage keeps this upload's bytes; set once, right after starting.</summary>
    public void UseStorage(string handle)
    {
        if (StorageHandle.Length > 0) throw new InvalidOperationException("The upload already has its storage.");
        StorageHandle = handle;
    }

    public bool IsExpiredAt(DateTimeOffset now) => State == UploadState.Receiving && now >= ExpiresAt;

    /// <summary>The record itself can go: expired, or finished and kept long enough for a resuming client to learn the outcome.</summary>
    public bool CanBeRemovedAt(DateTimeOffset now) => now >= ExpiresAt;

    /// <summary>Refuses, with the reason, unless bytes for position <paramref name="offset"/> can be appended now.</summary>
    public void EnsureCanAppend(long offset, DateTimeOffset now)
    {
        switch (State)
        {
            case UploadState.Completed: throw new UploadRefusedException(UploadProblem.Finished, "This upload has already finished.");
            case UploadState.Refused: throw new UploadRefusedException(UploadProblem.Finished, Refusal ?? "This upload was refused.");
        }
        if (IsExpiredAt(now))
            throw new UploadRefusedException(UploadProblem.Expired,
                $"This upload stopped more than {Hours(IdleLifetime)} ago and has expired. Choose the file again to start over.");
        if (offset != ReceivedBytes)
            throw new UploadRefusedException(UploadProblem.OffsetMismatch,
                $"The upload has received {ReceivedBytes} bytes; the next bytes must continue from there, not from {offset}.");
    }

    /// <summary>Records <paramref name="count"/> more bytes received at <paramref name="offset"/>.</summary>
    public void Append(long offset, long count, DateTimeOffset now)
    {
        EnsureCanAppend(offset, now);
        ArgumentOutOfRangeException.ThrowIfNegative(count);
        if (ReceivedBytes + count > DeclaredLength)
            throw new UploadRefusedException(UploadProblem.TooLarge,
                $"More bytes arrived than the {FileSizes.Describe(DeclaredLength)} this file was said to have.");
        ReceivedBytes += count;
        Touch(now);
    }

    /// <summary>Every byte arrived and the content was accepted as <paramref name="fileId"/>.</summary>
    public void Complete(Guid fileId, DateTimeOffset now)
    {
        if (State != UploadState.Receiving) throw new UploadRefusedException(UploadProblem.Finished, "This upload has already finished.");
        if (!IsComplete)
            throw new DomainException($"The upload cannot finish before every byte has arrived ({ReceivedBytes} of {DeclaredLength}).");
        State = UploadState.Completed;
        StoredFileId = fileId;
        Touch(now);
    }

    /// <summary>The content broke a rule; the bytes are dropped and the reason kept for a client asking later.</summary>
    public void Refuse(string reason, DateTimeOffset now)
    {
        if (State != UploadState.Receiving) throw new UploadRefusedException(UploadProblem.Finished, "This upload has already finished.");
        State = UploadState.Refused;
        Refusal = reason.Length > 500 ? reason[..500] : reason;
        Touch(now);
    }

    private void Touch(DateTimeOffset now)
    {
        UpdatedAt = now;
        ExpiresAt = now + IdleLifetime;
    }

    private static string Hours(TimeSpan span) => span.TotalHours >= 1 ? $"{span.TotalHours:0} hours" : $"{span.TotalMinutes:0} minutes";

    /// <summary>The last path segment, without control characters, at most 255 characters (keeping the extension).</summary>
    public static string CleanFileName(string? name)
    {
        var cleaned = (name ?? "").Replace('\\', '/');
        cleaned = cleaned[(cleaned.LastIndexOf('/') + 1)..];
        cleaned = new string(cleaned.Where(c => !char.IsControl(c)).ToArray()).Trim();
        if (cleaned.Length == 0 || cleaned is "." or "..") cleaned = "untitled";
        if (cleaned.Length <= MaxFileNameLength) return cleaned;
        var extension = Path.GetExtension(cleaned);
        if (extension.Length > 20) extension = "";
        return cleaned[..(MaxFileNameLength - extension.Length)] + extension;
    }
}
