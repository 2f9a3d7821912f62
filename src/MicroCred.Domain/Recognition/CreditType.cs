using MicroCred.Domain.Common;

namespace MicroCred.Domain.Recognition;

/// <summary>
/// A kind of credit a recognizer organisation grants for badges ("Professional development" in "PD hours",
/// "License renewal" in "renewal units", "Salary lane" in "credits"). Granted credit keeps the name and unit it
/// had when it was granted.
/// </summary>
public sealed class CreditType : ITenantOwned
{
    public const int MaxNameLength = 80;
    public const int MaxUnitLength = 40;

    private CreditType() { }

    public Guid Id { get; private set; }
    public Guid TenantId { get; private set; }
    public string Name { get; private set; } = "";
    /// <summary>What one unit is called, in the plural: "PD hours", "CEUs", "renewal units".</summary>
    public string Unit { get; private set; } = "";
    public DateTimeOffset CreatedAt { get; private set; }

    public static CreditType Define(Guid tenantId, string name, string unit, DateTimeOffset now) => new()
    {
        Id = Guid.CreateVersion7(now),
        TenantId = tenantId,
        Name = Guard.Required(name, nameof(Name), "Credit type name", MaxNameLength),
        Unit = Guard.Required(unit, nameof(Unit), "Unit", MaxUnitLength),
        CreatedAt = now,
    };

    public void Rename(string name, string unit)
    {
        Name = Guard.Required(name, nameof(Name), "Credit type name", MaxNameLength);
        Unit = Guard.Required(unit, nameof(Unit), "Unit", MaxUnitLength);
    }
}
