using MicroCred.Domain.Design;

namespace MicroCred.Web.Pages.Design;

/// <summary>Reads an uploaded badge image: only as much as the size limit plus one byte, so a huge file is refused cheaply.</summary>
public static class ImageUpload
{
    public static async Task<(string? FileName, byte[] Bytes)> ReadAsync(IFormFile? file, CancellationToken ct)
    {
        if (file is null || file.Length == 0) return (file?.FileName, []);
        await using var stream = file.OpenReadStream();
        var buffer = new byte[(int)Math.Min(file.Length, BadgeImage.MaxBytes + 1)];
        var read = 0;
        while (read < buffer.Length)
        {
            var n = await stream.ReadAsync(buffer.AsMemory(read), ct);
            if (n == 0) break;
            read += n;
        }
        return (Path.GetFileName(file.FileName), read == buffer.Length ? buffer : buffer[..read]);
    }

    public static string Describe(MicroCred.Application.Features.Design.UploadedImage image) =>
        $"{(image.ContentType == "image/png" ? "PNG" : "SVG")}, {image.Width}×{image.Height} pixels"
        + (image.Removed.Count > 0 ? $". Removed from the SVG for safety: {string.Join("; ", image.Removed)}" : "");

    /// <summary>Uploads larger than this never reach the page (a form error instead of a slow read).</summary>
    public const long RequestLimit = 8 * 1024 * 1024;
}
