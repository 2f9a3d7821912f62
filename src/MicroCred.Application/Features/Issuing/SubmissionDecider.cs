using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Email;
using MicroCred.Domain.Assessment;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Issuing;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Issuing;

/// <summary>
/// What awarding or denying a submission does besides changing its status: awarding issues its Open Badge and the
/// badges of the stacks it completes. The earner's emails about the decision come from SubmissionEmails, which
/// writes one for every status change in the same save; the caller saves.
/// </summary>
public sealed class SubmissionDecider(AppDbContext db, EmailOutbox outbox, TimeProvider clock, BadgeIssuing issuing, BadgeLinks badges)
{
    /// <summary>
    /// Awards the submission, issues its Open Badge, and the badge of every stack the award completes. Awarding work
    /// whose final score recommends "Not yet" needs the note as its written reason (the domain refuses it otherwise).
    /// </summary>
    public async Task AwardAsync(Submission submission, string? note, CancellationToken ct)
    {
        var recommendation = await db.Reviews.AsNoTracking().Where(r => r.SubmissionId == submission.Id && r.Status == ReviewStatus.Scored)
            .OrderByDescending(r => r.ScoredAt).Select(r => r.Recommendation).FirstOrDefaultAsync(ct);
        submission.Award(note, clock.GetUtcNow(), againstRecommendation: recommendation == Recommendation.NotYet);
        await issuing.IssueAsync(BadgeAward.ForSubmission(submission), ct);
        var stacks = await AwardCompletedStacksAsync(submission.EarnerId, ct);
        if (stacks.Count == 0) return;
        var (name, email, credential) = await PartiesAsync(submission, ct);
        if (email is null) return;
        foreach (var (stack, stackAssertion) in stacks)
            outbox.Queue(email, $"You completed the stack \"{stack}\"",
                [$"Hello {name},", $"With \"{credential}\" you now hold every micro-credential of the stack \"{stack}\", so its own badge is yours too."],
                "Open the stack's badge", badges.Assertion(stackAssertion));
    }

    /// <summary>
    /// Principle P: a stack's badge follows by itself once its earner holds a valid badge for every credential in it.
    /// Counts badges issued earlier in this same command (a bulk decision) as well as saved ones, and never issues a
    /// stack badge to someone who holds a valid one.
    /// </summary>
    private async Task<List<(string Stack, Guid AssertionId)>> AwardCompletedStacksAsync(Guid earnerId, CancellationToken ct)
    {
        // Valid badges, however issued (a revoked or expired one does not complete a stack), and those issued in this command.
        var earned = (await db.HeldCredentialsAsync(earnerId, clock.GetUtcNow(), ct))
            .Concat(db.ChangeTracker.Entries<Assertion>().Where(e => e.State == EntityState.Added && e.Entity.RecipientId == earnerId && e.Entity.CredentialId != null)
                .Select(e => e.Entity.CredentialId!.Value)).ToHashSet();
        var held = (await db.Assertions.AsNoTracking().ValidAt(clock.GetUtcNow()).Where(a => a.RecipientId == earnerId && a.StackId != null).Select(a => a.StackId!.Value).ToListAsync(ct))
            .Concat(db.ChangeTracker.Entries<Assertion>().Where(e => e.State == EntityState.Added && e.Entity.RecipientId == earnerId && e.Entity.StackId != null).Select(e => e.Entity.StackId!.Value))
            .ToHashSet();
        var completed = (await db.Stacks.AsNoTracking().Where(s => s.PublishedAt != null).ToListAsync(ct))
            .Where(s => !held.Contains(s.Id) && s.CredentialIds.Count > 0 && s.IsCompletedBy(earned)).ToList();
        var issued = new List<(string, Guid)>();
        foreach (var stack in completed)
            issued.Add((stack.Name, await issuing.IssueAsync(BadgeAward.ForStack(earnerId, stack.Id), ct)));
        return issued;
    }

    public void Deny(Submission submission, string? note) => submission.Deny(note, clock.GetUtcNow());

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

    private async Task<(string Name, string? Email, string Credential)> PartiesAsync(Submission submission, CancellationToken ct)
    {
        var earner = await db.Users.AsNoTracking().Where(u => u.Id == submission.EarnerId).Select(u => new { u.DisplayName, u.Email }).SingleAsync(ct);
        var credential = await db.CredentialVersions.AsNoTracking().Where(v => v.Id == submission.CredentialVersionId).Select(v => v.Name).SingleAsync(ct);
        return (earner.DisplayName, earner.Email, credential);
    }
}
