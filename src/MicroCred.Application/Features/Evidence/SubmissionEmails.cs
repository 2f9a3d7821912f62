using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Email;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Issuing;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MicroCred.Application.Features.Evidence;

/// <summary>
/// Tells the earner about every step of their submission they should know about (submitted, withdrawn, in review,
/// scored, awarded, not yet), whichever command made the step: the email is queued in the same save, so it is
/// sent exactly when the change is committed. The demo seed's history sends nothing.
/// </summary>
public sealed class SubmissionEmails(ILinkBuilder links, ITenantContext tenant, Seeding.DemoSeeding seeding, TimeProvider clock) : SaveChangesInterceptor
{
    public override async ValueTask<InterceptionResult<int>> SavingChangesAsync(DbContextEventData eventData, InterceptionResult<int> result, CancellationToken ct = default)
    {
        if (eventData.Context is AppDbContext db) await QueueAsync(db, ct);
        return result;
    }

    public override InterceptionResult<int> SavingChanges(DbContextEventData eventData, InterceptionResult<int> result)
    {
        if (eventData.Context is AppDbContext db) QueueAsync(db, CancellationToken.None).GetAwaiter().GetResult();
        return result;
    }

    private async Task QueueAsync(AppDbContext db, CancellationToken ct)
    {
        if (seeding.IsRunning || tenant.Slug is null) return;
        var changed = db.ChangeTracker.Entries<Submission>()
            .Where(e => e.State == EntityState.Modified && e.Property(s => s.Status).IsModified
                && !Equals(e.Property(s => s.Status).OriginalValue, e.Property(s => s.Status).CurrentValue))
            .Select(e => (Submission: e.Entity, From: e.Property(s => s.Status).OriginalValue))
            .ToList();
        if (changed.Count == 0) return;
        var earnerIds = changed.Select(c => c.Submission.EarnerId).Distinct().ToList();
        var people = await db.Users.AsNoTracking().Where(u => earnerIds.Contains(u.Id)).ToDictionaryAsync(u => u.Id, u => new { u.Email, u.DisplayName }, ct);
        var versionIds = changed.Select(c => c.Submission.CredentialVersionId).Distinct().ToList();
        var names = await db.CredentialVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.Name, ct);
        var outbox = new EmailOutbox(db, clock);
        foreach (var (s, from) in changed)
        {
            if (!people.TryGetValue(s.EarnerId, out var person) || person.Email is null) continue;
            var credential = names.GetValueOrDefault(s.CredentialVersionId, "your micro-credential");
            var page = links.Absolute($"/{tenant.Slug}/evidence/submissions/{s.Id}");
            var feedback = links.Absolute($"/{tenant.Slug}/evidence/submissions/{s.Id}/feedback");
            var hello = $"Hello {person.DisplayName},";
            switch (s.Status)
            {
                case SubmissionStatus.Submitted when from == SubmissionStatus.Draft:
                    outbox.Queue(person.Email, $"Submitted: {credential}",
                        [hello, $"We received your evidence for \"{credential}\" (attempt {s.Attempt}). It is now locked and waits for an assessor.",
                         "Until an assessor starts, you can still withdraw it to make changes."],
                        "See your submission", page);
                    break;
                case SubmissionStatus.Draft when from == SubmissionStatus.Submitted:
                    outbox.Queue(person.Email, $"Withdrawn: {credential}",
                        [hello, $"You withdrew your submission for \"{credential}\". It is a draft again, with all your evidence: submit it again when you are ready."],
                        "Continue your draft", page);
                    break;
                case SubmissionStatus.InReview when from == SubmissionStatus.Submitted:
                    outbox.Queue(person.Email, $"In review: {credential}",
                        [hello, $"An assessor has started reviewing your evidence for \"{credential}\"."],
                        "See your submission", page);
                    break;
                case SubmissionStatus.Scored:
                    outbox.Queue(person.Email, $"Scored: {credential}",
                        [hello, $"Your evidence for \"{credential}\" has been scored against the rubric. Your feedback is ready; the district will now decide."],
                        "Read your feedback", feedback);
                    break;
                case SubmissionStatus.Awarded:
                    // The badge is issued in the same save as the award (Issuing.SubmissionDecider).
                    var badge = db.ChangeTracker.Entries<Assertion>().Select(e => e.Entity).FirstOrDefault(a => a.SubmissionId == s.Id) is { } a
                        ? links.Absolute($"/public/assertions/{a.Id}") : null;
                    outbox.Queue(person.Email, $"Awarded: {credential}",
                        [hello, $"Congratulations: {credential} has been awarded to you.", .. Note(s),
                         .. badge is null ? Array.Empty<string>() : [$"Your Open Badge: {badge}"],
                         $"Your feedback, criterion by criterion, stays available to you: {feedback}",
                         "Your evidence stays private unless you choose to make it public from your submission page."],
                        badge is null ? "See your credential" : "Open your badge", badge ?? page);
                    break;
                case SubmissionStatus.NotYet:
                    outbox.Queue(person.Email, $"Not yet: {credential}",
                        [hello, $"The district's decision on \"{credential}\" is not yet. Read the assessor's feedback on each criterion: it says what to strengthen.",
                         .. Note(s), "You can start your next attempt from the evidence you already have."],
                        "Read your feedback", feedback);
                    break;
            }
        }
    }

    private static string[] Note(Submission submission) =>
        submission.DecisionNote is { } note ? [$"A note from the district: {note}"] : [];
}
