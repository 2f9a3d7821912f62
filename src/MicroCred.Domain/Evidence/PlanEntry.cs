using MicroCred.Domain.Common;

namespace MicroCred.Domain.Evidence;

/// <summary>
/// One line of an earner's personal plan (principle Q): a micro-credential they mean to earn, with an optional
/// target date they choose and may change. Starting a credential puts it on the plan.
/// </summary>
public sealed class PlanEntry : ITenantOwned
{
    private PlanEntry() { }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public Guid EarnerId { get; private set; }
    public Guid CredentialId { get; private set; }
    public DateOnly? TargetDate { get; private set; }
    public DateTimeOffset AddedAt { get; private set; }
    public DateTimeOffset UpdatedAt { get; private set; }

    public static PlanEntry Add(Guid tenantId, Guid earnerId, Guid credentialId, DateTimeOffset now) =>
        new() { Id = Guid.CreateVersion7(now), TenantId = tenantId, EarnerId = earnerId, CredentialId = credentialId, AddedAt = now, UpdatedAt = now };

    /// <summary>Sets, moves or clears the target date. A new date cannot be in the past.</summary>
    public void Target(DateOnly? date, DateTimeOffset now)
    {
        if (date is { } d && d < DateOnly.FromDateTime(now.UtcDateTime) && d != TargetDate)
            throw new DomainException("Choose a target date from today on, or leave it empty.", nameof(TargetDate));
        if (date is { } far && far > DateOnly.FromDateTime(now.UtcDateTime).AddYears(5))
            throw new DomainException("Choose a target date within the next five years.", nameof(TargetDate));
        TargetDate = date;
        UpdatedAt = now;
    }

    /// <summary>The target is within <paramref name="days"/> days (or already past).</summary>
    public bool IsDueWithin(int days, DateTimeOffset now) =>
        TargetDate is { } d && d <= DateOnly.FromDateTime(now.UtcDateTime).AddDays(days);
}
