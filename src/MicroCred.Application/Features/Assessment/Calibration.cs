using FluentValidation;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Domain.Assessment;
using MicroCred.Domain.Design;
using MicroCred.Domain.Evidence;
using MicroCred.Domain.Tenancy;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.Application.Features.Assessment;

/// <summary>
/// The candidate's calibration for one credential: the anchors to score blind, their progress and, once
/// submitted, the agreement with the known levels criterion by criterion.
/// </summary>
[RequiresRole(DistrictRole.Assessor)]
public sealed record GetCalibration(Guid CredentialId) : IQuery<CalibrationView>;

public sealed record CalibrationView(Guid CredentialId, string Credential, QualificationStatus Status, int ThresholdPercent,
    IReadOnlyList<CalibrationAnchorRow> InProgress, CalibrationResultView? LastResult);

public sealed record CalibrationAnchorRow(Guid AnchorId, string Label, bool Rated);

public sealed record CalibrationResultView(DateTimeOffset SubmittedAt, int Matched, int Compared, double AgreementPercent, int ThresholdPercent, bool Passed,
    IReadOnlyList<AnchorComparison> Anchors);

public sealed record AnchorComparison(string Label, string? Rationale, IReadOnlyList<CriterionComparison> Criteria);

public sealed record CriterionComparison(string Criterion, string Yours, string Known, bool Match);

public sealed class GetCalibrationHandler(AppDbContext db, ITenantContext tenant, ICurrentUser user) : IQueryHandler<GetCalibration, CalibrationView>
{
    public async ValueTask<CalibrationView> Handle(GetCalibration query, CancellationToken ct)
    {
        var q = await db.MyQualificationAsync(query.CredentialId, user.Id!.Value, ct, tracked: false);
        var policy = await db.ReadDistrictPolicyAsync(tenant, ct);
        var name = (await db.CredentialNamesAsync(ct)).GetValueOrDefault(query.CredentialId, "");
        var current = q.AttemptInProgress;
        var anchors = await db.CalibrationAnchorsAsync(q.Attempts.SelectMany(a => a.AnchorIds), ct);
        var progress = current is null ? [] : current.AnchorIds.Select(id => new CalibrationAnchorRow(id, anchors[id].Anchor.Label, current.RatingOf(id) is { } r && anchors[id].Rubric.Criteria.All(c => r.ContainsKey(c.Id)))).ToList();
        var last = q.Attempts.Where(a => a.SubmittedAt is not null && !a.Abandoned).MaxBy(a => a.SubmittedAt);
        CalibrationResultView? result = last is null ? null : new CalibrationResultView(last.SubmittedAt!.Value, last.Matched!.Value, last.Compared!.Value,
            last.AgreementPercent ?? 0, last.ThresholdPercent!.Value, last.Passed == true,
            last.AnchorIds.Select(id =>
            {
                var (anchor, rubric) = (anchors[id].Anchor, anchors[id].Rubric);
                var mine = last.RatingOf(id) ?? new Dictionary<Guid, Guid>();
                string Level(Guid? level) => rubric.Levels.FirstOrDefault(l => l.Id == level)?.Name ?? "—";
                return new AnchorComparison(anchor.Label, anchor.Rationale, rubric.Criteria.Select(c => new CriterionComparison(c.Title,
                    Level(mine.TryGetValue(c.Id, out var m) ? m : null), Level(anchor.KnownLevels.GetValueOrDefault(c.Id)), mine.GetValueOrDefault(c.Id) == anchor.KnownLevels.GetValueOrDefault(c.Id))).ToList());
            }).ToList());
        return new CalibrationView(query.CredentialId, name, q.Status, policy.CalibrationThresholdPercent, progress, result);
    }
}

/// <summary>Starts (or resumes) a calibration: the credential's anchors, leaving out the candidate's own work and work of anyone they are in conflict with.</summary>
[RequiresRole(DistrictRole.Assessor)]
public sealed record StartCalibration(Guid CredentialId) : ICommand;

public sealed class StartCalibrationHandler(AppDbContext db, ITenantContext tenant, ICurrentUser user, TimeProvider clock) : ICommandHandler<StartCalibration>
{
    public async ValueTask<Unit> Handle(StartCalibration command, CancellationToken ct)
    {
        var me = user.Id!.Value;
        var q = await db.MyQualificationAsync(command.CredentialId, me, ct);
        var anchors = await db.Anchors.Where(a => a.CredentialId == command.CredentialId && a.RetiredAt == null).ToListAsync(ct);
        // Conflict-of-interest rules apply to anchors too: never calibrate on your own work or on work of someone you are in conflict with.
        var policy = await db.ReadDistrictPolicyAsync(tenant, ct);
        var pool = await db.AssessorPoolAsync(policy, ct, clock);
        var earners = await db.Submissions.AsNoTracking().Where(s => anchors.Select(a => a.SubmissionId).Contains(s.Id)).ToDictionaryAsync(s => s.Id, s => s.EarnerId, ct);
        var usable = anchors.Where(a => a.SubmissionId is not { } sid
            || pool.Conflict(me, earners[sid]) is null).ToList();
        q.StartCalibration(usable, clock.GetUtcNow(), policy.QualificationValidMonths,
            q.PausedBy(await db.ScorePairsAsync(ct, command.CredentialId), policy.AgreementThresholdPercent, policy.PauseMinimumComparisons) is not null);
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}

/// <summary>One anchor of the candidate's calibration: its evidence (always blind) and the rubric, with their rating so far.</summary>
[RequiresRole(DistrictRole.Assessor)]
public sealed record GetCalibrationAnchor(Guid CredentialId, Guid AnchorId) : IQuery<CalibrationAnchorView>;

public sealed record CalibrationAnchorView(Guid CredentialId, string Credential, Guid AnchorId, string Label, int Position, int Count, Guid? NextAnchorId,
    IReadOnlyList<EvidenceSection> Evidence, Rubric Rubric, IReadOnlyDictionary<Guid, Guid> Rating);

public sealed class GetCalibrationAnchorHandler(AppDbContext db, ICurrentUser user) : IQueryHandler<GetCalibrationAnchor, CalibrationAnchorView>
{
    public async ValueTask<CalibrationAnchorView> Handle(GetCalibrationAnchor query, CancellationToken ct)
    {
        var q = await db.MyQualificationAsync(query.CredentialId, user.Id!.Value, ct, tracked: false);
        var attempt = q.AttemptInProgress;
        if (attempt is null || !attempt.AnchorIds.Contains(query.AnchorId)) throw new NotFoundException(nameof(Anchor), query.AnchorId);
        var anchor = await db.Anchors.AsNoTracking().SingleAsync(a => a.Id == query.AnchorId, ct);
        var version = await db.VersionAsync(anchor.CredentialVersionId, ct);
        IReadOnlyList<EvidenceSection> evidence;
        if (anchor.SubmissionId is { } sid)
        {
            var submission = await db.Submissions.AsNoTracking().Include(s => s.Items).SingleAsync(s => s.Id == sid, ct);
            evidence = EvidenceViews.ForSubmission(version.Content, submission.Items, blind: true, await db.FileKindsAsync(submission.Items, ct));
        }
        else evidence = EvidenceViews.ForWrittenAnchor(version.Content, anchor.Evidence);
        var position = attempt.AnchorIds.IndexOf(anchor.Id);
        return new CalibrationAnchorView(q.CredentialId, version.Name, anchor.Id, anchor.Label, position + 1, attempt.AnchorIds.Count,
            position + 1 < attempt.AnchorIds.Count ? attempt.AnchorIds[position + 1] : null, evidence, version.Content.Rubric,
            attempt.RatingOf(anchor.Id) ?? new Dictionary<Guid, Guid>());
    }
}

/// <summary>Saves the candidate's levels for one anchor.</summary>
[RequiresRole(DistrictRole.Assessor)]
public sealed record RateAnchor(Guid CredentialId, Guid AnchorId, IReadOnlyDictionary<Guid, Guid> Levels) : ICommand;

public sealed class RateAnchorHandler(AppDbContext db, ICurrentUser user, TimeProvider clock) : ICommandHandler<RateAnchor>
{
    public async ValueTask<Unit> Handle(RateAnchor command, CancellationToken ct)
    {
        var q = await db.MyQualificationAsync(command.CredentialId, user.Id!.Value, ct);
        var attempt = q.AttemptInProgress;
        if (attempt is null || !attempt.AnchorIds.Contains(command.AnchorId)) throw new NotFoundException(nameof(Anchor), command.AnchorId);
        var anchors = await db.CalibrationAnchorsAsync([command.AnchorId], ct);
        q.Rate(attempt, anchors[command.AnchorId], command.Levels, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        return Unit.Value;
    }
}

/// <summary>Submits the calibration: agreement is computed and recorded; at or above the district's threshold the candidate is qualified.</summary>
[RequiresRole(DistrictRole.Assessor)]
public sealed record SubmitCalibration(Guid CredentialId) : ICommand<bool>;

public sealed class SubmitCalibrationHandler(AppDbContext db, ITenantContext tenant, ICurrentUser user, TimeProvider clock, WorkAssigner assigner)
    : ICommandHandler<SubmitCalibration, bool>
{
    public async ValueTask<bool> Handle(SubmitCalibration command, CancellationToken ct)
    {
        var q = await db.MyQualificationAsync(command.CredentialId, user.Id!.Value, ct);
        var attempt = q.AttemptInProgress ?? throw new Domain.Common.DomainException("Start a calibration first.");
        var anchors = await db.CalibrationAnchorsAsync(attempt.AnchorIds, ct);
        var policy = await db.ReadDistrictPolicyAsync(tenant, ct);
        q.SubmitCalibration(attempt, anchors.Values.ToList(), policy.CalibrationThresholdPercent, clock.GetUtcNow());
        await db.SaveChangesAsync(ct);
        if (attempt.Passed == true) await assigner.AssignWaitingWorkAsync(ct);
        return attempt.Passed == true;
    }
}

internal static class CalibrationData
{
    /// <summary>The acting assessor's qualification record for a credential; none means nobody asked them to calibrate.</summary>
    public static async Task<AssessorQualification> MyQualificationAsync(this AppDbContext db, Guid credentialId, Guid me, CancellationToken ct, bool tracked = true)
    {
        var query = db.AssessorQualifications.Include(q => q.Attempts).Where(q => q.CredentialId == credentialId && q.AssessorId == me);
        return await (tracked ? query : query.AsNoTracking()).SingleOrDefaultAsync(ct) ?? throw new NotFoundException(nameof(AssessorQualification), credentialId);
    }

    public static async Task<Dictionary<Guid, CalibrationAnchor>> CalibrationAnchorsAsync(this AppDbContext db, IEnumerable<Guid> anchorIds, CancellationToken ct)
    {
        var ids = anchorIds.Distinct().ToList();
        var anchors = await db.Anchors.AsNoTracking().Where(a => ids.Contains(a.Id)).ToListAsync(ct);
        var versionIds = anchors.Select(a => a.CredentialVersionId).Distinct().ToList();
        var rubrics = await db.CredentialVersions.AsNoTracking().Where(v => versionIds.Contains(v.Id)).ToDictionaryAsync(v => v.Id, v => v.Content.Rubric, ct);
        return anchors.ToDictionary(a => a.Id, a => new CalibrationAnchor(a, rubrics[a.CredentialVersionId]));
    }
}
