using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Domain.Design;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Design;

/// <summary>
/// A badge image ready to serve: an uploaded PNG/SVG, or the generated default. <see cref="ETag"/> changes
/// whenever the bytes do.
/// </summary>
public sealed record ImageFile(string ContentType, byte[] Data, string ETag, bool IsGenerated)
{
    public bool IsSvg => ContentType == BadgeImageFile.Svg;
}

/// <summary>What an upload produced, for the page to confirm (including what sanitising removed from an SVG).</summary>
public sealed record UploadedImage(Guid ImageId, string ContentType, int Width, int Height, IReadOnlyList<string> Removed);

/// <summary>Storing, resolving and cleaning up badge images; shared by the credential and stack image use cases.</summary>
public static class BadgeImages
{
    /// <summary>Checks the upload by content (<see cref="BadgeImageFile"/>) and adds it to the district's images.</summary>
    internal static (BadgeImage Image, CheckedImage Checked) Accept(this AppDbContext db, ITenantContext tenant, byte[] upload, string? fileName, DateTimeOffset now)
    {
        var checkedImage = BadgeImageFile.Check(upload, fileName);
        var image = BadgeImage.Accept(tenant.TenantId!.Value, checkedImage.ContentType, checkedImage.Data, checkedImage.Sha256,
            checkedImage.Width, checkedImage.Height, now);
        db.BadgeImages.Add(image);
        return (image, checkedImage);
    }

    /// <summary>
    /// Deletes an image that nothing will use once the pending change is saved: no other version, no stack.
    /// Published versions keep theirs, so an earned badge's image never disappears.
    /// </summary>
    internal static async Task ForgetIfUnusedAsync(this AppDbContext db, Guid? imageId, Guid? exceptVersionId, Guid? exceptStackId, CancellationToken ct)
    {
        if (imageId is not { } id) return;
        var used = await db.CredentialVersions.AnyAsync(v => v.ImageId == id && v.Id != exceptVersionId, ct)
            || await db.Stacks.AnyAsync(s => s.ImageId == id && s.Id != exceptStackId, ct);
        if (used) return;
        var image = await db.BadgeImages.SingleOrDefaultAsync(i => i.Id == id, ct);
        if (image is not null) db.BadgeImages.Remove(image);
    }

    /// <summary>
    /// The uploaded image, or the district's generated default for <paramref name="name"/>. Use this from any
    /// feature that serves a credential's or stack's image (the catalog, Open Badges BadgeClass images).
    /// </summary>
    public static async Task<ImageFile> RenderAsync(this AppDbContext db, ITenantContext tenant, Guid? imageId, string name, bool stack, CancellationToken ct)
    {
        if (imageId is { } id)
        {
            var stored = await db.BadgeImages.AsNoTracking().Where(i => i.Id == id)
                .Select(i => new { i.ContentType, i.Data, i.Sha256 }).SingleOrDefaultAsync(ct);
            if (stored is not null) return new ImageFile(stored.ContentType, stored.Data, stored.Sha256[..32], false);
        }
        var color = await db.Districts.AsNoTracking().Where(d => d.Id == tenant.TenantId).Select(d => d.Color).SingleOrDefaultAsync(ct);
        var svg = DefaultBadge.Svg(name, color ?? District.DefaultColor, stack);
        return new ImageFile(BadgeImageFile.Svg, svg, DefaultBadge.Tag(svg), true);
    }
}
