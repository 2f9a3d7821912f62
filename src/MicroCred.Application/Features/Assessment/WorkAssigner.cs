using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Email;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Domain.Assessment;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;
using Microsoft.Extensions.Options;

namespace MicroCred.Application.Features.Assessment;

/// <summary>
/// Keeps the district's queue moving. In automatic mode it gives every piece of waiting work (new submissions,
/// released work, the second score of a double-scored submission, adjudication) to the least-loaded eligible
/// assessor (<see cref="AssessorPool.LeastLoaded"/>); in claim mode assessors take work themselves. It also
/// takes open work away from anyone no longer eligible for it (a conflict declared since, a change of school, a
/// revoked qualification). Called after the commands that change the queue, and every minute by
/// <see cref="AutoAssignmentJob"/> (which picks up newly submitted work).
/// </summary>
public sealed class WorkAssigner(AppDbContext db, ITenantContext tenant, TimeProvider clock, AssessmentEmails emails)
{
    private const int BatchSize = 200;

    /// <summary>
    /// Automatic mode: assigns waiting work. Both modes: work selected for double scoring that no second independent
    /// assessor can take goes on with one score (<see cref="Review.ProceedWithoutSecondScore"/>). Saves. Returns how
    /// many assignments were made.
    /// </summary>
    public async Task<int> AssignWaitingWorkAsync(CancellationToken ct)
    {
        var policy = await db.ReadDistrictPolicyAsync(tenant, ct);
        var automatic = policy.Assignment == AssignmentMode.Automatic;
        var now = clock.GetUtcNow();

        var reviews = await db.Reviews.Include(r => r.Assignments)
            .Where(r => r.Status != ReviewStatus.Scored
                && db.Submissions.Any(s => s.Id == r.SubmissionId && (s.Status == SubmissionStatus.Submitted || s.Status == SubmissionStatus.InReview)))
            .OrderBy(r => r.OpenedAt).Take(BatchSize).ToListAsync(ct);
        reviews = reviews.Where(r => r.OpenRoles.Count > 0).ToList();

        var fresh = !automatic ? [] : await db.Submissions
            .Where(s => s.Status == SubmissionStatus.Submitted && !db.Reviews.Any(r => r.SubmissionId == s.Id))
            .OrderBy(s => s.SubmittedAt).Take(BatchSize).ToListAsync(ct);
        if (reviews.Count == 0 && fresh.Count == 0) return 0;
        var pool = await db.AssessorPoolAsync(policy, ct, clock);
        var loads = await db.AssessorLoadsAsync(ct);

        var sequences = await db.Reviews.GroupBy(r => r.CredentialId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(g => g.Key, g => g.Count, ct);
        foreach (var submission in fresh)
        {
            var sequence = sequences[submission.CredentialId] = sequences.GetValueOrDefault(submission.CredentialId) + 1;
            var review = Review.Open(submission, sequence, policy, now);
            db.Reviews.Add(review);
            reviews.Add(review);
        }

        var submissionIds = reviews.Select(r => r.SubmissionId).ToList();
        var submissions = await db.Submissions.Where(s => submissionIds.Contains(s.Id)).ToDictionaryAsync(s => s.Id, ct);
        var made = new List<Assignment>();
        foreach (var review in reviews)
        {
            if (automatic)
            {
                foreach (var role in review.OpenRoles.ToList())
                {
                    var exclude = review.Assignments.Where(a => a.IsActive).Select(a => a.AssessorId).Concat(review.FormerAssessors);
                    if (pool.LeastLoaded(review.Subject, exclude, loads) is not { } chosen) break; // waits for someone eligible
                    made.Add(review.Assign(role, chosen, AssignmentSource.Automatic, null, submissions[review.SubmissionId], pool, now));
                    var load = loads.GetValueOrDefault(chosen);
                    loads[chosen] = new AssessorLoad(load.OpenAssignments + 1, now);
                }
            }
            // Automatic assignment never hands work back to someone who gave it up, so they do not count as available.
            review.ProceedWithoutSecondScore(pool, submissions[review.SubmissionId], now, automatic ? review.FormerAssessors : null);
        }
        await emails.AssignedAsync(made, ct);
        await db.SaveReviewAsync(ct);
        return made.Count;
    }

    /// <summary>
    /// Waiting work that nobody may take now, with why: nobody is qualified for its credential, or every qualified
    /// assessor has a conflict of interest or already scores it. Read after <see cref="AssignWaitingWorkAsync"/> to
    /// explain what could not be assigned; the Admin's home lists the same as needing attention.
    /// </summary>
    public async Task<IReadOnlyList<StuckWork>> StuckWorkAsync(CancellationToken ct)
    {
        var policy = await db.ReadDistrictPolicyAsync(tenant, ct);
        var pool = await db.AssessorPoolAsync(policy, ct, clock);
        var credentials = await db.CredentialNamesAsync(ct);
        var waiting = await db.Submissions.AsNoTracking()
            .Where(s => s.Status == SubmissionStatus.Submitted || s.Status == SubmissionStatus.InReview)
            .Select(s => new { s.Id, s.Code, s.EarnerId, s.CredentialId, s.SubmittedAt }).ToListAsync(ct);
        var ids = waiting.Select(s => s.Id).ToList();
        var reviews = await db.Reviews.AsNoTracking().Include(r => r.Assignments).Where(r => ids.Contains(r.SubmissionId)).ToDictionaryAsync(r => r.SubmissionId, ct);
        var stuck = new List<StuckWork>();
        foreach (var s in waiting.OrderBy(s => s.SubmittedAt))
        {
            var subject = new ReviewSubject(s.Id, s.EarnerId, s.CredentialId);
            reviews.TryGetValue(s.Id, out var review);
            var needs = review?.OpenRoles ?? [AssignmentRole.Primary];
            if (needs.Count == 0) continue;
            var eligible = pool.Assessors.Any(a => (review is null ? pool.Check(a.UserId, subject) : review.Check(a.UserId, pool)) is null);
            if (eligible) continue;
            var reason = pool.Assessors.Any(a => a.QualifiedFor.Contains(s.CredentialId)) ? StuckReason.Conflicts : StuckReason.NobodyQualified;
            stuck.Add(new StuckWork(s.Id, s.Code, s.CredentialId, credentials.GetValueOrDefault(s.CredentialId, ""), needs[0], reason, s.SubmittedAt!.Value));
        }
        return stuck;
    }

    /// <summary>Ends open work whose assessor may no longer assess it, so it goes back to the queue. Saves.</summary>
    public async Task<int> WithdrawIneligibleWorkAsync(CancellationToken ct)
    {
        var policy = await db.ReadDistrictPolicyAsync(tenant, ct);
        var pool = await db.AssessorPoolAsync(policy, ct, clock);
        var reviews = await db.Reviews.Include(r => r.Assignments)
            .Where(r => r.Assignments.Any(a => a.EndedAt == null && a.CompletedAt == null)).ToListAsync(ct);
        var withdrawn = 0;
        var now = clock.GetUtcNow();
        foreach (var review in reviews)
        {
            foreach (var assignment in review.Assignments.Where(a => a.IsOpen && pool.Check(a.AssessorId, review.Subject) is not null).ToList())
            {
                review.Withdraw(assignment, await db.SubmissionAsync(review.SubmissionId, ct), now);
                withdrawn++;
            }
        }
        if (withdrawn > 0) await db.SaveReviewAsync(ct);
        return withdrawn;
    }

    /// <summary>After a change that may free or block work: withdraw what is no longer allowed, then fill what waits.</summary>
    public async Task RebalanceAsync(CancellationToken ct)
    {
        await WithdrawIneligibleWorkAsync(ct);
        await AssignWaitingWorkAsync(ct);
    }
}

public enum StuckReason { NobodyQualified, Conflicts }

/// <summary>Waiting work that nobody eligible can take (see <see cref="WorkAssigner.StuckWorkAsync"/>).</summary>
public sealed record StuckWork(Guid SubmissionId, string Code, Guid CredentialId, string Credential, AssignmentRole Needs, StuckReason Reason, DateTimeOffset SubmittedAt)
{
    /// <summary>Why, in words, for one credential's stuck work (the same for every page and email that says it).</summary>
    public static string Explain(string credential, StuckReason reason, int count, bool adjudication) =>
        (count == 1 ? "1 submission" : $"{count} submissions") + $" of \"{credential}\" "
        + (adjudication ? (count == 1 ? "needs an adjudicator" : "need an adjudicator") : (count == 1 ? "waits for an assessor" : "wait for an assessor"))
        + ": " + Why(reason, adjudication);

    public static string Why(StuckReason reason, bool adjudication) =>
        reason == StuckReason.NobodyQualified
            ? "no assessor is qualified for this micro-credential. Qualify one."
            : adjudication
                ? "no third qualified assessor is free of a conflict of interest. Qualify another assessor (an Admin who holds the Assessor role may qualify themselves)."
                : "every qualified assessor has a conflict of interest with the earner or already scores the work. Qualify another assessor.";

    /// <summary>One sentence per credential and reason.</summary>
    public static IReadOnlyList<string> Summarise(IEnumerable<StuckWork> stuck) =>
        stuck.GroupBy(w => (w.Credential, w.Reason, Adjudication: w.Needs == AssignmentRole.Adjudicator))
            .OrderBy(g => g.Key.Credential, StringComparer.CurrentCulture)
            .Select(g => Explain(g.Key.Credential, g.Key.Reason, g.Count(), g.Key.Adjudication)).ToList();
}

/// <summary>Emails to people who need to act: an assessor given work, assessors who may adjudicate.</summary>
public sealed class AssessmentEmails(AppDbContext db, EmailOutbox outbox, ILinkBuilder links, ITenantContext tenant)
{
    /// <summary>Tells each assessor about work the system or an Admin gave them (not about work they claimed themselves).</summary>
    public async Task AssignedAsync(IReadOnlyCollection<Assignment> made, CancellationToken ct)
    {
        var given = made.Where(a => a.Source != AssignmentSource.Claimed).ToList();
        if (given.Count == 0) return;
        var people = await db.Users.AsNoTracking().Where(u => given.Select(a => a.AssessorId).Contains(u.Id)).ToDictionaryAsync(u => u.Id, ct);
        var credentials = await db.CredentialNamesAsync(ct);
        var codes = await CodesAsync(given.Select(a => a.SubmissionId), ct);
        foreach (var a in given)
        {
            if (!people.TryGetValue(a.AssessorId, out var person) || person.Email is null) continue;
            var adjudicate = a.Role == AssignmentRole.Adjudicator;
            outbox.Queue(person.Email,
                adjudicate ? $"Please adjudicate {codes[a.SubmissionId]}" : $"New work to assess: {codes[a.SubmissionId]}",
                [
                    $"Hello {person.DisplayName},",
                    adjudicate
                        ? $"Two independent scores of submission {codes[a.SubmissionId]} for \"{credentials.GetValueOrDefault(a.CredentialId)}\" recommend different outcomes. Your score will decide."
                        : $"Submission {codes[a.SubmissionId]} for \"{credentials.GetValueOrDefault(a.CredentialId)}\" is assigned to you.",
                    $"It is due by {a.DueAt:dddd d MMMM yyyy}.",
                ],
                "Open your assessment queue", links.Absolute($"/{tenant.Slug}/assessment"));
        }
    }

    /// <summary>In claim mode: tells the assessors who could adjudicate that a submission needs them.</summary>
    public async Task AdjudicationNeededAsync(Review review, IReadOnlyCollection<Guid> eligible, CancellationToken ct)
    {
        if (eligible.Count == 0) return;
        var people = await db.Users.AsNoTracking().Where(u => eligible.Contains(u.Id)).ToListAsync(ct);
        var credential = (await db.CredentialNamesAsync(ct)).GetValueOrDefault(review.CredentialId);
        var code = (await CodesAsync([review.SubmissionId], ct))[review.SubmissionId];
        foreach (var person in people.Where(p => p.Email is not null))
            outbox.Queue(person.Email!, $"A submission needs an adjudicator: {code}",
                [$"Hello {person.DisplayName},", $"Two independent scores of submission {code} for \"{credential}\" recommend different outcomes. You can claim it to adjudicate from your assessment queue."],
                "Open your assessment queue", links.Absolute($"/{tenant.Slug}/assessment"));
    }

    /// <summary>
    /// Adjudication nobody eligible can do goes to the district's Admins: they qualify a third assessor (or
    /// themselves, when they hold the Assessor role) and the work moves on.
    /// </summary>
    public async Task AdjudicationBlockedAsync(Review review, CancellationToken ct)
    {
        var credential = (await db.CredentialNamesAsync(ct)).GetValueOrDefault(review.CredentialId, "");
        var code = (await CodesAsync([review.SubmissionId], ct))[review.SubmissionId];
        foreach (var (email, name) in await db.AdminContactsAsync(ct))
            outbox.Queue(email, $"Adjudication blocked: {code}",
                [$"Hello {name},", $"Two independent scores of submission {code} for \"{credential}\" recommend different outcomes, and no third qualified assessor without a conflict of interest can adjudicate.",
                    "The submission waits until you qualify another assessor for this micro-credential (you may qualify yourself if you hold the Assessor role)."],
                "Qualify an assessor", links.Absolute($"/{tenant.Slug}/assessment/admin/qualifications?credential={review.CredentialId}"));
    }

    private async Task<Dictionary<Guid, string>> CodesAsync(IEnumerable<Guid> submissionIds, CancellationToken ct)
    {
        var ids = submissionIds.Distinct().ToList();
        return await db.Submissions.AsNoTracking().Where(s => ids.Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.Code, ct);
    }
}

public sealed class AssessmentOptions
{
    /// <summary>How often the automatic assignment runs over every district; 0 turns the job off (tests drive it themselves).</summary>
    public int AutoAssignSeconds { get; set; } = 60;

    /// <summary>How often the Admins' daily email about work needing attention is considered (it goes at most once a day); 0 turns it off.</summary>
    public int AttentionDigestMinutes { get; set; } = 60;
}

/// <summary>
/// Runs <see cref="WorkAssigner"/> for every district on a timer, so newly submitted work finds an assessor and work
/// held by someone who lost the Assessor role goes back to the queue. With several instances, a district's queue is worked
/// by one of them at a time (an advisory lock per district; the others skip it until their next tick).
/// </summary>
public sealed class AutoAssignmentJob(IServiceScopeFactory scopes, DatabaseLocks locks, IOptions<AssessmentOptions> options, ILogger<AutoAssignmentJob> logger)
    : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        if (options.Value.AutoAssignSeconds <= 0) return;
        using var timer = new PeriodicTimer(TimeSpan.FromSeconds(options.Value.AutoAssignSeconds));
        while (await timer.WaitForNextTickAsync(stoppingToken))
        {
            try
            {
                await RunOnceAsync(stoppingToken);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Automatic assignment failed; retrying on the next tick");
            }
        }
    }

    public async Task RunOnceAsync(CancellationToken ct)
    {
        List<(Guid Id, string Slug)> districts;
        await using (var scope = scopes.CreateAsyncScope())
            districts = (await scope.ServiceProvider.GetRequiredService<AppDbContext>().Districts.AsNoTracking()
                .Select(d => new { d.Id, d.Slug }).ToListAsync(ct)).Select(d => (d.Id, d.Slug)).ToList();
        foreach (var (id, slug) in districts)
        {
            await using var running = await locks.TryAcquireAsync(DatabaseLocks.Key("assign-waiting-work", id), ct);
            if (running is null) continue; // another instance is assigning this district's work now
            await using var scope = scopes.CreateAsyncScope();
            scope.ServiceProvider.GetRequiredService<TenantContext>().Set(id, slug);
            using var _ = scope.ServiceProvider.GetRequiredService<AuditScope>().Begin("AssignWaitingWork", null);
            // Also takes work back from anyone no longer eligible by a change made elsewhere (e.g. an Admin removed their Assessor role).
            var assigner = scope.ServiceProvider.GetRequiredService<WorkAssigner>();
            var withdrawn = await assigner.WithdrawIneligibleWorkAsync(ct);
            var made = await assigner.AssignWaitingWorkAsync(ct);
            if (made + withdrawn > 0) logger.LogInformation("Assessment queue of {District}: {Withdrawn} withdrawn, {Made} assigned", slug, withdrawn, made);
        }
    }
}
