namespace MicroCred.OpenBadges.Baking;

/// <summary>Reads an image stream into memory, refusing anything over <see cref="BadgeImageSniffer.MaxImageBytes"/>.</summary>
internal static class ImageInput
{
    public static byte[] ReadAll(Stream stream)
    {
        ArgumentNullException.ThrowIfNull(stream);
        using var buffer = new MemoryStream();
        var chunk = new byte[81920];
        int read;
        while ((read = stream.Read(chunk, 0, chunk.Length)) > 0)
        {
            if (buffer.Length + read > BadgeImageSniffer.MaxImageBytes) throw TooLarge();
            buffer.Write(chunk, 0, read);
        }
        return buffer.ToArray();
    }

    public static void RequireSize(ReadOnlySpan<byte> data)
    {
        if (data.Length > BadgeImageSniffer.MaxImageBytes) throw TooLarge();
    }

    private static BadgeImageException TooLarge() =>
        new($"The image is larger than {BadgeImageSniffer.MaxImageBytes / (1024 * 1024)} MB; badge images must be smaller.");
}
