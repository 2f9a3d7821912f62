using MicroCred.Domain.Common;

namespace MicroCred.Domain.Recognition;

/// <summary>How much credit a rule or a decision may give: more than nothing, at most two decimals, within reason.</summary>
public static class CreditUnits
{
    public const decimal Max = 1000m;

    public static decimal Check(decimal units, string field = "Units") =>
        Problem(units) is { } problem ? throw new DomainException(problem, field) : units;

    /// <summary>What is wrong with <paramref name="units"/>, in the words shown on the form; null when they are fine.</summary>
    public static string? Problem(decimal units) =>
        units <= 0 ? "Units must be more than 0 (for example 3 or 1.5)."
        : units > Max ? $"Units can be at most {Max:0}."
        : decimal.Round(units, 2) != units ? "Use at most two decimals (for example 1.25)."
        : null;
}
