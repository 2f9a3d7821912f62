using MicroCred.Domain.Common;
using MicroCred.Domain.Design;

namespace MicroCred.Domain.Assessment;

public enum QualificationStatus { CalibrationRequired, Qualified, Revoked }

public enum QualificationMethod { Direct, Calibration }

/// <summary>An anchor as a calibration needs it: the anchor and the rubric of its version.</summary>
public sealed record CalibrationAnchor(Anchor Anchor, Rubric Rubric);

/// <summary>
/// Whether one assessor may assess one micro-credential (principle N). An Admin qualifies them directly, or
/// requires calibration: the candidate scores the credential's anchors blind, and qualifies when their exact
/// agreement with the known levels (criterion by criterion) reaches the district's threshold. Every attempt and
/// its agreement is kept.
/// </summary>
public sealed class AssessorQualification : ITenantOwned
{
    private readonly List<CalibrationAttempt> attempts = [];

    private AssessorQualification() { }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid AssessorId { get; private set; }
    public Guid CredentialId { get; private set; }
    public QualificationStatus Status { get; private set; }
    public QualificationMethod? Method { get; private set; }
    public DateTimeOffset? QualifiedAt { get; private set; }
    public DateTimeOffset ChangedAt { get; private set; }
    public Guid ChangedBy { get; private set; }
    /// <summary>When an Admin last lifted a pause (agreement is then counted afresh from here), who, and why.</summary>
    public DateTimeOffset? PauseLiftedAt { get; private set; }
    public Guid? PauseLiftedBy { get; private set; }
    public string? PauseLiftReason { get; private set; }

    public const int MaxReasonLength = 1000;

    public IReadOnlyList<CalibrationAttempt> Attempts => attempts;

    public bool IsQualified => Status == QualificationStatus.Qualified;

    /// <summary>When the qualification lapses under the district's validity period in months (null: it never does).</summary>
    public DateTimeOffset? ExpiresAt(int? validMonths) =>
        IsQualified && validMonths is { } months && QualifiedAt is { } at ? at.AddMonths(months) : null;

    /// <summary>Qualified, but the district's validity period has run out: calibration (or an Admin) renews it.</summary>
    public bool IsExpiredAt(DateTimeOffset now, int? validMonths) => ExpiresAt(validMonths) <= now;

    /// <summary>The one answer to "may this assessor be given work on this credential now?" as far as qualification goes.</summary>
    public bool IsCurrentAt(DateTimeOffset now, int? validMonths) => IsQualified && !IsExpiredAt(now, validMonths);

    public CalibrationAttempt? AttemptInProgress => attempts.FirstOrDefault(a => a.IsInProgress);

    /// <summary>
    /// Paused: on the work they double-scored for this credential since they last qualified (or since an Admin last
    /// lifted a pause), the assessor's exact agreement with the other scorer is below the district's threshold (the
    /// reliability report's flag), over at least <paramref name="minimumComparisons"/> double-scored submissions: one
    /// bad day is not a trend. Returns that agreement, or null when not paused. Calibrating again starts the count afresh.
    /// </summary>
    public AssessorReliability? PausedBy(IEnumerable<ScorePair> pairs, int agreementThresholdPercent, int minimumComparisons)
    {
        if (!IsQualified) return null;
        var from = PauseLiftedAt > QualifiedAt ? PauseLiftedAt : QualifiedAt;
        var since = pairs.Where(p => p.CredentialId == CredentialId && p.Involves(AssessorId) && p.ScoredAt > from).ToList();
        if (since.Count < Math.Max(1, minimumComparisons)) return null;
        return ReliabilityReport.ByAssessor(since, agreementThresholdPercent).FirstOrDefault(a => a.AssessorId == AssessorId && a.Flagged);
    }

    /// <summary>
    /// An Admin lets a paused assessor assess again without calibrating (e.g. the district has no anchors yet, or the
    /// disagreement was the other scorer's): agreement is counted afresh from now. The reason is kept (and audited).
    /// </summary>
    public void LiftPause(bool paused, string? reason, Guid by, DateTimeOffset now)
    {
        if (!paused) throw new DomainException("This assessor is not paused for this micro-credential.");
        if (string.IsNullOrWhiteSpace(reason)) throw new DomainException("Say why you lift the pause: it is kept with the qualification.", "Reason");
        if (reason.Trim().Length > MaxReasonLength) throw new DomainException($"Keep the reason to {MaxReasonLength} characters.", "Reason");
        PauseLiftedAt = now;
        PauseLiftedBy = by;
        PauseLiftReason = reason.Trim();
        Changed(by, now);
    }

    public static AssessorQualification Qualify(Guid tenantId, Guid assessorId, Guid credentialId, Guid by, DateTimeOffset now)
    {
        var q = New(tenantId, assessorId, credentialId, by, now);
        q.QualifyDirectly(by, now);
        return q;
    }

    public static AssessorQualification RequireCalibration(Guid tenantId, Guid assessorId, Guid credentialId, Guid by, DateTimeOffset now)
    {
        var q = New(tenantId, assessorId, credentialId, by, now);
        q.Status = QualificationStatus.CalibrationRequired;
        return q;
    }

    /// <summary>Qualifies (or, once expired, re-qualifies) the assessor on the Admin's say.</summary>
    public void QualifyDirectly(Guid by, DateTimeOffset now, int? validMonths = null)
    {
        if (IsCurrentAt(now, validMonths)) throw new DomainException("This assessor is already qualified for this micro-credential.");
        AttemptInProgress?.Abandon();
        Status = QualificationStatus.Qualified;
        Method = QualificationMethod.Direct;
        QualifiedAt = now;
        Changed(by, now);
    }

    /// <summary>Asks for (another) calibration before the assessor may assess this credential.</summary>
    public void RequireCalibrationAgain(Guid by, DateTimeOffset now)
    {
        if (Status == QualificationStatus.CalibrationRequired) throw new DomainException("Calibration is already required of this assessor.");
        Status = QualificationStatus.CalibrationRequired;
        Method = null;
        QualifiedAt = null;
        Changed(by, now);
    }

    public void Revoke(Guid by, DateTimeOffset now)
    {
        if (Status == QualificationStatus.Revoked) throw new DomainException("This qualification is already revoked.");
        AttemptInProgress?.Abandon();
        Status = QualificationStatus.Revoked;
        Method = null;
        QualifiedAt = null;
        Changed(by, now);
    }

    /// <summary>
    /// Starts (or resumes) a calibration on the given anchors: the credential's active anchors, without work of
    /// the candidate's own or of anyone they are in conflict with (the application leaves those out).
    /// </summary>
    public CalibrationAttempt StartCalibration(IReadOnlyList<Anchor> anchors, DateTimeOffset now, int? validMonths = null, bool paused = false)
    {
        // An expired or paused qualification is renewed the way it is earned: by calibrating again.
        if (Status != QualificationStatus.CalibrationRequired && !IsExpiredAt(now, validMonths) && !paused)
            throw new DomainException(IsQualified ? "You are already qualified for this micro-credential." : "An Admin has not asked you to calibrate for this micro-credential.");
        if (AttemptInProgress is { } current) return current;
        var set = anchors.Where(a => a.IsActive && a.CredentialId == CredentialId).ToList();
        if (set.Count == 0) throw new DomainException("There are no anchors for this micro-credential yet: ask an Admin to add some.");
        var attempt = CalibrationAttempt.Start(this, set.Select(a => a.Id).ToList(), now);
        attempts.Add(attempt);
        return attempt;
    }

    /// <summary>Saves the candidate's levels for one anchor (partial is fine until the attempt is submitted).</summary>
    public void Rate(CalibrationAttempt attempt, CalibrationAnchor anchor, IReadOnlyDictionary<Guid, Guid> levels, DateTimeOffset now)
    {
        EnsureOwn(attempt);
        var checkedLevels = new ScoreSheet(levels.Select(l => new CriterionScore(l.Key, l.Value, null)).ToList(), null).CheckedAgainst(anchor.Rubric).Levels;
        attempt.Rate(anchor.Anchor.Id, checkedLevels, now);
    }

    /// <summary>
    /// Compares every rating with the anchors' known levels. Agreement = criteria scored exactly at the known level
    /// ÷ criteria compared; the candidate qualifies at or above <paramref name="thresholdPercent"/>.
    /// </summary>
    public CalibrationAttempt SubmitCalibration(CalibrationAttempt attempt, IReadOnlyList<CalibrationAnchor> anchors, int thresholdPercent, DateTimeOffset now)
    {
        EnsureOwn(attempt);
        if (!attempt.IsInProgress) throw new DomainException("This calibration has been submitted already.");
        var pairs = new List<(int, int)>();
        var missing = new List<string>();
        foreach (var id in attempt.AnchorIds)
        {
            var anchor = anchors.FirstOrDefault(a => a.Anchor.Id == id) ?? throw new DomainException("An anchor of this calibration is missing.");
            var rating = attempt.RatingOf(id);
            if (anchor.Rubric.Criteria.Any(c => rating is null || !rating.ContainsKey(c.Id))) { missing.Add(anchor.Anchor.Label); continue; }
            foreach (var criterion in anchor.Rubric.Criteria)
                pairs.Add((anchor.Rubric.PointsOf(rating![criterion.Id]), anchor.Rubric.PointsOf(anchor.Anchor.KnownLevels[criterion.Id])));
        }
        if (missing.Count > 0) throw new DomainException($"Score every criterion of {string.Join(", ", missing)} first.");
        var agreement = Reliability.Agreement(pairs);
        var passed = agreement.Pairs > 0 && agreement.Exact * 100 >= thresholdPercent * agreement.Pairs;
        attempt.Finish(agreement, thresholdPercent, passed, now);
        if (passed)
        {
            Status = QualificationStatus.Qualified;
            Method = QualificationMethod.Calibration;
            QualifiedAt = now;
            ChangedAt = now;
            ChangedBy = AssessorId;
        }
        return attempt;
    }

    private void EnsureOwn(CalibrationAttempt attempt)
    {
        if (!attempts.Contains(attempt)) throw new DomainException("That calibration belongs to someone else.");
    }

    private void Changed(Guid by, DateTimeOffset now)
    {
        ChangedBy = by;
        ChangedAt = now;
    }

    private static AssessorQualification New(Guid tenantId, Guid assessorId, Guid credentialId, Guid by, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), TenantId = tenantId, AssessorId = assessorId, CredentialId = credentialId, ChangedAt = now, ChangedBy = by,
    };
}

/// <summary>The candidate's levels for one anchor.</summary>
public sealed record AnchorRating(Guid AnchorId, IReadOnlyDictionary<Guid, Guid> Levels);

/// <summary>One go at the calibration set, with its ratings and, once submitted, its agreement and result.</summary>
public sealed class CalibrationAttempt : ITenantOwned
{
    private CalibrationAttempt() { }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid QualificationId { get; private set; }
    public DateTimeOffset StartedAt { get; private set; }
    public List<Guid> AnchorIds { get; private set; } = [];
    public List<AnchorRating> Ratings { get; private set; } = [];
    public DateTimeOffset? SubmittedAt { get; private set; }
    /// <summary>Criteria compared and criteria at exactly the known level.</summary>
    public int? Compared { get; private set; }
    public int? Matched { get; private set; }
    public int? ThresholdPercent { get; private set; }
    public bool? Passed { get; private set; }
    /// <summary>Abandoned when an Admin qualified or revoked the assessor before they submitted it.</summary>
    public bool Abandoned { get; private set; }

    public bool IsInProgress => SubmittedAt is null && !Abandoned;

    public double? AgreementPercent => Compared is > 0 ? 100.0 * Matched!.Value / Compared.Value : null;

    public IReadOnlyDictionary<Guid, Guid>? RatingOf(Guid anchorId) => Ratings.FirstOrDefault(r => r.AnchorId == anchorId)?.Levels;

    internal static CalibrationAttempt Start(AssessorQualification q, List<Guid> anchorIds, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now), TenantId = q.TenantId, QualificationId = q.Id, StartedAt = now, AnchorIds = anchorIds,
    };

    internal void Rate(Guid anchorId, IReadOnlyDictionary<Guid, Guid> levels, DateTimeOffset now)
    {
        if (!IsInProgress) throw new DomainException("This calibration is over: start a new one if you need to.");
        if (!AnchorIds.Contains(anchorId)) throw new DomainException("That anchor is not part of this calibration.");
        Ratings = Ratings.Where(r => r.AnchorId != anchorId).Append(new AnchorRating(anchorId, levels.ToDictionary())).ToList();
    }

    internal void Finish(AgreementStats agreement, int thresholdPercent, bool passed, DateTimeOffset now)
    {
        SubmittedAt = now;
        Compared = agreement.Pairs;
        Matched = agreement.Exact;
        ThresholdPercent = thresholdPercent;
        Passed = passed;
    }

    internal void Abandon() => Abandoned = true;
}
