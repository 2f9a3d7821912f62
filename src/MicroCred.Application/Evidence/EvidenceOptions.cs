namespace MicroCred.Application.Evidence;

/// <summary><c>Uploads:*</c>: limits and housekeeping of evidence uploads.</summary>
public sealed class UploadOptions
{
    public const string Section = "Uploads";

    /// <summary>The largest file anyone may upload, whatever a purpose's policy says (and the tus <c>Tus-Max-Size</c>).</summary>
    public long MaxBytes { get; set; } = 4L * 1024 * 1024 * 1024;

    /// <summary>An unfinished upload expires this long after its last bytes arrived.</summary>
    public TimeSpan IdleLifetime { get; set; } = TimeSpan.FromHours(24);

    /// <summary>A stored file that nothing attaches is deleted this long after it was uploaded (or released).</summary>
    public TimeSpan UnattachedGrace { get; set; } = TimeSpan.FromDays(30);

    public bool CleanupEnabled { get; set; } = true;
    public TimeSpan CleanupInterval { get; set; } = TimeSpan.FromHours(1);

    /// <summary>How long a request waits for another request on the same upload to let go.</summary>
    public TimeSpan LockWait { get; set; } = TimeSpan.FromSeconds(30);
}

/// <summary><c>Storage:*</c>: where evidence bytes live. S3 when <c>Storage:S3:Bucket</c> is set, else the local folder <c>Storage:Root</c>.</summary>
public sealed class StorageOptions
{
    public const string Section = "Storage";

    public string? Root { get; set; }
    public S3StorageOptions S3 { get; set; } = new();
}

public sealed class S3StorageOptions
{
    public string? Bucket { get; set; }
    /// <summary>For S3-compatible servers (MinIO, Ceph, Garage…): their URL; leave empty for AWS.</summary>
    public string? ServiceUrl { get; set; }
    public string? Region { get; set; }
    /// <summary>Path-style addressing (<c>host/bucket/key</c>), which most S3-compatible servers need.</summary>
    public bool ForcePathStyle { get; set; }
    /// <summary>Leave both empty to use the SDK's usual credential sources (environment, profile, instance role).</summary>
    public string? AccessKey { get; set; }
    public string? SecretKey { get; set; }
    /// <summary>Multipart part size in MiB: each upload buffers at most one part. S3 needs at least 5.</summary>
    public int PartSizeMiB { get; set; } = 8;

    public bool Configured => !string.IsNullOrWhiteSpace(Bucket);
}
