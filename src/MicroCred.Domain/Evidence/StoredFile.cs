using MicroCred.Domain.Common;

namespace MicroCred.Domain.Evidence;

public enum StoredFileState
{
    Available,
    /// <summary>Deleted by its owner; the bytes are being removed and the row goes with the next cleanup.</summary>
    Deleted,
}

/// <summary>
/// A completed, accepted upload: its content's kind and type (detected from the bytes), length and SHA-256,
/// and where the storage keeps it. Until something (a submission's answer) attaches it, it is kept only for a
/// grace period; attached files stay as long as what they are attached to.
/// </summary>
public sealed class StoredFile : ITenantOwned
{
    private StoredFile() { }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid OwnerId { get; private set; }
    public string FileName { get; private set; } = "";
    /// <summary>The media type detected from the content, e.g. "video/mp4".</summary>
    public string ContentType { get; private set; } = "";
    public FileKind Kind { get; private set; }
    public long Length { get; private set; }
    /// <summary>Lower-case hex SHA-256 of the stored bytes.</summary>
    public string Sha256 { get; private set; } = "";
    public string StorageKey { get; private set; } = "";
    /// <summary>The upload it came from, and what that upload was for.</summary>
    public Guid UploadId { get; private set; }
    public string Purpose { get; private set; } = "";
    public Guid? ContextId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public StoredFileState State { get; private set; }
    /// <summary>What the file is part of, e.g. ("SubmissionAnswer", id); null while unattached.</summary>
    public string? AttachedToType { get; private set; }
    public Guid? AttachedToId { get; private set; }
    public DateTimeOffset? AttachedAt { get; private set; }
    /// <summary>Since when nothing holds the file: the grace period before cleanup counts from here.</summary>
    public DateTimeOffset? UnattachedSince { get; private set; }
    public DateTimeOffset? DeletedAt { get; private set; }

    public bool IsAttached => AttachedToType is not null;

    public static StoredFile FromUpload(UploadSession upload, DetectedContent content, string sha256, string storageKey, DateTimeOffset now)
    {
        if (upload.State != UploadState.Receiving || !upload.IsComplete)
            throw new InvalidOperationException("Only a fully received upload becomes a stored file.");
        if (content.Provisional || content.Kind == FileKind.None || (upload.AllowedKinds & content.Kind) == 0)
            throw new UploadRefusedException(UploadProblem.WrongKind, FileKinds.Refusal(content, upload.AllowedKinds));
        if (sha256.Length != 64 || !sha256.All(char.IsAsciiHexDigitLower))
            throw new ArgumentException("Expected a lower-case hex SHA-256.", nameof(sha256));
        return new()
        {
            Id = Guid.CreateVersion7(now),
            TenantId = upload.TenantId,
            OwnerId = upload.UserId,
            FileName = upload.FileName,
            ContentType = content.MediaType,
            Kind = content.Kind,
            Length = upload.DeclaredLength,
            Sha256 = sha256,
            StorageKey = storageKey,
            UploadId = upload.Id,
            Purpose = upload.Purpose,
            ContextId = upload.ContextId,
            CreatedAt = now,
            State = StoredFileState.Available,
            UnattachedSince = now,
        };
    }

    /// <summary>Refuses unless the file may be used where only <paramref name="allowed"/> kinds up to <paramref name="maxBytes"/> are accepted.</summary>
    public void EnsureFits(FileKind allowed, long maxBytes)
    {
        if ((allowed & Kind) == 0)
            throw new UploadRefusedException(UploadProblem.WrongKind,
                $"“{FileName}” is {Kind.Noun()}; here you can use {allowed.Describe()} files ({allowed.FormatList()}).");
        if (Length > maxBytes)
            throw new UploadRefusedException(UploadProblem.TooLarge,
                $"“{FileName}” is {FileSizes.Describe(Length)}; the limit here is {FileSizes.Describe(maxBytes)}.");
    }

    /// <summary>Makes the file part of something (idempotent for the same thing); attached files are never cleaned up.</summary>
    public void AttachTo(string type, Guid id, DateTimeOffset now)
    {
        EnsureAvailable();
        ArgumentException.ThrowIfNullOrWhiteSpace(type);
        if (AttachedToType == type && AttachedToId == id) return;
        if (IsAttached) throw new DomainException($"“{FileName}” is already used elsewhere. Upload it again to use it twice.");
        AttachedToType = type;
        AttachedToId = id;
        AttachedAt = now;
        UnattachedSince = null;
    }

    /// <summary>Releases the file; the grace period before cleanup starts again now.</summary>
    public void Detach(DateTimeOffset now)
    {
        if (!IsAttached) return;
        AttachedToType = null;
        AttachedToId = null;
        AttachedAt = null;
        UnattachedSince = now;
    }

    /// <summary>The owner deletes an unattached file.</summary>
    public void Delete(Guid userId, DateTimeOffset now)
    {
        EnsureAvailable();
        if (userId != OwnerId) throw new DomainException("Only the person who uploaded a file can delete it.");
        if (IsAttached) throw new DomainException($"“{FileName}” is part of a submission. Remove it from the submission first.");
        State = StoredFileState.Deleted;
        DeletedAt = now;
    }

    /// <summary>Nothing has held the file for the whole grace period.</summary>
    public bool IsAbandonedAt(DateTimeOffset now, TimeSpan grace) =>
        State == StoredFileState.Available && UnattachedSince is { } since && now - since >= grace;

    private void EnsureAvailable()
    {
        if (State != StoredFileState.Available) throw new DomainException($"“{FileName}” has been deleted.");
    }
}
