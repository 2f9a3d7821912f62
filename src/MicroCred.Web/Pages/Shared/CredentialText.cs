using MicroCred.Domain.Evidence;
using System.Globalization;
using MicroCred.Domain.Design;

namespace MicroCred.Web.Pages.Shared;

/// <summary>Small formatting rules shared by the design pages.</summary>
public static class CredentialText
{
    /// <summary>Paragraphs separated by blank lines.</summary>
    public static IEnumerable<string> Paragraphs(string? text) =>
        (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string Hours(decimal? hours) =>
        hours is { } h ? $"{h.ToString("0.#", CultureInfo.InvariantCulture)} {(h == 1 ? "hour" : "hours")}" : "Not estimated";

    public static string Validity(int? months) => months switch
    {
        null => "Does not expire",
        var m when m % 12 == 0 => m == 12 ? "1 year from the award" : $"{m / 12} years from the award",
        var m => $"{m} months from the award",
    };

    public static string Bytes(long bytes) => bytes switch
    {
        >= 1L << 30 when bytes % (1L << 30) == 0 => $"{bytes >> 30} GB",
        >= 1L << 20 => $"{(bytes / (double)(1L << 20)).ToString("0.#", CultureInfo.InvariantCulture)} MB",
        >= 1L << 10 => $"{bytes >> 10} KB",
        _ => $"{bytes} bytes",
    };

    public static string Describe(FileKind kinds)
    {
        var names = new List<string>();
        if (kinds.HasFlag(FileKind.Video)) names.Add("video");
        if (kinds.HasFlag(FileKind.Audio)) names.Add("audio");
        if (kinds.HasFlag(FileKind.Image)) names.Add("images");
        if (kinds.HasFlag(FileKind.Pdf)) names.Add("PDF");
        if (kinds.HasFlag(FileKind.Document)) names.Add("documents (Word, PowerPoint, OpenDocument)");
        if (kinds.HasFlag(FileKind.Text)) names.Add("plain text");
        return string.Join(", ", names);
    }

    public static string Words(int? min, int? max) => (min, max) switch
    {
        ({ } a, { } b) => $"{a}–{b} words",
        ({ } a, null) => $"at least {a} words",
        (null, { } b) => $"at most {b} words",
        _ => "",
    };

    public static string Resource(ResourceKind kind) => kind switch
    {
        ResourceKind.LessonPlan => "Lesson plan",
        _ => kind.ToString(),
    };
}
