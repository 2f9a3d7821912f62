namespace MicroCred.Domain.Evidence;

/// <summary>
/// File sizes as people read them: "740 KB", "1.4 GB" (1 KB = 1024 bytes). The one formatter of sizes for messages,
/// hints and tables; the uploader script (evidence-uploader.js) writes them the same way.
/// </summary>
public static class FileSizes
{
    /// <summary>"1,048,577 bytes", when rounding would hide the difference.</summary>
    public static string Exact(long bytes) => bytes.ToString("N0", System.Globalization.CultureInfo.InvariantCulture) + " bytes";

    public static string Describe(long bytes)
    {
        string[] units = ["bytes", "KB", "MB", "GB", "TB"];
        double value = bytes;
        var unit = 0;
        while (value >= 1024 && unit < units.Length - 1)
        {
            value /= 1024;
            unit++;
        }
        if (unit == 0) return bytes == 1 ? "1 byte" : $"{bytes} bytes";
        return value >= 10 || value % 1 == 0
            ? $"{Math.Round(value, MidpointRounding.AwayFromZero).ToString("0", System.Globalization.CultureInfo.InvariantCulture)} {units[unit]}"
            : $"{value.ToString("0.#", System.Globalization.CultureInfo.InvariantCulture)} {units[unit]}";
    }
}
