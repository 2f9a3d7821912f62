using MicroCred.Domain.Assessment;
using MicroCred.Domain.Design;
using MicroCred.Domain.Evidence;

namespace MicroCred.Application.Features.Assessment;

/// <summary>The evidence answering one prompt, with the prompt's instructions.</summary>
public sealed record EvidenceSection(Guid PromptId, string Title, string Instructions, EvidenceKind Kind, IReadOnlyList<EvidenceView> Items);

/// <summary>
/// One piece of evidence as an assessor sees it. <see cref="Label"/> is what names it on the page: under blind
/// review a neutral label (a file's own name or a link's title can carry the teacher's name). <see cref="MediaKind"/>
/// says how to play a file (video, audio, image, pdf) when known.
/// </summary>
public sealed record EvidenceView(Guid Id, EvidenceItemKind Kind, string? Text, string? Url, string Label, Guid? FileId, string? MediaKind);

public static class EvidenceViews
{
    /// <param name="fileKinds">The kind of each stored file, recognised by content when it was uploaded.</param>
    public static IReadOnlyList<EvidenceSection> ForSubmission(CredentialContent content, IEnumerable<EvidenceItem> items, bool blind,
        IReadOnlyDictionary<Guid, FileKind> fileKinds)
    {
        var byPrompt = items.ToLookup(i => i.PromptId);
        return content.Prompts.Select(prompt =>
        {
            var n = 0;
            var views = byPrompt[prompt.Id].OrderBy(i => i.CreatedAt).Select(i =>
            {
                n++;
                return i.Kind switch
                {
                    EvidenceItemKind.Text => new EvidenceView(i.Id, i.Kind, i.Text, null, "Written reflection", null, null),
                    EvidenceItemKind.Link => new EvidenceView(i.Id, i.Kind, null, i.Url, blind || string.IsNullOrWhiteSpace(i.Title) ? $"Link {n}" : i.Title!, null, null),
                    _ => File(i, n, i.FileId is { } id && fileKinds.TryGetValue(id, out var kind) ? kind : prompt.AcceptedFiles),
                };
            }).ToList();
            return new EvidenceSection(prompt.Id, prompt.Title, prompt.Instructions, prompt.Kind, views);
        }).ToList();

        EvidenceView File(EvidenceItem i, int n, FileKind kind) =>
            new(i.Id, i.Kind, null, null, blind ? $"{KindName(kind)} {n}" : i.Title ?? $"File {n}", i.FileId, MediaKind(kind));
    }

    /// <summary>A written anchor: its text for each prompt.</summary>
    public static IReadOnlyList<EvidenceSection> ForWrittenAnchor(CredentialContent content, IReadOnlyList<AnchorEvidence> evidence) =>
        content.Prompts.Select(prompt => new EvidenceSection(prompt.Id, prompt.Title, prompt.Instructions, prompt.Kind,
            evidence.Where(e => e.PromptId == prompt.Id)
                .Select(e => new EvidenceView(Guid.Empty, EvidenceItemKind.Text, e.Text, null, prompt.Kind == EvidenceKind.Reflection ? "Written reflection" : "Description of the evidence", null, null))
                .ToList())).ToList();

    /// <summary>How to present a file of one kind of media; null for other kinds (or a prompt's several kinds, when the file is unknown).</summary>
    private static string? MediaKind(FileKind kind) => kind switch
    {
        FileKind.Video => "video",
        FileKind.Audio => "audio",
        FileKind.Image => "image",
        FileKind.Pdf => "pdf",
        _ => null,
    };

    private static string KindName(FileKind kind) => kind switch
    {
        FileKind.Video => "Video",
        FileKind.Audio => "Audio recording",
        FileKind.Image => "Image",
        FileKind.Pdf => "PDF document",
        _ => "File",
    };
}
