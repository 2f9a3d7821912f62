using System.Globalization;
using System.Text;

namespace MicroCred.Application.Common;

/// <summary>One CSV cell: text, or a number written as a plain invariant number.</summary>
public readonly record struct CsvCell(string? Text, bool IsNumber)
{
    public static implicit operator CsvCell(string? text) => new(text, false);
    public static implicit operator CsvCell(int value) => new(value.ToString(CultureInfo.InvariantCulture), true);
    public static implicit operator CsvCell(decimal value) => new(value.ToString("0.##", CultureInfo.InvariantCulture), true);
    public static implicit operator CsvCell(double? value) => new(value?.ToString("0.##", CultureInfo.InvariantCulture), value is not null);
}

/// <summary>
/// Writes RFC 4180 CSV: CRLF line ends, every field with a comma, quote or line break quoted, quotes doubled.
/// Text that a spreadsheet would run as a formula (starting with =, +, -, @, tab or carriage return) is
/// prefixed with an apostrophe, so an exported name like <c>=HYPERLINK(…)</c> stays text. Numbers are written as
/// numbers (a negative number is not a formula).
/// </summary>
public static class Csv
{
    public static string Write(IReadOnlyList<string> headers, IEnumerable<IReadOnlyList<CsvCell>> rows)
    {
        var text = new StringBuilder();
        Line(text, headers.Select(h => (CsvCell)h));
        foreach (var row in rows)
        {
            if (row.Count != headers.Count) throw new ArgumentException($"A row has {row.Count} cells; the header has {headers.Count}.", nameof(rows));
            Line(text, row);
        }
        return text.ToString();
    }

    private static void Line(StringBuilder text, IEnumerable<CsvCell> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first) text.Append(',');
            first = false;
            text.Append(Field(cell));
        }
        text.Append("\r\n");
    }

    public static string Field(CsvCell cell)
    {
        var value = cell.Text ?? "";
        if (!cell.IsNumber && value.Length > 0 && value[0] is '=' or '+' or '-' or '@' or '\t' or '\r') value = "'" + value;
        return value.IndexOfAny([',', '"', '\r', '\n']) >= 0 ? "\"" + value.Replace("\"", "\"\"", StringComparison.Ordinal) + "\"" : value;
    }
}
