using MicroCred.Domain.Common;
using MicroCred.Domain.Evidence;

namespace MicroCred.Domain.Design;

/// <summary>
/// An uploaded badge image (PNG or sanitised SVG), already checked by content, size and dimensions. Small enough
/// to live in the database, which keeps public badge images fast and consistent across instances.
/// </summary>
public sealed class BadgeImage : ITenantOwned
{
    public const int MaxBytes = 512 * 1024;
    public const int MinSide = 64;
    public const int MaxSide = 2048;

    private BadgeImage() { }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public string ContentType { get; private set; } = "";
    public byte[] Data { get; private set; } = [];
    public string Sha256 { get; private set; } = "";
    public int Width { get; private set; }
    public int Height { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }

    public static BadgeImage Accept(Guid tenantId, string contentType, byte[] data, string sha256, int width, int height, DateTimeOffset now)
    {
        if (contentType is not ("image/png" or "image/svg+xml")) throw new DomainException("A badge image is a PNG or an SVG.", "Image");
        if (data.Length == 0) throw new DomainException("The image file is empty.", "Image");
        if (data.Length > MaxBytes) throw new DomainException($"The image is larger than {FileSizes.Describe(MaxBytes)}.", "Image");
        if (width is < MinSide or > MaxSide || height is < MinSide or > MaxSide)
            throw new DomainException($"The image must be between {MinSide} and {MaxSide} pixels on each side (this one is {width}×{height}).", "Image");
        return new BadgeImage
        {
            Id = Guid.CreateVersion7(now), TenantId = tenantId, ContentType = contentType, Data = data, Sha256 = sha256,
            Width = width, Height = height, CreatedAt = now,
        };
    }
}
