using MicroCred.Domain.Common;
using MicroCred.Domain.Design;
using MicroCred.Domain.Evidence;

namespace MicroCred.Domain.Assessment;

/// <summary>Written evidence of an anchor made from scratch: the text shown for one prompt.</summary>
public sealed record AnchorEvidence(Guid PromptId, string Text);

/// <summary>
/// A calibration anchor: a piece of work with known criterion levels that a candidate assessor scores blind
/// (principle N). Either a real, already scored submission marked as an anchor (its evidence is shown, always
/// under its pseudonymous code) or an anchor written from scratch by an Admin. Anchors never enter the queue
/// (the submission behind one is already scored) and earners never see them.
/// </summary>
public sealed class Anchor : ITenantOwned
{
    public const int MaxLabelLength = 80;
    public const int MaxRationaleLength = 5000;
    public const int MaxEvidenceLength = 20_000;

    private Anchor() { }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid CredentialId { get; private set; }
    public Guid CredentialVersionId { get; private set; }
    /// <summary>The real submission behind the anchor; null for a written one.</summary>
    public Guid? SubmissionId { get; private set; }
    public string Label { get; private set; } = "";
    public Dictionary<Guid, Guid> KnownLevels { get; private set; } = [];
    /// <summary>Why these are the right levels: shown to candidates after they submit their calibration.</summary>
    public string? Rationale { get; private set; }
    public List<AnchorEvidence> Evidence { get; private set; } = [];
    public Guid CreatedBy { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset? RetiredAt { get; private set; }

    public bool IsActive => RetiredAt is null;

    /// <summary>Marks scored work as an anchor with its known levels (usually its final score, possibly corrected).</summary>
    public static Anchor FromSubmission(Submission submission, CredentialVersion version, string label, IReadOnlyDictionary<Guid, Guid> knownLevels,
        string? rationale, Guid by, DateTimeOffset now)
    {
        if (submission.Status is not (SubmissionStatus.Scored or SubmissionStatus.Awarded or SubmissionStatus.NotYet))
            throw new DomainException("Only scored work can become an anchor: its scores must be settled.");
        if (version.Id != submission.CredentialVersionId) throw new DomainException("An anchor is scored against the version its work was submitted on.");
        var anchor = New(version, label, knownLevels, rationale, by, now);
        anchor.SubmissionId = submission.Id;
        return anchor;
    }

    /// <summary>An anchor written from scratch: text for the prompts, and its known levels.</summary>
    public static Anchor Written(CredentialVersion version, string label, IReadOnlyList<AnchorEvidence> evidence, IReadOnlyDictionary<Guid, Guid> knownLevels,
        string? rationale, Guid by, DateTimeOffset now)
    {
        if (version.Status is not (VersionStatus.Published or VersionStatus.Superseded or VersionStatus.Retired))
            throw new DomainException("Anchors are written for a published version.");
        var kept = evidence.Where(e => !string.IsNullOrWhiteSpace(e.Text)).Select(e => e with { Text = e.Text.Trim() }).ToList();
        if (kept.Count == 0) throw new DomainException("Write the anchor's evidence for at least one prompt.", nameof(Evidence));
        if (kept.Any(e => version.Content.Prompts.All(p => p.Id != e.PromptId))) throw new DomainException("That evidence prompt is not part of this version.", nameof(Evidence));
        if (kept.Any(e => e.Text.Length > MaxEvidenceLength)) throw new DomainException($"Keep each piece of evidence to {MaxEvidenceLength:N0} characters.", nameof(Evidence));
        var anchor = New(version, label, knownLevels, rationale, by, now);
        anchor.Evidence = kept;
        return anchor;
    }

    public void ChangeKnownLevels(Rubric rubric, IReadOnlyDictionary<Guid, Guid> knownLevels, string? rationale)
    {
        if (!IsActive) throw new DomainException("This anchor is retired.");
        KnownLevels = ScoreSheet.CompleteLevels(rubric, knownLevels, nameof(KnownLevels)).ToDictionary();
        Rationale = Guard.Optional(rationale, nameof(Rationale), "The rationale", MaxRationaleLength);
    }

    /// <summary>Takes the anchor out of future calibration sets; attempts already made keep their results.</summary>
    public void Retire(DateTimeOffset now)
    {
        if (!IsActive) throw new DomainException("This anchor is already retired.");
        RetiredAt = now;
    }

    private static Anchor New(CredentialVersion version, string label, IReadOnlyDictionary<Guid, Guid> knownLevels, string? rationale, Guid by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), TenantId = version.TenantId, CredentialId = version.CredentialId, CredentialVersionId = version.Id,
        Label = Guard.Required(label, nameof(Label), "The anchor's label", MaxLabelLength),
        KnownLevels = ScoreSheet.CompleteLevels(version.Content.Rubric, knownLevels, nameof(KnownLevels)).ToDictionary(),
        Rationale = Guard.Optional(rationale, nameof(Rationale), "The rationale", MaxRationaleLength),
        CreatedBy = by, CreatedAt = now,
    };
}
