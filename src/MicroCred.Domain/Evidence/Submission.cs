using System.Security.Cryptography;
using MicroCred.Domain.Common;
using MicroCred.Domain.Design;

namespace MicroCred.Domain.Evidence;

public enum SubmissionStatus { Draft, Submitted, InReview, Scored, Awarded, NotYet }

/// <summary>
/// One attempt by an earner at one micro-credential, always judged against the version it started on.
/// Draft ─submit▶ Submitted ─review▶ InReview ─score▶ Scored ─award▶ Awarded, or ─deny▶ NotYet, after which the
/// earner may start a next attempt from the same evidence.
/// </summary>
public sealed class Submission : ITenantOwned
{
    /// <summary>A reflection may be saved at any length below this (so nothing typed is lost); limits are checked on submit.</summary>
    public const int MaxReflectionCharacters = 100_000;
    public const int MaxItemsPerPrompt = 20;

    private readonly List<EvidenceItem> items = [];

    private Submission() { }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid EarnerId { get; private set; }
    public Guid CredentialId { get; private set; }
    public Guid CredentialVersionId { get; private set; }
    public int Attempt { get; private set; }
    public Guid? PreviousAttemptId { get; private set; }
    /// <summary>Pseudonymous code shown to assessors instead of the earner's name (blind review).</summary>
    public string Code { get; private set; } = "";
    public SubmissionStatus Status { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }
    public DateTimeOffset? SubmittedAt { get; private set; }
    public DateTimeOffset? ReviewStartedAt { get; private set; }
    public DateTimeOffset? ScoredAt { get; private set; }
    public DateTimeOffset? DecidedAt { get; private set; }
    public string? DecisionNote { get; private set; }
    /// <summary>The Issuer awarded work whose final score recommended "Not yet"; <see cref="DecisionNote"/> says why.</summary>
    public bool AwardedAgainstRecommendation { get; private set; }
    /// <summary>The earner's choice, for an awarded credential: may the badge link to this evidence? Private by default.</summary>
    public bool EvidencePublic { get; private set; }

    public IReadOnlyList<EvidenceItem> Items => items;

    public bool IsEditable => Status == SubmissionStatus.Draft;

    /// <summary>
    /// Starts an attempt on the published version. Refuses a retired or unpublished credential, unmet stack
    /// prerequisites and the district's attempt cap.
    /// </summary>
    public static Submission Start(Guid tenantId, Guid earnerId, MicroCredential credential, CredentialVersion published,
        int attemptsSoFar, int? attemptCap, IReadOnlyList<string> missingPrerequisites, DateTimeOffset now)
    {
        if (credential.IsRetired || published.Id != credential.PublishedVersionId || published.Status != VersionStatus.Published)
            throw new DomainException("This micro-credential is not open to new earners.");
        if (missingPrerequisites.Count > 0)
            throw new DomainException($"Earn {string.Join(" and ", missingPrerequisites.Select(n => $"\"{n}\""))} first: this stack is taken in order.");
        if (attemptCap is { } cap && attemptsSoFar >= cap)
            throw new DomainException($"You have used all {cap} attempts your district allows for this micro-credential.");
        return new Submission
        {
            Id = Guid.CreateVersion7(now), TenantId = tenantId, EarnerId = earnerId, CredentialId = credential.Id,
            CredentialVersionId = published.Id, Attempt = attemptsSoFar + 1, Code = NewCode(), Status = SubmissionStatus.Draft,
            CreatedAt = now, UpdatedAt = now,
        };
    }

    /// <summary>After "Not yet": a new attempt on the same version, starting from this attempt's evidence.</summary>
    public Submission StartNextAttempt(int? attemptCap, DateTimeOffset now)
    {
        if (Status != SubmissionStatus.NotYet) throw new DomainException("A new attempt starts after a \"Not yet\" decision.");
        if (attemptCap is { } cap && Attempt >= cap)
            throw new DomainException($"You have used all {cap} attempts your district allows for this micro-credential.");
        var next = new Submission
        {
            Id = Guid.CreateVersion7(now), TenantId = TenantId, EarnerId = EarnerId, CredentialId = CredentialId,
            CredentialVersionId = CredentialVersionId, Attempt = Attempt + 1, PreviousAttemptId = Id, Code = NewCode(),
            Status = SubmissionStatus.Draft, CreatedAt = now, UpdatedAt = now,
        };
        foreach (var item in items) next.items.Add(item.CopyTo(next, now));
        return next;
    }

    public EvidenceItem WriteReflection(EvidencePrompt prompt, string text, DateTimeOffset now)
    {
        EnsureEditable();
        if (prompt.Kind != EvidenceKind.Reflection) throw new DomainException($"\"{prompt.Title}\" asks for {Describe(prompt.Kind)}, not a written reflection.", "Text");
        if (text.Length > MaxReflectionCharacters) throw new DomainException($"A reflection can be at most {MaxReflectionCharacters:N0} characters.", "Text");
        var existing = items.FirstOrDefault(i => i.PromptId == prompt.Id && i.Kind == EvidenceItemKind.Text);
        if (existing is null)
        {
            existing = EvidenceItem.Reflection(this, prompt.Id, text, now);
            items.Add(existing);
        }
        else existing.Rewrite(text, now);
        UpdatedAt = now;
        return existing;
    }

    public EvidenceItem AddLink(EvidencePrompt prompt, string url, string? title, DateTimeOffset now)
    {
        EnsureEditable();
        if (prompt.Kind != EvidenceKind.Link) throw new DomainException($"\"{prompt.Title}\" asks for {Describe(prompt.Kind)}, not a link.", "Url");
        if (!WebAddress.TryParse(url, out var uri))
            throw new DomainException("Enter a web address starting with http:// or https://.", "Url");
        EnsureRoom(prompt);
        var item = EvidenceItem.Link(this, prompt.Id, uri.ToString(), title, now);
        items.Add(item);
        UpdatedAt = now;
        return item;
    }

    /// <summary>Attaches an uploaded file whose kind was recognised by content and whose size is known.</summary>
    public EvidenceItem AttachFile(EvidencePrompt prompt, Guid fileId, string fileName, FileKind kind, long length, DateTimeOffset now)
    {
        EnsureEditable();
        if (prompt.Kind != EvidenceKind.Files) throw new DomainException($"\"{prompt.Title}\" asks for {Describe(prompt.Kind)}, not files.", "File");
        if (length <= 0) throw new DomainException($"\"{fileName}\" is empty.", "File");
        if (kind == FileKind.None || (prompt.AcceptedFiles & kind) == 0)
            throw new DomainException($"\"{prompt.Title}\" accepts {string.Join(", ", prompt.AcceptedFiles.Split().Select(k => k.Label())).ToLowerInvariant()} files; \"{fileName}\" is not one of them.", "File");
        if (prompt.MaxFileBytes is { } max && length > max)
            throw new DomainException($"\"{fileName}\" is {FileSizes.Describe(length)}; \"{prompt.Title}\" accepts files up to {FileSizes.Describe(max)}.", "File");
        if (items.Any(i => i.PromptId == prompt.Id && i.FileId == fileId)) throw new DomainException($"\"{fileName}\" is already attached.", "File");
        EnsureRoom(prompt);
        var item = EvidenceItem.File(this, prompt.Id, fileId, fileName, now);
        items.Add(item);
        UpdatedAt = now;
        return item;
    }

    public EvidenceItem RemoveItem(Guid itemId, DateTimeOffset now)
    {
        EnsureEditable();
        var item = items.FirstOrDefault(i => i.Id == itemId) ?? throw new DomainException("That evidence is no longer part of this submission.");
        items.Remove(item);
        UpdatedAt = now;
        return item;
    }

    /// <summary>What stops this submission from being submitted, in the order of the prompts. Empty means complete.</summary>
    public IReadOnlyList<string> MissingBeforeSubmitting(CredentialContent content)
    {
        var problems = new List<string>();
        foreach (var prompt in content.Prompts)
        {
            var mine = items.Where(i => i.PromptId == prompt.Id).ToList();
            switch (prompt.Kind)
            {
                case EvidenceKind.Reflection:
                    var words = WordCount(mine.FirstOrDefault()?.Text);
                    if (words == 0) { if (prompt.Required) problems.Add($"Write your reflection for \"{prompt.Title}\"."); }
                    else if (prompt.MinWords is { } min && words < min) problems.Add($"\"{prompt.Title}\" needs at least {min} words (you have {words}).");
                    else if (prompt.MaxWords is { } max && words > max) problems.Add($"\"{prompt.Title}\" allows at most {max} words (you have {words}).");
                    break;
                case EvidenceKind.Files when prompt.Required && mine.Count == 0:
                    problems.Add($"Upload the file(s) for \"{prompt.Title}\".");
                    break;
                case EvidenceKind.Link when prompt.Required && mine.Count == 0:
                    problems.Add($"Add the link for \"{prompt.Title}\".");
                    break;
            }
        }
        return problems;
    }

    public void Submit(CredentialContent content, DateTimeOffset now)
    {
        EnsureEditable();
        var problems = MissingBeforeSubmitting(content);
        if (problems.Count > 0) throw new SubmissionIncompleteException(problems);
        Status = SubmissionStatus.Submitted;
        SubmittedAt = now;
        UpdatedAt = now;
    }

    /// <summary>Takes a submission back before any assessor has started: it is a draft again, evidence intact.</summary>
    public void Withdraw(DateTimeOffset now)
    {
        if (Status != SubmissionStatus.Submitted)
            throw new DomainException(Status == SubmissionStatus.Draft ? "This submission has not been submitted." : "Review has started, so this submission can no longer be withdrawn.");
        Status = SubmissionStatus.Draft;
        SubmittedAt = null;
        UpdatedAt = now;
    }

    /// <summary>An assessor took it (or was assigned it): the evidence is locked for review.</summary>
    public void StartReview(DateTimeOffset now)
    {
        if (Status == SubmissionStatus.InReview) return;
        if (Status != SubmissionStatus.Submitted) throw new DomainException("Only a submitted piece of work can go into review.");
        Status = SubmissionStatus.InReview;
        ReviewStartedAt ??= now;
        UpdatedAt = now;
    }

    /// <summary>Every assessor released it before scoring: back in the queue, still locked.</summary>
    public void ReturnToQueue(DateTimeOffset now)
    {
        if (Status != SubmissionStatus.InReview) throw new DomainException("Only work in review can go back to the queue.");
        Status = SubmissionStatus.Submitted;
        UpdatedAt = now;
    }

    /// <summary>The final score is in (after double scoring and adjudication, when those apply).</summary>
    public void MarkScored(DateTimeOffset now)
    {
        if (Status != SubmissionStatus.InReview) throw new DomainException("Only work in review can be scored.");
        Status = SubmissionStatus.Scored;
        ScoredAt = now;
        UpdatedAt = now;
    }

    /// <summary>
    /// Awards the work. Against a "Not yet" recommendation (<paramref name="againstRecommendation"/>) the Issuer must
    /// write why: the reason is the decision note, shown on the decision and kept in the audit trail.
    /// </summary>
    public void Award(string? note, DateTimeOffset now, bool againstRecommendation = false)
    {
        if (againstRecommendation && string.IsNullOrWhiteSpace(note))
            throw new DomainException($"{Code}: the rubric recommends \"Not yet\". Write the reason for awarding it anyway in the note.", "Note");
        Decide(SubmissionStatus.Awarded, note, now);
        AwardedAgainstRecommendation = againstRecommendation;
    }

    public void Deny(string? note, DateTimeOffset now) => Decide(SubmissionStatus.NotYet, note, now);

    public void ShareEvidence(bool isPublic, DateTimeOffset now)
    {
        if (Status != SubmissionStatus.Awarded) throw new DomainException("You can make evidence public once the credential is awarded.");
        EvidencePublic = isPublic;
        UpdatedAt = now;
    }

    private void Decide(SubmissionStatus outcome, string? note, DateTimeOffset now)
    {
        if (Status != SubmissionStatus.Scored) throw new DomainException("Only scored work can be awarded or denied.");
        if (note is { Length: > 2000 }) throw new DomainException("Keep the note to 2000 characters.", "Note");
        Status = outcome;
        DecidedAt = now;
        DecisionNote = string.IsNullOrWhiteSpace(note) ? null : note.Trim();
        UpdatedAt = now;
    }

    private void EnsureEditable()
    {
        if (!IsEditable) throw new DomainException("This submission is locked: it has been submitted. Withdraw it first if review has not started.");
    }

    private void EnsureRoom(EvidencePrompt prompt)
    {
        if (items.Count(i => i.PromptId == prompt.Id) >= MaxItemsPerPrompt)
            throw new DomainException($"\"{prompt.Title}\" takes at most {MaxItemsPerPrompt} items.");
    }

    public static int WordCount(string? text) =>
        string.IsNullOrWhiteSpace(text) ? 0 : text.Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries).Length;

    private static string NewCode()
    {
        const string alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZ23456789"; // no 0/O or 1/I
        Span<char> code = stackalloc char[8];
        for (var i = 0; i < code.Length; i++) code[i] = alphabet[RandomNumberGenerator.GetInt32(alphabet.Length)];
        return $"S-{code[..4]}-{code[4..]}";
    }

    private static string Describe(EvidenceKind kind) => kind switch
    {
        EvidenceKind.Files => "files",
        EvidenceKind.Reflection => "a written reflection",
        _ => "a link",
    };

}

/// <summary>The submit check refused: <see cref="Problems"/> lists every missing required item.</summary>
public sealed class SubmissionIncompleteException(IReadOnlyList<string> problems)
    : DomainException($"Your submission is not complete yet: {problems.Count} {(problems.Count == 1 ? "item needs" : "items need")} attention.")
{
    public IReadOnlyList<string> Problems { get; } = problems;
}
