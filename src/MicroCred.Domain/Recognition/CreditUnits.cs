using MicroCred.Domain.Common;

namespace MicroCred.Domain.Recognition;

/// <summary>How much credit a rule or a decision may give: more than nothing, at most two decimals, within reason.</summary>
public static class CreditUnits
{
    public const decimal Max = 1000m;

    public static decimal Check(decimal units, string field = "Units")
    {
        if (units <= 0) throw new DomainException("Units must be more than 0 (for example 3 or 1.5).", field);
        if (units > Max) throw new DomainException($"Units can be at most {Max:0}.", field);
        if (decimal.Round(units, 2) != units) throw new DomainException("Use at most two decimals (for example 1.25).", field);
        return units;
    }
}
