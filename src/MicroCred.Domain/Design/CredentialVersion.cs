using MicroCred.Domain.Common;

namespace MicroCred.Domain.Design;

public enum VersionStatus { Draft, Published, Superseded, Retired }

/// <summary>
/// One version of a micro-credential. A draft can be revised; once published it never changes, and every
/// submission started on it is judged against it. A newer published version supersedes it for new earners.
/// It is also the Open Badges BadgeClass: one per published version.
/// </summary>
public sealed class CredentialVersion : ITenantOwned
{
    private CredentialVersion() { }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid CredentialId { get; private set; }
    public int Number { get; private set; }
    public VersionStatus Status { get; private set; }
    public CredentialContent Content { get; private set; } = default!;
    /// <summary>The uploaded badge image; null means the generated default badge.</summary>
    public Guid? ImageId { get; private set; }
    public Guid CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    /// <summary>When the draft's words were last saved (null until the first save after creation).</summary>
    public DateTimeOffset? RevisedAt { get; private set; }
    /// <summary>Who last changed the draft's words; with <see cref="CreatedBy"/>, its authors (who may not approve it).</summary>
    public Guid? RevisedBy { get; private set; }
    /// <summary>The second person who reviewed this version against <see cref="PublishReview.Checklist"/> and approved it for publishing.</summary>
    public Guid? ApprovedBy { get; private set; }
    public DateTimeOffset? ApprovedAt { get; private set; }
    /// <summary>The principles the reviewer confirmed (every one of the checklist, by letter).</summary>
    public List<string> ApprovalChecks { get; private set; } = [];
    public string? ApprovalNote { get; private set; }
    public DateTimeOffset? PublishedAt { get; private set; }
    public Guid? PublishedBy { get; private set; }
    public DateTimeOffset? SupersededAt { get; private set; }
    public DateTimeOffset? RetiredAt { get; private set; }

    // Kept in step with Content for the catalog's search and filters.
    public string Name { get; private set; } = "";
    public string SearchText { get; private set; } = "";
    public decimal? EstimatedHours { get; private set; }
    public List<string> Tags { get; private set; } = [];
    public List<string> GradeBands { get; private set; } = [];
    public List<string> Subjects { get; private set; } = [];
    /// <summary>"Framework: code" of every alignment, and the framework alone, for the standard filter.</summary>
    public List<string> Standards { get; private set; } = [];

    public bool IsDraft => Status == VersionStatus.Draft;

    internal static CredentialVersion Draft(Guid tenantId, Guid credentialId, int number, CredentialContent content, Guid? imageId, Guid userId, DateTimeOffset now)
    {
        content.Validate();
        var version = new CredentialVersion
        {
            Id = Guid.CreateVersion7(now), TenantId = tenantId, CredentialId = credentialId, Number = number, Status = VersionStatus.Draft,
            ImageId = imageId, CreatedBy = userId, CreatedAt = now,
        };
        version.Use(content);
        return version;
    }

    public void Revise(CredentialContent content)
    {
        EnsureDraft();
        content.Validate();
        Use(content);
    }

    /// <summary>
    /// Revises the draft and remembers when and by whom, for the developer's "last change". Changed words void an
    /// approval (the reviewer approved what they read); saving the same words again keeps it.
    /// </summary>
    public void Revise(CredentialContent content, DateTimeOffset now, Guid? by = null)
    {
        var changed = !SameWords(Content, content);
        Revise(content);
        if (!changed) return;
        RevisedAt = now;
        if (by is not null) RevisedBy = by;
        ClearApproval();
    }

    public bool IsApproved => ApprovedBy is not null;

    /// <summary>
    /// A second person approves the draft for publishing after checking it against every point of
    /// <see cref="PublishReview.Checklist"/>. Never one of its authors; only a complete draft (the publish gate) is reviewed.
    /// </summary>
    public void Approve(Guid reviewerId, IReadOnlyCollection<string> confirmed, string? note, DateTimeOffset now)
    {
        EnsureDraft();
        if (reviewerId == CreatedBy || reviewerId == RevisedBy)
            throw new DomainException("You wrote this version: another Developer or an Admin must review it.");
        var problems = Content.ProblemsBeforePublishing();
        if (problems.Count > 0) throw new PublishRefusedException(problems);
        var missing = PublishReview.Unconfirmed(confirmed);
        if (missing.Count > 0)
            throw new DomainException($"Confirm every point of the review, or ask the author to change the draft. Not confirmed: {string.Join(", ", missing.Select(m => $"{m.Principle} ({m.Name})"))}.", "Confirmed");
        if (note?.Trim() is { Length: > PublishReview.MaxNoteLength })
            throw new DomainException($"Keep the note to {PublishReview.MaxNoteLength} characters.", "Note");
        ApprovedBy = reviewerId;
        ApprovedAt = now;
        ApprovalChecks = PublishReview.Checklist.Select(c => c.Principle).ToList();
        ApprovalNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
    }

    private void ClearApproval()
    {
        ApprovedBy = null;
        ApprovedAt = null;
        ApprovalChecks = [];
        ApprovalNote = null;
    }

    private static bool SameWords(CredentialContent? a, CredentialContent b) => a is not null && Canonical(a) == Canonical(b);

    /// <summary>
    /// The content as JSON with every object's keys in order: the stored document comes back with its keys reordered
    /// (a rubric's descriptors are a map), so the same words must compare equal whichever order they arrive in.
    /// </summary>
    private static string Canonical(CredentialContent content)
    {
        static System.Text.Json.Nodes.JsonNode? Sorted(System.Text.Json.Nodes.JsonNode? node) => node switch
        {
            System.Text.Json.Nodes.JsonObject o => new System.Text.Json.Nodes.JsonObject(
                o.OrderBy(p => p.Key, StringComparer.Ordinal).Select(p => KeyValuePair.Create(p.Key, Sorted(p.Value)))),
            System.Text.Json.Nodes.JsonArray a => new System.Text.Json.Nodes.JsonArray(a.Select(Sorted).ToArray()),
            _ => node?.DeepClone(),
        };
        return Sorted(System.Text.Json.JsonSerializer.SerializeToNode(content))?.ToJsonString() ?? "";
    }

    /// <summary>The latest moment anything happened to this version: created, saved, published, superseded or retired.</summary>
    public DateTimeOffset LastChangedAt =>
        new[] { CreatedAt, RevisedAt, PublishedAt, SupersededAt, RetiredAt }.Max(t => t ?? DateTimeOffset.MinValue);

    public void UseImage(Guid? imageId)
    {
        EnsureDraft();
        // The badge image is part of what was reviewed (principle J).
        if (imageId != ImageId) ClearApproval();
        ImageId = imageId;
    }

    /// <param name="reviewRequired">The district asks for a second person's approval before publishing.</param>
    internal void Publish(Guid userId, DateTimeOffset now, bool reviewRequired = false)
    {
        EnsureDraft();
        var problems = Content.ProblemsBeforePublishing();
        if (problems.Count > 0) throw new PublishRefusedException(problems);
        if (reviewRequired && !IsApproved)
            throw new DomainException("This district asks for a second review before publishing: another Developer or an Admin must approve this version first.");
        Status = VersionStatus.Published;
        PublishedAt = now;
        PublishedBy = userId;
    }

    internal void Supersede(DateTimeOffset now)
    {
        if (Status != VersionStatus.Published) throw new DomainException("Only the published version can be superseded.");
        Status = VersionStatus.Superseded;
        SupersededAt = now;
    }

    internal void Retire(DateTimeOffset now)
    {
        if (Status != VersionStatus.Published) throw new DomainException("Only a published version can be retired.");
        Status = VersionStatus.Retired;
        RetiredAt = now;
    }

    internal void Reinstate()
    {
        if (Status != VersionStatus.Retired) throw new DomainException("Only a retired version can be reinstated.");
        Status = VersionStatus.Published;
        RetiredAt = null;
    }

    private void EnsureDraft()
    {
        if (Status != VersionStatus.Draft)
            throw new DomainException($"Version {Number} is {Status.ToString().ToLowerInvariant()} and cannot change. Start a new version to edit it.");
    }

    private void Use(CredentialContent content)
    {
        Content = content;
        Name = content.Name.Trim();
        EstimatedHours = content.EstimatedHours;
        Tags = Normalise(content.Tags);
        GradeBands = Normalise(content.GradeBands);
        Subjects = Normalise(content.Subjects);
        Standards = content.Alignments
            .SelectMany(a => string.IsNullOrWhiteSpace(a.Code) ? new[] { a.Framework.Trim() } : [a.Framework.Trim(), $"{a.Framework.Trim()}: {a.Code.Trim()}"])
            .Distinct(StringComparer.OrdinalIgnoreCase).ToList();
        SearchText = string.Join(' ', new[] { content.Name, content.ShortDescription, content.Competency, content.KeyMethod }
            .Concat(content.Tags).Concat(content.Subjects).Concat(content.Alignments.Select(a => $"{a.Framework} {a.Code} {a.Name}"))
            .Where(s => !string.IsNullOrWhiteSpace(s))).ToLowerInvariant();
        if (SearchText.Length > 10_000) SearchText = SearchText[..10_000];
    }

    private static List<string> Normalise(IEnumerable<string> values) =>
        values.Select(v => v.Trim()).Where(v => v.Length > 0).Distinct(StringComparer.OrdinalIgnoreCase).ToList();
}
