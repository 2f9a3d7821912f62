using MicroCred.Domain.Common;

namespace MicroCred.Domain.Tenancy;

/// <summary>How assessors get work: the system assigns the least-loaded qualified assessor, or assessors claim from the queue.</summary>
public enum AssignmentMode { Automatic, Claim }

/// <summary>
/// The district's rules for earning, assessing and issuing, set by its Admins. One row per district; the defaults
/// serve principles N and O (blind review, 10 % double-scored, 80 % agreement: our figures; see docs/product.md).
/// </summary>
public sealed class DistrictPolicy : ITenantOwned
{
    private DistrictPolicy() { }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }

    /// <summary>Attempts an earner may make at one credential; null = no cap.</summary>
    public int? MaxAttempts { get; private set; }
    public AssignmentMode Assignment { get; private set; } = AssignmentMode.Automatic;
    public int TurnaroundBusinessDays { get; private set; } = 5;
    public bool BlindReview { get; private set; } = true;
    /// <summary>Share of submissions scored by two assessors independently.</summary>
    public int DoubleScoringPercent { get; private set; } = 10;
    public bool ForbidSameSchool { get; private set; }
    /// <summary>An assessor whose exact agreement falls below this is flagged in the reliability report.</summary>
    public int AgreementThresholdPercent { get; private set; } = 80;
    /// <summary>Exact agreement with the anchors needed to pass calibration.</summary>
    public int CalibrationThresholdPercent { get; private set; } = 80;
    /// <summary>Months a qualification stays valid before calibration must renew it; null = qualifications do not expire.</summary>
    public int? QualificationValidMonths { get; private set; }
    /// <summary>
    /// Double-scored submissions an assessor must have since qualifying before the agreement threshold can pause them
    /// for a credential: below this sample the report flags, but nobody is paused.
    /// </summary>
    public int PauseMinimumComparisons { get; private set; } = DefaultPauseMinimumComparisons;
    public const int DefaultPauseMinimumComparisons = 5;
    /// <summary>A second person (another Developer, or an Admin) must approve a credential version before it is published.</summary>
    public bool RequirePublishReview { get; private set; }
    /// <summary>Award automatically when the recommendation is Award (and double scorers or the adjudicator agree).</summary>
    public bool AutoAward { get; private set; }
    /// <summary>Admins must sign in with a second factor (authenticator code or passkey) to act as Admins here.</summary>
    public bool RequireSecondFactorForAdmins { get; private set; }
    /// <summary>Issuers must sign in with a second factor to act as Issuers here: they sign the district's credentials.</summary>
    public bool RequireSecondFactorForIssuers { get; private set; }

    /// <summary>The roles whose pages need a sign-in with a second factor in this district.</summary>
    public DistrictRole RolesNeedingSecondFactor =>
        (RequireSecondFactorForAdmins ? DistrictRole.Admin : DistrictRole.None) | (RequireSecondFactorForIssuers ? DistrictRole.Issuer : DistrictRole.None);

    /// <summary>The policy of a district that never saved one (districts from before the sign-in policy, the demo seed).</summary>
    public static DistrictPolicy Default(Guid tenantId) => new() { Id = tenantId, TenantId = tenantId };

    /// <summary>A newly signed-up district's policy: its Issuers need a second factor from the start (they sign credentials).</summary>
    public static DistrictPolicy ForNewDistrict(Guid tenantId) => new() { Id = tenantId, TenantId = tenantId, RequireSecondFactorForIssuers = true };

    public void ChangeEarning(int? maxAttempts)
    {
        if (maxAttempts is < 1 or > 20) throw new DomainException("Allow 1 to 20 attempts, or leave it empty for no limit.", nameof(MaxAttempts));
        MaxAttempts = maxAttempts;
    }

    public void ChangeAssessment(AssignmentMode assignment, int turnaroundBusinessDays, bool blindReview, int doubleScoringPercent,
        bool forbidSameSchool, int agreementThresholdPercent, int calibrationThresholdPercent)
    {
        if (turnaroundBusinessDays is < 1 or > 60) throw new DomainException("The turnaround target is 1 to 60 business days.", nameof(TurnaroundBusinessDays));
        if (doubleScoringPercent is < 0 or > 100) throw new DomainException("The double-scored share is 0 to 100 %.", nameof(DoubleScoringPercent));
        if (agreementThresholdPercent is < 0 or > 100) throw new DomainException("The agreement threshold is 0 to 100 %.", nameof(AgreementThresholdPercent));
        if (calibrationThresholdPercent is < 0 or > 100) throw new DomainException("The calibration threshold is 0 to 100 %.", nameof(CalibrationThresholdPercent));
        Assignment = assignment;
        TurnaroundBusinessDays = turnaroundBusinessDays;
        BlindReview = blindReview;
        DoubleScoringPercent = doubleScoringPercent;
        ForbidSameSchool = forbidSameSchool;
        AgreementThresholdPercent = agreementThresholdPercent;
        CalibrationThresholdPercent = calibrationThresholdPercent;
    }

    /// <summary>Assessor quality over time: how long a qualification lasts, and the sample before low agreement pauses an assessor.</summary>
    public void ChangeAssessorQuality(int? validMonths, int pauseMinimumComparisons)
    {
        if (validMonths is < 1 or > 120) throw new DomainException("Qualifications last 1 to 120 months, or leave it empty so they do not expire.", "ValidMonths");
        if (pauseMinimumComparisons is < 1 or > 100) throw new DomainException("Pause after 1 to 100 double-scored submissions.", "MinimumComparisons");
        QualificationValidMonths = validMonths;
        PauseMinimumComparisons = pauseMinimumComparisons;
    }

    public void ChangePublishReview(bool required) => RequirePublishReview = required;

    public void ChangeIssuing(bool autoAward) => AutoAward = autoAward;

    public void ChangeSignIn(bool requireSecondFactorForAdmins, bool requireSecondFactorForIssuers)
    {
        RequireSecondFactorForAdmins = requireSecondFactorForAdmins;
        RequireSecondFactorForIssuers = requireSecondFactorForIssuers;
    }

    /// <summary>The due date for work that entered the queue at <paramref name="from"/>, counting Monday to Friday.</summary>
    public DateTimeOffset DueDate(DateTimeOffset from)
    {
        var due = from;
        var left = TurnaroundBusinessDays;
        while (left > 0)
        {
            due = due.AddDays(1);
            if (due.DayOfWeek is not (DayOfWeek.Saturday or DayOfWeek.Sunday)) left--;
        }
        return due;
    }
}
