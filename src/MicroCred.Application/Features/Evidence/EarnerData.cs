using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Evidence;
using MicroCred.Application.Features.Issuing;
using MicroCred.Domain.Design;
using MicroCred.Domain.Evidence;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Evidence;

/// <summary>Reads the earner's features share: their own submissions, the prompts of a version, what they have earned.</summary>
internal static class EarnerData
{
    /// <summary>What a file of a submission is attached to (see <see cref="EvidenceAttachments"/>).</summary>
    public const string AttachmentType = "SubmissionAnswer";

    /// <summary>The acting earner's submission with its evidence, tracked; anyone else's work does not exist for them.</summary>
    public static async Task<Submission> MySubmissionAsync(this AppDbContext db, Guid submissionId, Guid? me, CancellationToken ct) =>
        await db.Submissions.Include(s => s.Items).SingleOrDefaultAsync(s => s.Id == submissionId && s.EarnerId == me, ct)
        ?? throw new NotFoundException(nameof(Submission), submissionId);

    public static async Task<CredentialVersion> SubmissionVersionAsync(this AppDbContext db, Submission submission, CancellationToken ct) =>
        await db.CredentialVersions.AsNoTracking().SingleAsync(v => v.Id == submission.CredentialVersionId, ct);

    public static EvidencePrompt Prompt(this CredentialVersion version, Guid promptId) =>
        version.Content.Prompts.FirstOrDefault(p => p.Id == promptId) ?? throw new NotFoundException("Evidence prompt", promptId);

    /// <summary>
    /// The micro-credentials this earner holds a valid badge for in the district, however it was issued: a revoked or
    /// expired badge no longer counts (see <see cref="ValidBadges"/>).
    /// </summary>
    public static Task<HashSet<Guid>> EarnedAsync(this AppDbContext db, Guid me, DateTimeOffset now, CancellationToken ct) =>
        db.HeldCredentialsAsync(me, now, ct);

    /// <summary>The earner's plan line for a credential, added when missing.</summary>
    public static async Task<PlanEntry> PlanEntryAsync(this AppDbContext db, Guid tenantId, Guid me, Guid credentialId, DateTimeOffset now, CancellationToken ct)
    {
        var entry = await db.PlanEntries.SingleOrDefaultAsync(p => p.EarnerId == me && p.CredentialId == credentialId, ct);
        if (entry is null)
        {
            entry = PlanEntry.Add(tenantId, me, credentialId, now);
            db.PlanEntries.Add(entry);
        }
        return entry;
    }

    /// <summary>What is still missing for one prompt, or null when that prompt is done.</summary>
    public static string? ProblemWith(this Submission submission, CredentialContent content, EvidencePrompt prompt) =>
        submission.MissingBeforeSubmitting(content with { Prompts = [prompt] }).FirstOrDefault();

    /// <summary>Has the prompt an answer (whether or not it is required)?</summary>
    public static bool IsAnswered(this Submission submission, EvidencePrompt prompt) =>
        submission.Items.Any(i => i.PromptId == prompt.Id && (i.Kind != EvidenceItemKind.Text || Submission.WordCount(i.Text) > 0));

    public static (int Done, int Required) Progress(this Submission submission, CredentialContent content)
    {
        var required = content.Prompts.Where(p => p.Required).ToList();
        return (required.Count(p => submission.IsAnswered(p) && submission.ProblemWith(content, p) is null), required.Count);
    }
}
