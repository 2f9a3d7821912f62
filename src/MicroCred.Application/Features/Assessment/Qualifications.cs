using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Domain.Assessment;
using MicroCred.Domain.Design;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Assessment;

/// <summary>The Admin's qualifications page for one credential: every assessor, their status and calibration results.</summary>
[RequiresRole(DistrictRole.Admin)]
public sealed record GetQualifications(Guid? CredentialId) : IQuery<QualificationsView>;

public sealed record QualificationsView(IReadOnlyList<CredentialOption> Credentials, Guid? CredentialId, int AnchorCount, int CalibrationThresholdPercent,
    IReadOnlyList<AssessorQualificationRow> Assessors, int? ValidMonths, int PauseMinimumComparisons, IReadOnlyList<CredentialOption> WithoutAssessor);

public sealed record CredentialOption(Guid Id, string Name);

public sealed record AssessorQualificationRow(Guid AssessorId, string Name, string Email, QualificationStatus? Status, QualificationMethod? Method,
    DateTimeOffset? QualifiedAt, IReadOnlyList<AttemptRow> Attempts, DateTimeOffset? ExpiresAt, bool Expired, AssessorReliability? PausedBy,
    PauseLift? LastPauseLift);

/// <summary>The last time an Admin lifted a pause on this qualification, and why.</summary>
public sealed record PauseLift(DateTimeOffset At, string Reason);

public sealed record AttemptRow(DateTimeOffset StartedAt, DateTimeOffset? SubmittedAt, int? Matched, int? Compared, double? AgreementPercent, int? ThresholdPercent, bool? Passed, bool Abandoned);

public sealed class GetQualificationsHandler(AppDbContext db, ITenantContext tenant, TimeProvider clock) : IQueryHandler<GetQualifications, QualificationsView>
{
    public async ValueTask<QualificationsView> Handle(GetQualifications query, CancellationToken ct)
    {
        var credentials = await db.PublishedCredentialsAsync(ct);
        var credentialId = query.CredentialId is { } id && credentials.Any(c => c.Id == id) ? id : credentials.FirstOrDefault()?.Id;
        var policy = await db.ReadDistrictPolicyAsync(tenant, ct);
        var now = clock.GetUtcNow();
        var pairs = credentialId is null ? [] : await db.ScorePairsAsync(ct, credentialId);
        var assessors = await db.Memberships.AsNoTracking().Where(m => (m.Roles & DistrictRole.Assessor) != 0)
            .Join(db.Users, m => m.UserId, u => u.Id, (m, u) => new { u.Id, u.DisplayName, u.Email }).OrderBy(u => u.DisplayName).ToListAsync(ct);
        var qualifications = credentialId is null ? [] : await db.AssessorQualifications.AsNoTracking().Include(q => q.Attempts)
            .Where(q => q.CredentialId == credentialId).ToDictionaryAsync(q => q.AssessorId, ct);
        var anchors = credentialId is null ? 0 : await db.Anchors.CountAsync(a => a.CredentialId == credentialId && a.RetiredAt == null, ct);
        var rows = assessors.Select(a =>
        {
            var q = qualifications.GetValueOrDefault(a.Id);
            return new AssessorQualificationRow(a.Id, a.DisplayName, a.Email ?? "", q?.Status, q?.Method, q?.QualifiedAt,
                (q?.Attempts ?? []).OrderByDescending(t => t.StartedAt)
                    .Select(t => new AttemptRow(t.StartedAt, t.SubmittedAt, t.Matched, t.Compared, t.AgreementPercent, t.ThresholdPercent, t.Passed, t.Abandoned)).ToList(),
                q?.ExpiresAt(policy.QualificationValidMonths), q?.IsExpiredAt(now, policy.QualificationValidMonths) == true,
                q?.PausedBy(pairs, policy.AgreementThresholdPercent, policy.PauseMinimumComparisons),
                q is { PauseLiftedAt: { } liftedAt, PauseLiftReason: { } reason } ? new PauseLift(liftedAt, reason) : null);
        }).ToList();
        // Published credentials nobody can be given work on now (no current, unpaused qualification of an Assessor).
        var covered = (await db.CurrentAssessorQualificationsAsync(policy, now, ct)).Select(q => q.CredentialId).ToHashSet();
        var live = (await db.MicroCredentials.AsNoTracking().Where(c => c.PublishedVersionId != null && c.RetiredAt == null).Select(c => c.Id).ToListAsync(ct)).ToHashSet();
        var without = credentials.Where(c => live.Contains(c.Id) && !covered.Contains(c.Id)).ToList();
        return new QualificationsView(credentials, credentialId, anchors, policy.CalibrationThresholdPercent, rows, policy.QualificationValidMonths,
            policy.PauseMinimumComparisons, without);
    }
}

public enum QualificationChange { Qualify, RequireCalibration, Revoke }

/// <summary>
/// An Admin qualifies an assessor for a credential directly, requires calibration first, or revokes the
/// qualification (their open work on it goes back to the queue).
/// </summary>
[RequiresRole(DistrictRole.Admin)]
public sealed record ChangeQualification(Guid AssessorId, Guid CredentialId, QualificationChange Change) : ICommand;

public sealed class ChangeQualificationHandler(AppDbContext db, ITenantContext tenant, ICurrentUser user, TimeProvider clock, WorkAssigner assigner)
    : ICommandHandler<ChangeQualification>
{
    public async ValueTask<Unit> Handle(ChangeQualification command, CancellationToken ct)
    {
        if (!await db.MicroCredentials.AnyAsync(c => c.Id == command.CredentialId, ct)) throw new NotFoundException(nameof(MicroCredential), command.CredentialId);
        var member = await db.Memberships.AsNoTracking().SingleOrDefaultAsync(m => m.UserId == command.AssessorId, ct)
            ?? throw new NotFoundException(nameof(Membership), command.AssessorId);
        if (!member.Has(DistrictRole.Assessor) && command.Change != QualificationChange.Revoke)
            throw new Domain.Common.DomainException("Give this member the Assessor role first (Members page).");
        var now = clock.GetUtcNow();
        var by = user.Id!.Value;
        var q = await db.AssessorQualifications.Include(x => x.Attempts)
            .SingleOrDefaultAsync(x => x.AssessorId == command.AssessorId && x.CredentialId == command.CredentialId, ct);
        if (q is null)
        {
            q = command.Change switch
            {
                QualificationChange.Qualify => AssessorQualification.Qualify(tenant.TenantId!.Value, command.AssessorId, command.CredentialId, by, now),
                QualificationChange.RequireCalibration => AssessorQualification.RequireCalibration(tenant.TenantId!.Value, command.AssessorId, command.CredentialId, by, now),
                _ => throw new Domain.Common.DomainException("This assessor is not qualified for this micro-credential."),
            };
            db.AssessorQualifications.Add(q);
        }
        else
        {
            switch (command.Change)
            {
                case QualificationChange.Qualify: q.QualifyDirectly(by, now, (await db.ReadDistrictPolicyAsync(tenant, ct)).QualificationValidMonths); break;
                case QualificationChange.RequireCalibration: q.RequireCalibrationAgain(by, now); break;
                default: q.Revoke(by, now); break;
            }
        }
        await db.SaveChangesAsync(ct);
        await assigner.RebalanceAsync(ct);
        return Unit.Value;
    }
}

/// <summary>
/// Assessor quality over time, the district's rules: qualifications expire after <paramref name="ValidMonths"/> (empty:
/// never) and are renewed by calibration; an assessor below the agreement threshold over at least
/// <paramref name="MinimumComparisons"/> double-scored submissions is paused for that credential.
/// </summary>
[RequiresRole(DistrictRole.Admin)]
public sealed record SetAssessorQuality(int? ValidMonths, int MinimumComparisons) : ICommand;

public sealed class SetAssessorQualityHandler(AppDbContext db, ITenantContext tenant, WorkAssigner assigner) : ICommandHandler<SetAssessorQuality>
{
    public async ValueTask<Unit> Handle(SetAssessorQuality command, CancellationToken ct)
    {
        var policy = await db.DistrictPolicyAsync(tenant, ct);
        policy.ChangeAssessorQuality(command.ValidMonths, command.MinimumComparisons);
        await db.SaveChangesAsync(ct);
        await assigner.RebalanceAsync(ct);
        return Unit.Value;
    }
}

/// <summary>
/// An Admin lifts an assessor's pause for a credential, with a reason (kept on the qualification and in the audit
/// trail): the way back when recalibrating is not possible (no anchors yet) or the disagreement was not theirs.
/// </summary>
[RequiresRole(DistrictRole.Admin)]
public sealed record LiftAssessorPause(Guid AssessorId, Guid CredentialId, string? Reason) : ICommand;

public sealed class LiftAssessorPauseHandler(AppDbContext db, ITenantContext tenant, ICurrentUser user, TimeProvider clock, WorkAssigner assigner)
    : ICommandHandler<LiftAssessorPause>
{
    public async ValueTask<Unit> Handle(LiftAssessorPause command, CancellationToken ct)
    {
        var q = await db.AssessorQualifications.SingleOrDefaultAsync(x => x.AssessorId == command.AssessorId && x.CredentialId == command.CredentialId, ct)
            ?? throw new NotFoundException(nameof(AssessorQualification), command.AssessorId);
        var policy = await db.ReadDistrictPolicyAsync(tenant, ct);
        var paused = q.PausedBy(await db.ScorePairsAsync(ct, command.CredentialId), policy.AgreementThresholdPercent, policy.PauseMinimumComparisons) is not null;
        q.LiftPause(paused, command.Reason, user.Id!.Value, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        await assigner.RebalanceAsync(ct);
        return Unit.Value;
    }
}

internal static class CredentialOptions
{
    /// <summary>Credentials that have been published (the only ones with submissions), by name.</summary>
    public static async Task<List<CredentialOption>> PublishedCredentialsAsync(this AppDbContext db, CancellationToken ct)
    {
        var names = await db.CredentialNamesAsync(ct);
        var ids = await db.MicroCredentials.AsNoTracking().Where(c => c.PublishedVersionId != null).Select(c => c.Id).ToListAsync(ct);
        return ids.Select(id => new CredentialOption(id, names.GetValueOrDefault(id, ""))).OrderBy(c => c.Name).ToList();
    }
}
