using System.Globalization;
using MicroCred.Domain.Design;

namespace MicroCred.Web.Pages.Shared;

/// <summary>Small formatting rules shared by the design pages.</summary>
public static class CredentialText
{
    /// <summary>Paragraphs separated by blank lines.</summary>
    public static IEnumerable<string> Paragraphs(string? text) =>
        (text ?? "").Replace("\r\n", "\n", StringComparison.Ordinal).Split("\n\n", StringSplitOptions.RemoveEmptyEntries | StringSplitOptions.TrimEntries);

    public static string Hours(decimal? hours) =>
        hours is { } h ? $"{h.ToString("0.#", CultureInfo.InvariantCulture)} {(h == 1 ? "hour" : "hours")}" : "Not estimated";

    public static string Validity(int? months) => months switch
    {
        null => "Does not expire",
        var m when m % 12 == 0 => m == 12 ? "1 year from the award" : $"{m / 12} years from the award",
        var m => $"{m} months from the award",
    };

    public static string Words(int? min, int? max) => (min, max) switch
    {
        ({ } a, { } b) => $"{a}–{b} words",
        ({ } a, null) => $"at least {a} words",
        (null, { } b) => $"at most {b} words",
        _ => "",
    };
}
