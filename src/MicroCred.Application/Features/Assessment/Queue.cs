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

/// <summary>The assessor's dashboard: my work and due dates, work I may claim, calibrations asked of me, my throughput and agreement.</summary>
[RequiresRole(DistrictRole.Assessor)]
public sealed record GetMyAssessmentWork : IQuery<MyAssessmentWork>;

public sealed record MyAssessmentWork(
    AssignmentMode Mode, bool BlindReview, int AgreementThresholdPercent,
    IReadOnlyList<MyTask> Assigned, IReadOnlyList<MyTask> Completed, IReadOnlyList<ClaimableWork> Claimable,
    IReadOnlyList<MyQualification> Qualifications, IReadOnlyList<WeekCount> Throughput, AssessorReliability? Agreement);

/// <summary>A piece of my work. Earner and school are only filled in when the district has turned blind review off.</summary>
public sealed record MyTask(Guid SubmissionId, string Code, string Credential, string Task, DateTimeOffset AssignedAt, DateTimeOffset DueAt, bool Overdue,
    bool HasDraft, DateTimeOffset? CompletedAt, Recommendation? Recommendation, string? EarnerName, string? School);

public sealed record ClaimableWork(Guid SubmissionId, string Code, string Credential, string Task, DateTimeOffset SubmittedAt, DateTimeOffset DueAt, bool Overdue);

public sealed record MyQualification(Guid CredentialId, string Credential, QualificationStatus Status, bool AttemptInProgress, double? LastAgreement, bool? LastPassed);

public sealed record WeekCount(DateOnly WeekStart, int Scored);

public sealed class GetMyAssessmentWorkHandler(AppDbContext db, ITenantContext tenant, ICurrentUser user, TimeProvider clock)
    : IQueryHandler<GetMyAssessmentWork, MyAssessmentWork>
{
    public const int ThroughputWeeks = 8;

    public async ValueTask<MyAssessmentWork> Handle(GetMyAssessmentWork query, CancellationToken ct)
    {
        var me = user.Id!.Value;
        var now = clock.GetUtcNow();
        var policy = await db.ReadDistrictPolicyAsync(tenant, ct);
        var credentials = await db.CredentialNamesAsync(ct);

        var mine = await db.Assignments.AsNoTracking().Where(a => a.AssessorId == me && a.EndedAt == null)
            .Join(db.Submissions, a => a.SubmissionId, s => s.Id, (a, s) => new { a, s.Code, s.EarnerId })
            .ToListAsync(ct);
        var earners = policy.BlindReview ? new Dictionary<Guid, (string, string?)>() : await EarnersAsync(mine.Select(m => m.EarnerId), ct);
        var tasks = mine.Select(m => new MyTask(m.a.SubmissionId, m.Code, credentials.GetValueOrDefault(m.a.CredentialId, ""), AssessmentData.TaskName(m.a.Role),
                m.a.AssignedAt, m.a.DueAt, m.a.IsOverdue(now), m.a.Sheet is not null, m.a.CompletedAt, m.a.Recommendation,
                earners.TryGetValue(m.EarnerId, out var e) ? e.Item1 : null, earners.TryGetValue(m.EarnerId, out var f) ? f.Item2 : null))
            .ToList();
        var assigned = tasks.Where(t => t.CompletedAt is null).OrderBy(t => t.DueAt).ToList();
        var completed = tasks.Where(t => t.CompletedAt is not null).OrderByDescending(t => t.CompletedAt).Take(10).ToList();

        var claimable = policy.Assignment == AssignmentMode.Claim ? await ClaimableAsync(me, policy, credentials, now, ct) : [];

        var qualifications = await db.AssessorQualifications.AsNoTracking().Include(q => q.Attempts).Where(q => q.AssessorId == me).ToListAsync(ct);
        var myQualifications = qualifications
            .Where(q => q.Status != QualificationStatus.Revoked)
            .Select(q =>
            {
                var last = q.Attempts.Where(a => a.SubmittedAt is not null).MaxBy(a => a.SubmittedAt);
                return new MyQualification(q.CredentialId, credentials.GetValueOrDefault(q.CredentialId, ""), q.Status, q.AttemptInProgress is not null, last?.AgreementPercent, last?.Passed);
            })
            .OrderBy(q => q.Status).ThenBy(q => q.Credential).ToList();

        var firstWeek = WeekStart(now).AddDays(-7 * (ThroughputWeeks - 1));
        var since = new DateTimeOffset(firstWeek.ToDateTime(TimeOnly.MinValue), TimeSpan.Zero);
        var scoredAt = await db.Assignments.AsNoTracking().Where(a => a.AssessorId == me && a.EndedAt == null && a.CompletedAt >= since)
            .Select(a => a.CompletedAt!.Value).ToListAsync(ct);
        var throughput = Enumerable.Range(0, ThroughputWeeks).Select(i => firstWeek.AddDays(7 * i))
            .Select(w => new WeekCount(w, scoredAt.Count(t => WeekStart(t) == w))).ToList();

        var pairs = (await db.ScorePairsAsync(ct)).Where(p => p.Involves(me)).ToList();
        var agreement = ReliabilityReport.ByAssessor(pairs, policy.AgreementThresholdPercent).SingleOrDefault(a => a.AssessorId == me);

        return new MyAssessmentWork(policy.Assignment, policy.BlindReview, policy.AgreementThresholdPercent, assigned, completed, claimable,
            myQualifications, throughput, agreement);
    }

    /// <summary>Work waiting for someone that this assessor may take: conflict-free, qualified, not already theirs.</summary>
    private async Task<List<ClaimableWork>> ClaimableAsync(Guid me, DistrictPolicy policy, Dictionary<Guid, string> credentials, DateTimeOffset now, CancellationToken ct)
    {
        var pool = await db.AssessorPoolAsync(policy, ct);
        var result = new List<ClaimableWork>();
        var reviews = await db.Reviews.AsNoTracking().Include(r => r.Assignments)
            .Where(r => r.Status != ReviewStatus.Scored
                && db.Submissions.Any(s => s.Id == r.SubmissionId && (s.Status == SubmissionStatus.Submitted || s.Status == SubmissionStatus.InReview)))
            .ToListAsync(ct);
        var open = reviews.Where(r => r.OpenRoles.Count > 0 && r.Check(me, pool) is null).ToList();
        var openIds = open.Select(r => r.SubmissionId).ToList();
        var submitted = await db.Submissions.AsNoTracking().Where(s => openIds.Contains(s.Id))
            .Select(s => new { s.Id, s.Code, s.SubmittedAt }).ToDictionaryAsync(s => s.Id, ct);
        foreach (var review in open)
        {
            var role = review.OpenRoles[0];
            var due = review.DueFor(role);
            var s = submitted[review.SubmissionId];
            result.Add(new ClaimableWork(review.SubmissionId, s.Code, credentials.GetValueOrDefault(review.CredentialId, ""), AssessmentData.TaskName(role), s.SubmittedAt!.Value, due, now > due));
        }
        var fresh = await db.Submissions.AsNoTracking()
            .Where(s => s.Status == SubmissionStatus.Submitted && !db.Reviews.Any(r => r.SubmissionId == s.Id))
            .Select(s => new { s.Id, s.Code, s.EarnerId, s.CredentialId, s.SubmittedAt }).ToListAsync(ct);
        foreach (var s in fresh.Where(s => pool.Check(me, new ReviewSubject(s.Id, s.EarnerId, s.CredentialId)) is null))
        {
            var due = policy.DueDate(s.SubmittedAt!.Value);
            result.Add(new ClaimableWork(s.Id, s.Code, credentials.GetValueOrDefault(s.CredentialId, ""), "Score", s.SubmittedAt.Value, due, now > due));
        }
        return result.OrderBy(w => w.DueAt).ToList();
    }

    private async Task<Dictionary<Guid, (string Name, string? School)>> EarnersAsync(IEnumerable<Guid> earnerIds, CancellationToken ct) =>
        await db.EarnersAsync(earnerIds, ct);

    public static DateOnly WeekStart(DateTimeOffset t)
    {
        var day = DateOnly.FromDateTime(t.UtcDateTime);
        return day.AddDays(-(((int)day.DayOfWeek + 6) % 7)); // Monday
    }
}

/// <summary>Claim mode: the assessor takes work from the queue (the first part of it that needs someone).</summary>
[RequiresRole(DistrictRole.Assessor)]
public sealed record ClaimWork(Guid SubmissionId) : ICommand;

public sealed class ClaimWorkHandler(AppDbContext db, ITenantContext tenant, ICurrentUser user, TimeProvider clock) : ICommandHandler<ClaimWork>
{
    public async ValueTask<Unit> Handle(ClaimWork command, CancellationToken ct)
    {
        var policy = await db.ReadDistrictPolicyAsync(tenant, ct);
        if (policy.Assignment != AssignmentMode.Claim) throw new Domain.Common.DomainException("Your district assigns work automatically: there is nothing to claim.");
        var now = clock.GetUtcNow();
        var submission = await db.SubmissionAsync(command.SubmissionId, ct);
        var review = await db.ReviewOfAsync(submission.Id, ct) ?? await db.OpenReviewAsync(submission, policy, now, ct);
        var pool = await db.AssessorPoolAsync(policy, ct);
        review.Claim(user.Id!.Value, submission, pool, now);
        review.ProceedWithoutSecondScore(pool, submission, now); // nobody else could ever claim the second score
        await db.SaveReviewAsync(ct);
        return Unit.Value;
    }
}

/// <summary>The assessor gives work back before scoring it: it returns to the queue.</summary>
[RequiresRole(DistrictRole.Assessor)]
public sealed record ReleaseWork(Guid SubmissionId) : ICommand;

public sealed class ReleaseWorkHandler(AppDbContext db, ICurrentUser user, TimeProvider clock, WorkAssigner assigner) : ICommandHandler<ReleaseWork>
{
    public async ValueTask<Unit> Handle(ReleaseWork command, CancellationToken ct)
    {
        var (review, mine, submission) = await db.MyWorkAsync(command.SubmissionId, user.Id!.Value, ct);
        review.Release(mine, submission, clock.GetUtcNow());
        await db.SaveReviewAsync(ct);
        await assigner.AssignWaitingWorkAsync(ct);
        return Unit.Value;
    }
}

/// <summary>
/// The assessor recognises a conflict of interest in the work in front of them: it goes back to the queue, and
/// they will not be given this earner's work again. Under blind review they never learn who it was.
/// </summary>
[RequiresRole(DistrictRole.Assessor)]
public sealed record DeclareConflictOnSubmission(Guid SubmissionId, string Reason) : ICommand;

public sealed class DeclareConflictOnSubmissionValidator : AbstractValidator<DeclareConflictOnSubmission>
{
    public DeclareConflictOnSubmissionValidator() =>
        RuleFor(c => c.Reason).NotEmpty().WithMessage("Say briefly why you have a conflict of interest (only Admins see it).")
            .MaximumLength(ConflictDeclaration.MaxReasonLength);
}

public sealed class DeclareConflictOnSubmissionHandler(AppDbContext db, ICurrentUser user, TimeProvider clock, WorkAssigner assigner)
    : ICommandHandler<DeclareConflictOnSubmission>
{
    public async ValueTask<Unit> Handle(DeclareConflictOnSubmission command, CancellationToken ct)
    {
        var (review, mine, submission) = await db.MyWorkAsync(command.SubmissionId, user.Id!.Value, ct);
        db.ConflictDeclarations.Add(review.DeclareConflict(mine, command.Reason, submission, clock.GetUtcNow()));
        await db.SaveReviewAsync(ct);
        await assigner.AssignWaitingWorkAsync(ct);
        return Unit.Value;
    }
}
