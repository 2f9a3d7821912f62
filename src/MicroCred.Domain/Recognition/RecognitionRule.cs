using MicroCred.Domain.Common;

namespace MicroCred.Domain.Recognition;

/// <summary>What a rule recognises: a badge class of any Open Badges issuer, or a micro-credential or stack of this platform.</summary>
public enum RuleTarget
{
    ExternalBadgeClass,
    Credential,
    Stack,
}

/// <summary>
/// "This badge counts for N units of credit type T." A rule for another issuer's badge matches its BadgeClass id
/// URL; a rule for a micro-credential or stack of this platform matches its stable public page URL, which our
/// badge classes carry as <c>criteria.id</c> (built from the district's slug and the item's id, so it follows the
/// platform's address). Inactive rules stay on the list but match nothing.
/// </summary>
public sealed class RecognitionRule : ITenantOwned
{
    public const int MaxNameLength = 200;
    public const int MaxUrlLength = 2000;

    private RecognitionRule() { }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public RuleTarget Target { get; private set; }
    /// <summary>The badge class id URL, for <see cref="RuleTarget.ExternalBadgeClass"/>.</summary>
    public string? BadgeClassUrl { get; private set; }
    /// <summary>The district that publishes the credential or stack (ours only); slugs never change.</summary>
    public Guid? SourceDistrictId { get; private set; }
    public string? SourceDistrictSlug { get; private set; }
    /// <summary>The micro-credential or stack id (ours only).</summary>
    public Guid? SourceItemId { get; private set; }
    public string DisplayName { get; private set; } = "";
    public Guid CreditTypeId { get; private set; }
    public decimal Units { get; private set; }
    public bool IsActive { get; private set; }
    /// <summary>
    /// Only badges earned through assessment count: a badge whose document declares it was issued without assessment
    /// (prior learning recognised, migrated from another system) does not match.
    /// </summary>
    public bool RequiresAssessed { get; private set; }
    public DateTimeOffset CreatedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static RecognitionRule ForExternalBadge(Guid tenantId, string? badgeClassUrl, string? displayName, CreditType creditType, decimal units, DateTimeOffset now)
    {
        var url = Guard.HttpUrl(badgeClassUrl, nameof(BadgeClassUrl), "Badge class URL")
            ?? throw new DomainException("Enter the badge class URL (its id, starting with https://).", nameof(BadgeClassUrl));
        var rule = New(tenantId, RuleTarget.ExternalBadgeClass, creditType, units, displayName, now);
        rule.BadgeClassUrl = url;
        return rule;
    }

    public static RecognitionRule ForPlatformBadge(Guid tenantId, RuleTarget target, Guid districtId, string districtSlug, Guid itemId,
        string displayName, CreditType creditType, decimal units, DateTimeOffset now)
    {
        if (target == RuleTarget.ExternalBadgeClass) throw new DomainException("Choose a micro-credential or a stack.", nameof(Target));
        var rule = New(tenantId, target, creditType, units, displayName, now);
        rule.SourceDistrictId = districtId;
        rule.SourceDistrictSlug = districtSlug;
        rule.SourceItemId = itemId;
        return rule;
    }

    private static RecognitionRule New(Guid tenantId, RuleTarget target, CreditType creditType, decimal units, string? displayName, DateTimeOffset now)
    {
        EnsureSameOrganisation(tenantId, creditType);
        return new RecognitionRule
        {
            Id = Guid.CreateVersion7(now),
            TenantId = tenantId,
            Target = target,
            DisplayName = Guard.Required(displayName, nameof(DisplayName), "Badge name", MaxNameLength),
            CreditTypeId = creditType.Id,
            Units = CreditUnits.Check(units),
            IsActive = true,
            CreatedAt = now,
            UpdatedAt = now,
        };
    }

    /// <summary>The path (under the platform's base URL) that our badge classes give as <c>criteria.id</c>.</summary>
    public string? PlatformPath => Target switch
    {
        RuleTarget.Credential => $"{SourceDistrictSlug}/credentials/{SourceItemId}",
        RuleTarget.Stack => $"{SourceDistrictSlug}/stacks/{SourceItemId}",
        _ => null,
    };

    public void ChangeCredit(CreditType creditType, decimal units, DateTimeOffset now)
    {
        EnsureSameOrganisation(TenantId, creditType);
        Units = CreditUnits.Check(units);
        CreditTypeId = creditType.Id;
        UpdatedAt = now;
    }

    /// <summary>Whether only badges earned through assessment count for this rule.</summary>
    public void RequireAssessed(bool required, DateTimeOffset now)
    {
        RequiresAssessed = required;
        UpdatedAt = now;
    }

    public void Activate(DateTimeOffset now)
    {
        IsActive = true;
        UpdatedAt = now;
    }

    public void Deactivate(DateTimeOffset now)
    {
        IsActive = false;
        UpdatedAt = now;
    }

    private static void EnsureSameOrganisation(Guid tenantId, CreditType creditType)
    {
        if (creditType.TenantId != tenantId) throw new DomainException("Choose one of your own credit types.", nameof(CreditTypeId));
    }
}
