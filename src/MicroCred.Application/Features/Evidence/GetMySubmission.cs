using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Domain.Design;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Evidence;

/// <summary>
/// The earner's own submission, prompt by prompt, with what is still missing, the status timeline and the history
/// of their attempts at the same credential. Anyone else's submission is not found.
/// </summary>
[RequiresRole(DistrictRole.Earner)]
public sealed record GetMySubmission(Guid SubmissionId) : IQuery<MySubmission>;

public sealed record MySubmission(
    Guid Id, Guid CredentialId, string Credential, int VersionNumber, int Attempt, SubmissionStatus Status, bool IsEditable,
    DateTimeOffset UpdatedAt, string? DecisionNote, bool EvidencePublic,
    IReadOnlyList<PromptWork> Prompts, IReadOnlyList<MissingItem> Missing, IReadOnlyList<TimelineStep> Timeline,
    IReadOnlyList<AttemptRow> Attempts, int? AttemptCap, bool CanStartNextAttempt, Guid? NextAttemptId, bool HasFeedback);

/// <summary>One prompt and the earner's evidence for it. <see cref="Number"/> counts from 1, for "Prompt 2 of 4".</summary>
public sealed record PromptWork(EvidencePrompt Prompt, int Number, IReadOnlyList<EvidenceEntry> Items, string? Problem, long? MaxFileBytes)
{
    public string Anchor => $"prompt-{Prompt.Id}";
    public string? ReflectionText => Items.FirstOrDefault(i => i.Kind == EvidenceItemKind.Text)?.Text;
}

public sealed record EvidenceEntry(Guid Id, EvidenceItemKind Kind, string? Text, string? Url, string? Title, Guid? FileId, string? FileName,
    FileKind FileKind, long FileLength, DateTimeOffset UpdatedAt);

public sealed record MissingItem(string Problem, string Anchor);

/// <summary>A step of Submitted → In review → Scored → Awarded / Not yet; <see cref="At"/> is null while it has not happened.</summary>
public sealed record TimelineStep(string Name, DateTimeOffset? At, bool Current);

public sealed record AttemptRow(Guid Id, int Attempt, SubmissionStatus Status, DateTimeOffset CreatedAt, DateTimeOffset? SubmittedAt, DateTimeOffset? DecidedAt);

public sealed class GetMySubmissionHandler(AppDbContext db, ICurrentUser user, ITenantContext tenant) : IQueryHandler<GetMySubmission, MySubmission>
{
    public async ValueTask<MySubmission> Handle(GetMySubmission query, CancellationToken ct)
    {
        var s = await db.Submissions.AsNoTracking().Include(x => x.Items).SingleOrDefaultAsync(x => x.Id == query.SubmissionId && x.EarnerId == user.Id, ct)
            ?? throw new NotFoundException(nameof(Submission), query.SubmissionId);
        var version = await db.SubmissionVersionAsync(s, ct);
        var content = version.Content;
        var fileIds = s.Items.Where(i => i.FileId is not null).Select(i => i.FileId!.Value).ToList();
        var files = await db.StoredFiles.AsNoTracking().Where(f => fileIds.Contains(f.Id) && f.State == StoredFileState.Available)
            .Select(f => new { f.Id, f.FileName, f.Kind, f.Length }).ToDictionaryAsync(f => f.Id, ct);
        var policy = await db.ReadDistrictPolicyAsync(tenant, ct);

        var prompts = content.Prompts.Select((p, n) => new PromptWork(p, n + 1,
            s.Items.Where(i => i.PromptId == p.Id).OrderBy(i => i.CreatedAt).Select(i =>
            {
                var file = i.FileId is { } id && files.TryGetValue(id, out var f) ? f : null;
                return new EvidenceEntry(i.Id, i.Kind, i.Text, i.Url, i.Title, file?.Id, file?.FileName ?? i.Title, file?.Kind ?? FileKind.None, file?.Length ?? 0, i.UpdatedAt);
            }).ToList(),
            s.IsEditable ? s.ProblemWith(content, p) : null, p.MaxFileBytes)).ToList();
        var missing = s.IsEditable ? prompts.Where(p => p.Problem is not null).Select(p => new MissingItem(p.Problem!, p.Anchor)).ToList() : [];

        var attempts = await db.Submissions.AsNoTracking().Where(x => x.EarnerId == s.EarnerId && x.CredentialId == s.CredentialId)
            .OrderBy(x => x.Attempt).Select(x => new AttemptRow(x.Id, x.Attempt, x.Status, x.CreatedAt, x.SubmittedAt, x.DecidedAt)).ToListAsync(ct);
        var next = await db.Submissions.AsNoTracking().Where(x => x.PreviousAttemptId == s.Id).Select(x => (Guid?)x.Id).FirstOrDefaultAsync(ct);
        var canNext = s.Status == SubmissionStatus.NotYet && next is null && (policy.MaxAttempts is not { } cap || s.Attempt < cap);
        var hasFeedback = await db.Reviews.AnyAsync(r => r.SubmissionId == s.Id && r.Status == Domain.Assessment.ReviewStatus.Scored, ct);

        return new MySubmission(s.Id, s.CredentialId, version.Name, version.Number, s.Attempt, s.Status, s.IsEditable, s.UpdatedAt, s.DecisionNote, s.EvidencePublic,
            prompts, missing, Timeline(s), attempts, policy.MaxAttempts, canNext, next, hasFeedback);
    }

    private static IReadOnlyList<TimelineStep> Timeline(Submission s)
    {
        var decision = s.Status == SubmissionStatus.NotYet ? "Not yet" : s.Status == SubmissionStatus.Awarded ? "Awarded" : "Awarded / Not yet";
        return
        [
            new("Started", s.CreatedAt, s.Status == SubmissionStatus.Draft),
            new("Submitted", s.SubmittedAt, s.Status == SubmissionStatus.Submitted),
            new("In review", s.Status is SubmissionStatus.Draft or SubmissionStatus.Submitted ? null : s.ReviewStartedAt, s.Status == SubmissionStatus.InReview),
            new("Scored", s.ScoredAt, s.Status == SubmissionStatus.Scored),
            new(decision, s.DecidedAt, s.Status is SubmissionStatus.Awarded or SubmissionStatus.NotYet),
        ];
    }
}
