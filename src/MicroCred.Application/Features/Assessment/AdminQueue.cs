using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Domain.Assessment;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Assessment;

/// <summary>
/// The Admin's view of queue health: what waits for an assessor, what is in review, what is overdue, how long
/// scoring takes (median, submitted → scored, last 90 days), with who may take each piece of work.
/// </summary>
[RequiresRole(DistrictRole.Admin)]
public sealed record GetQueueHealth : IQuery<QueueHealth>;

public sealed record QueueHealth(AssignmentMode Mode, int TurnaroundBusinessDays, int Waiting, int InReview, int AwaitingAdjudication, int Overdue,
    TimeSpan? MedianTurnaround, int ScoredLast90Days, IReadOnlyList<QueueItem> Items);

public sealed record QueueItem(Guid SubmissionId, string Code, string Credential, string EarnerName, DateTimeOffset SubmittedAt, DateTimeOffset DueAt, bool Overdue,
    string Stage, bool DoubleScored, IReadOnlyList<AssignmentRole> Needs, IReadOnlyList<PersonOption> Eligible, IReadOnlyList<HolderRow> Holders, string? Blocked = null);

public sealed record HolderRow(Guid AssignmentId, string Assessor, AssignmentRole Role, DateTimeOffset AssignedAt, DateTimeOffset DueAt, bool Overdue, bool Completed,
    IReadOnlyList<PersonOption> ReassignTo);

public sealed record PersonOption(Guid Id, string Name);

public sealed class GetQueueHealthHandler(AppDbContext db, ITenantContext tenant, TimeProvider clock, WorkAssigner assigner) : IQueryHandler<GetQueueHealth, QueueHealth>
{
    public async ValueTask<QueueHealth> Handle(GetQueueHealth query, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var policy = await db.ReadDistrictPolicyAsync(tenant, ct);
        var pool = await db.AssessorPoolAsync(policy, ct);
        var credentials = await db.CredentialNamesAsync(ct);

        var waitingSubmissions = await db.Submissions.AsNoTracking()
            .Where(s => s.Status == SubmissionStatus.Submitted || s.Status == SubmissionStatus.InReview).ToListAsync(ct);
        var ids = waitingSubmissions.Select(s => s.Id).ToList();
        var reviews = await db.Reviews.AsNoTracking().Include(r => r.Assignments).Where(r => ids.Contains(r.SubmissionId)).ToDictionaryAsync(r => r.SubmissionId, ct);
        var names = await db.NamesAsync(waitingSubmissions.Select(s => s.EarnerId)
            .Concat(reviews.Values.SelectMany(r => r.Assignments).Select(a => a.AssessorId)).Concat(pool.Assessors.Select(a => a.UserId)), ct);
        List<PersonOption> People(IEnumerable<Guid> ids) => ids.Select(id => new PersonOption(id, names.GetValueOrDefault(id, ""))).OrderBy(p => p.Name).ToList();

        var stuck = (await assigner.StuckWorkAsync(ct)).ToDictionary(w => w.SubmissionId, w => "Blocked: " + StuckWork.Why(w.Reason, w.Needs == AssignmentRole.Adjudicator));
        var items = new List<QueueItem>();
        foreach (var s in waitingSubmissions.OrderBy(s => s.SubmittedAt))
        {
            var credential = credentials.GetValueOrDefault(s.CredentialId, "");
            if (!reviews.TryGetValue(s.Id, out var review))
            {
                var subject = new ReviewSubject(s.Id, s.EarnerId, s.CredentialId);
                var due = policy.DueDate(s.SubmittedAt!.Value);
                items.Add(new QueueItem(s.Id, s.Code, credential, names.GetValueOrDefault(s.EarnerId, ""), s.SubmittedAt.Value, due, now > due, "Waiting", false,
                    [AssignmentRole.Primary], People(pool.Eligible(subject)), [], stuck.GetValueOrDefault(s.Id)));
                continue;
            }
            var needs = review.OpenRoles;
            var eligible = needs.Count == 0 ? [] : People(pool.Assessors.Select(a => a.UserId).Where(id => review.Check(id, pool) is null));
            var holders = review.Assignments.Where(a => a.IsActive).OrderBy(a => a.Role).Select(a => new HolderRow(a.Id, names.GetValueOrDefault(a.AssessorId, ""), a.Role,
                    a.AssignedAt, a.DueAt, a.IsOverdue(now), a.IsCompleted,
                    a.IsOpen ? People(pool.Assessors.Select(x => x.UserId).Where(id => id != a.AssessorId && review.Check(id, pool) is null)) : []))
                .ToList();
            var dueAt = review.Status == ReviewStatus.AwaitingAdjudication ? review.DueFor(AssignmentRole.Adjudicator) : review.DueAt;
            var stage = review.Status == ReviewStatus.AwaitingAdjudication ? "Adjudication" : holders.Any(h => !h.Completed) ? "In review" : "Waiting";
            items.Add(new QueueItem(s.Id, s.Code, credential, names.GetValueOrDefault(s.EarnerId, ""), s.SubmittedAt!.Value, dueAt, now > dueAt, stage,
                review.DoubleScored, needs, eligible, holders, stuck.GetValueOrDefault(s.Id)));
        }

        var since = now.AddDays(-90);
        var turnarounds = await db.Reviews.AsNoTracking().Where(r => r.Status == ReviewStatus.Scored && r.ScoredAt >= since)
            .Join(db.Submissions, r => r.SubmissionId, s => s.Id, (r, s) => new { r.ScoredAt, s.SubmittedAt }).ToListAsync(ct);
        var median = Reliability.Median(turnarounds.Where(t => t.SubmittedAt is not null).Select(t => t.ScoredAt!.Value - t.SubmittedAt!.Value));

        return new QueueHealth(policy.Assignment, policy.TurnaroundBusinessDays,
            Waiting: items.Count(i => i.Needs.Count > 0),
            InReview: items.Count(i => i.Holders.Any(h => !h.Completed)),
            AwaitingAdjudication: items.Count(i => i.Stage == "Adjudication"),
            Overdue: items.Count(i => i.Overdue),
            median, turnarounds.Count, items);
    }
}

/// <summary>An Admin gives waiting work to an assessor of their choice (the same rules apply).</summary>
[RequiresRole(DistrictRole.Admin)]
public sealed record AssignWork(Guid SubmissionId, Guid AssessorId) : ICommand;

public sealed class AssignWorkHandler(AppDbContext db, ITenantContext tenant, ICurrentUser user, TimeProvider clock, AssessmentEmails emails) : ICommandHandler<AssignWork>
{
    public async ValueTask<Unit> Handle(AssignWork command, CancellationToken ct)
    {
        var now = clock.GetUtcNow();
        var policy = await db.ReadDistrictPolicyAsync(tenant, ct);
        var submission = await db.SubmissionAsync(command.SubmissionId, ct);
        var review = await db.ReviewOfAsync(submission.Id, ct) ?? await db.OpenReviewAsync(submission, policy, now, ct);
        if (review.OpenRoles.Count == 0) throw new Domain.Common.DomainException("Nobody else is needed on this submission.");
        var assignment = review.Assign(review.OpenRoles[0], command.AssessorId, AssignmentSource.Admin, user.Id, submission, await db.AssessorPoolAsync(policy, ct), now);
        await emails.AssignedAsync([assignment], ct);
        await db.SaveReviewAsync(ct);
        return Unit.Value;
    }
}

/// <summary>An Admin moves open work (typically overdue) to another assessor; it keeps its due date.</summary>
[RequiresRole(DistrictRole.Admin)]
public sealed record ReassignWork(Guid AssignmentId, Guid AssessorId) : ICommand;

public sealed class ReassignWorkHandler(AppDbContext db, ITenantContext tenant, ICurrentUser user, TimeProvider clock, AssessmentEmails emails) : ICommandHandler<ReassignWork>
{
    public async ValueTask<Unit> Handle(ReassignWork command, CancellationToken ct)
    {
        var review = await db.Reviews.Include(r => r.Assignments).SingleOrDefaultAsync(r => r.Assignments.Any(a => a.Id == command.AssignmentId), ct)
            ?? throw new NotFoundException(nameof(Assignment), command.AssignmentId);
        var current = review.Assignments.Single(a => a.Id == command.AssignmentId);
        var policy = await db.ReadDistrictPolicyAsync(tenant, ct);
        var submission = await db.SubmissionAsync(review.SubmissionId, ct);
        var next = review.Reassign(current, command.AssessorId, user.Id!.Value, submission, await db.AssessorPoolAsync(policy, ct), clock.GetUtcNow());
        await emails.AssignedAsync([next], ct);
        await db.SaveReviewAsync(ct);
        return Unit.Value;
    }
}

/// <summary>
/// Automatic mode: runs the assignment now instead of waiting for the next minute, and says why any waiting work
/// could not be assigned (one sentence per credential and reason).
/// </summary>
[RequiresRole(DistrictRole.Admin)]
public sealed record AssignWaitingWorkNow : ICommand<AssignmentRun>;

public sealed record AssignmentRun(int Made, IReadOnlyList<string> NotAssigned);

public sealed class AssignWaitingWorkNowHandler(WorkAssigner assigner) : ICommandHandler<AssignWaitingWorkNow, AssignmentRun>
{
    public async ValueTask<AssignmentRun> Handle(AssignWaitingWorkNow command, CancellationToken ct)
    {
        var made = await assigner.AssignWaitingWorkAsync(ct);
        return new AssignmentRun(made, StuckWork.Summarise(await assigner.StuckWorkAsync(ct)));
    }
}

/// <summary>Everything about the review of one submission, for Admins: who scored what, adjudication, the final score.</summary>
[RequiresRole(DistrictRole.Admin)]
public sealed record GetReviewDetail(Guid SubmissionId) : IQuery<ReviewDetail>;

public sealed record ReviewDetail(Guid SubmissionId, string Code, string Credential, string EarnerName, SubmissionStatus Status, DateTimeOffset? SubmittedAt,
    ReviewStatus? ReviewStatus, bool DoubleScored, DateTimeOffset? DueAt, IReadOnlyList<AssignmentDetail> Assignments, FinalScore? Final);

public sealed record AssignmentDetail(Guid Id, string Assessor, AssignmentRole Role, AssignmentSource Source, DateTimeOffset AssignedAt, DateTimeOffset DueAt,
    DateTimeOffset? EndedAt, AssignmentEnd? EndReason, DateTimeOffset? CompletedAt, FinalScore? Score);

public sealed class GetReviewDetailHandler(AppDbContext db) : IQueryHandler<GetReviewDetail, ReviewDetail>
{
    public async ValueTask<ReviewDetail> Handle(GetReviewDetail query, CancellationToken ct)
    {
        var submission = await db.Submissions.AsNoTracking().SingleOrDefaultAsync(s => s.Id == query.SubmissionId, ct)
            ?? throw new NotFoundException(nameof(Submission), query.SubmissionId);
        var version = await db.VersionAsync(submission.CredentialVersionId, ct);
        var review = await db.Reviews.AsNoTracking().Include(r => r.Assignments).SingleOrDefaultAsync(r => r.SubmissionId == submission.Id, ct);
        var names = await db.NamesAsync((review?.Assignments.Select(a => a.AssessorId) ?? []).Append(submission.EarnerId), ct);
        var rubric = version.Content.Rubric;
        var assignments = (review?.Assignments ?? []).OrderBy(a => a.AssignedAt).Select(a => new AssignmentDetail(a.Id, names.GetValueOrDefault(a.AssessorId, ""), a.Role, a.Source,
                a.AssignedAt, a.DueAt, a.EndedAt, a.EndReason, a.CompletedAt,
                a.IsCompleted ? FinalScoreReading.ToFinalScore(rubric, a.Sheet!, a.Recommendation!.Value, false, false, a.CompletedAt!.Value) : null))
            .ToList();
        return new ReviewDetail(submission.Id, submission.Code, version.Name, names.GetValueOrDefault(submission.EarnerId, ""), submission.Status, submission.SubmittedAt,
            review?.Status, review?.DoubleScored ?? false, review?.Status == Domain.Assessment.ReviewStatus.AwaitingAdjudication ? review.AdjudicationDueAt : review?.DueAt,
            assignments, await db.FinalScoreAsync(submission.Id, rubric, ct));
    }
}
