using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Email;
using MicroCred.Domain.Assessment;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Issuing;

/// <summary>
/// What awarding or denying a submission does besides changing its status: the earner is told by email with a link
/// to the criterion-level feedback. Used by the Issuer's decisions and by auto-award; the caller saves.
/// </summary>
public sealed class SubmissionDecider(AppDbContext db, EmailOutbox outbox, ILinkBuilder links, ITenantContext tenant, TimeProvider clock)
{
    public async Task AwardAsync(Submission submission, string? note, CancellationToken ct)
    {
        submission.Award(note, clock.GetUtcNow());
        var (name, email, credential) = await PartiesAsync(submission, ct);
        if (email is null) return;
        outbox.Queue(email, $"You earned \"{credential}\"",
            [$"Hello {name},", $"Congratulations: your evidence for \"{credential}\" met the rubric and the district has awarded you the micro-credential.",
                .. Note(submission), "Your feedback, criterion by criterion, stays available to you."],
            "See your feedback", FeedbackLink(submission));
    }

    public async Task DenyAsync(Submission submission, string? note, CancellationToken ct)
    {
        submission.Deny(note, clock.GetUtcNow());
        var (name, email, credential) = await PartiesAsync(submission, ct);
        if (email is null) return;
        outbox.Queue(email, $"Not yet: \"{credential}\"",
            [$"Hello {name},", $"Your evidence for \"{credential}\" does not meet the rubric yet.", .. Note(submission),
                "The feedback shows each criterion's level and what the assessor suggests. You can start a new attempt from your previous evidence."],
            "See your feedback", FeedbackLink(submission));
    }

    /// <summary>
    /// The district's auto-award: scored work whose final recommendation is Award (for double-scored work the final
    /// score exists only once both assessors agree or the adjudicator has decided) is awarded at once.
    /// </summary>
    public async Task<bool> AutoAwardAsync(Review review, Submission submission, DistrictPolicy policy, CancellationToken ct)
    {
        if (!policy.AutoAward || review.Status != ReviewStatus.Scored || review.Recommendation != Recommendation.Award || submission.Status != SubmissionStatus.Scored)
            return false;
        await AwardAsync(submission, "Awarded automatically: the rubric's recommendation was Award.", ct);
        return true;
    }

    private static IEnumerable<string> Note(Submission submission) =>
        submission.DecisionNote is { } note ? [$"A note from the district: {note}"] : [];

    private string FeedbackLink(Submission submission) => links.Absolute($"/{tenant.Slug}/evidence/submissions/{submission.Id}/feedback");

    private async Task<(string Name, string? Email, string Credential)> PartiesAsync(Submission submission, CancellationToken ct)
    {
        var earner = await db.Users.AsNoTracking().Where(u => u.Id == submission.EarnerId).Select(u => new { u.DisplayName, u.Email }).SingleAsync(ct);
        var credential = await db.CredentialVersions.AsNoTracking().Where(v => v.Id == submission.CredentialVersionId).Select(v => v.Name).SingleAsync(ct);
        return (earner.DisplayName, earner.Email, credential);
    }
}
