using MicroCred.Domain.Common;

namespace MicroCred.Domain.Evidence;

public enum EvidenceItemKind { Text, Link, File }

/// <summary>One piece of evidence answering one prompt: a reflection's text, a link, or an uploaded file.</summary>
public sealed class EvidenceItem : ITenantOwned
{
    private EvidenceItem() { }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid SubmissionId { get; private set; }
    public Guid PromptId { get; private set; }
    public EvidenceItemKind Kind { get; private set; }
    public string? Text { get; private set; }
    public string? Url { get; private set; }
    public string? Title { get; private set; }
    /// <summary>The stored file (uploads), for file evidence.</summary>
    public Guid? FileId { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    internal static EvidenceItem Reflection(Submission s, Guid promptId, string text, DateTimeOffset now) =>
        New(s, promptId, EvidenceItemKind.Text, now, i => i.Text = text);

    internal static EvidenceItem Link(Submission s, Guid promptId, string url, string? title, DateTimeOffset now) =>
        New(s, promptId, EvidenceItemKind.Link, now, i => { i.Url = url; i.Title = string.IsNullOrWhiteSpace(title) ? null : title.Trim(); });

    internal static EvidenceItem File(Submission s, Guid promptId, Guid fileId, string fileName, DateTimeOffset now) =>
        New(s, promptId, EvidenceItemKind.File, now, i => { i.FileId = fileId; i.Title = fileName; });

    internal void Rewrite(string text, DateTimeOffset now)
    {
        Text = text;
        UpdatedAt = now;
    }

    internal EvidenceItem CopyTo(Submission next, DateTimeOffset now) => New(next, PromptId, Kind, now, i =>
    {
        i.Text = Text;
        i.Url = Url;
        i.Title = Title;
        i.FileId = FileId;
    });

    private static EvidenceItem New(Submission s, Guid promptId, EvidenceItemKind kind, DateTimeOffset now, Action<EvidenceItem> fill)
    {
        var item = new EvidenceItem
        {
            Id = Guid.CreateVersion7(now), TenantId = s.TenantId, SubmissionId = s.Id, PromptId = promptId, Kind = kind, CreatedAt = now, UpdatedAt = now,
        };
        fill(item);
        return item;
    }
}
