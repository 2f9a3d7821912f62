namespace MicroCred.Domain.Evidence;

/// <summary>
/// What a file is, decided from its content (never its name). A flags set when it describes what an upload
/// may be ("video or image"); a single value on a stored file.
/// </summary>
[Flags]
public enum FileKind
{
    None = 0,
    Video = 1,
    Audio = 2,
    Image = 4,
    Pdf = 8,
    Document = 16,
    Text = 32,
}

public static class FileKinds
{
    public static readonly FileKind[] Each = [FileKind.Video, FileKind.Audio, FileKind.Image, FileKind.Pdf, FileKind.Document, FileKind.Text];

    public const FileKind All = FileKind.Video | FileKind.Audio | FileKind.Image | FileKind.Pdf | FileKind.Document | FileKind.Text;

    public static IEnumerable<FileKind> Split(this FileKind kinds) => Each.Where(k => (kinds & k) != 0);

    /// <summary>Kinds a browser shows inline (served <c>inline</c>); everything else is downloaded.</summary>
    public static bool IsPreviewable(this FileKind kind) => kind is FileKind.Video or FileKind.Audio or FileKind.Image or FileKind.Pdf;

    /// <summary>"Video", "Audio", … for a list or a table cell.</summary>
    public static string Label(this FileKind kind) => kind switch
    {
        FileKind.Video => "Video",
        FileKind.Audio => "Audio",
        FileKind.Image => "Image",
        FileKind.Pdf => "PDF",
        FileKind.Document => "Document",
        FileKind.Text => "Text",
        _ => "Other",
    };

    /// <summary>"a video", "an image": the kind in a sentence.</summary>
    public static string Noun(this FileKind kind) => kind switch
    {
        FileKind.Video => "a video",
        FileKind.Audio => "an audio recording",
        FileKind.Image => "an image",
        FileKind.Pdf => "a PDF",
        FileKind.Document => "a document",
        FileKind.Text => "a text file",
        _ => "a file",
    };

    /// <summary>The formats people know each kind by, as we name them in messages.</summary>
    public static IReadOnlyList<string> Formats(this FileKind kind) => kind switch
    {
        FileKind.Video => ["MP4", "MOV", "WebM"],
        FileKind.Audio => ["MP3", "M4A", "WAV", "OGG"],
        FileKind.Image => ["PNG", "JPEG", "GIF", "WebP"],
        FileKind.Pdf => ["PDF"],
        FileKind.Document => ["DOCX", "XLSX", "PPTX", "ODT"],
        FileKind.Text => ["TXT"],
        _ => [],
    };

    /// <summary>"video or image", for hints: what an upload accepts.</summary>
    public static string Describe(this FileKind kinds) =>
        kinds == All ? "video, audio, image, PDF, document or text" : JoinOr(kinds.Split().Select(k => k.Label().ToLowerInvariant().Replace("pdf", "PDF")).ToList());

    /// <summary>"MP4, MOV, WebM, PNG, JPEG, GIF or WebP".</summary>
    public static string FormatList(this FileKind kinds) => JoinOr(kinds.Split().SelectMany(k => k.Formats()).ToList());

    /// <summary>
    /// Why a file whose content is <paramref name="detected"/> cannot be used where <paramref name="allowed"/>
    /// kinds are accepted, in the words shown to the teacher, e.g.
    /// "This file is a ZIP archive, not a video. Upload MP4, MOV or WebM."
    /// </summary>
    public static string Refusal(DetectedContent detected, FileKind allowed)
    {
        var kinds = allowed.Split().ToList();
        var unknown = detected.Kind == FileKind.None && detected.MediaType == DetectedContent.UnknownMediaType;
        if (kinds.Count <= 2)
            return unknown
                ? $"We could not recognise this file's type, so it cannot be used as {JoinOr(kinds.Select(k => k.Noun()).ToList())}. Upload {allowed.FormatList()}."
                : $"This file is {detected.Description}, not {JoinOr(kinds.Select(k => k.Noun()).ToList())}. Upload {allowed.FormatList()}.";
        return (unknown ? "We could not recognise this file's type, so it is not accepted here." : $"This file is {detected.Description}, which is not accepted here.")
            + $" Upload {allowed.Describe()} files: {allowed.FormatList()}.";
    }

    private static string JoinOr(IReadOnlyList<string> items) => items.Count switch
    {
        0 => "",
        1 => items[0],
        _ => string.Join(", ", items.Take(items.Count - 1)) + " or " + items[^1],
    };
}
