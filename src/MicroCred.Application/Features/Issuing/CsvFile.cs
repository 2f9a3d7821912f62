using System.Text;
using MicroCred.Domain.Common;

namespace MicroCred.Application.Features.Issuing;

/// <summary>One record of a CSV file: its fields and the line of the file it starts on (1 = the first line).</summary>
public sealed record CsvRecord(int Line, IReadOnlyList<string> Fields);

/// <summary>
/// RFC 4180 CSV as spreadsheets write it: quoted fields (with <c>""</c> for a quote, commas and line breaks inside),
/// CRLF or LF line ends, a UTF-8 byte order mark, blank lines ignored. Text is UTF-8, or Windows' Latin-1 when it is not
/// valid UTF-8 (Excel's plain "CSV"). A file whose first line uses semicolons and no commas (Excel in many European
/// locales) is read with semicolons. Refusals are <see cref="DomainException"/>s on <paramref name="field"/>.
/// </summary>
public static class CsvFile
{
    private static readonly UTF8Encoding StrictUtf8 = new(encoderShouldEmitUTF8Identifier: false, throwOnInvalidBytes: true);

    public static IReadOnlyList<CsvRecord> Read(ReadOnlySpan<byte> bytes, string field = "File") => Parse(Decode(bytes, field), field);

    public static string Decode(ReadOnlySpan<byte> bytes, string field = "File")
    {
        if (bytes.StartsWith((ReadOnlySpan<byte>)[0xEF, 0xBB, 0xBF])) bytes = bytes[3..];
        else if (bytes.StartsWith((ReadOnlySpan<byte>)[0xFF, 0xFE]) || bytes.StartsWith((ReadOnlySpan<byte>)[0xFE, 0xFF]))
            throw new DomainException("The file is saved as UTF-16. Save it as “CSV UTF-8 (comma delimited)” and upload it again.", field);
        if (bytes.IndexOf((byte)0) >= 0)
            throw new DomainException("This is not a text file. Export the spreadsheet as “CSV UTF-8 (comma delimited)”.", field);
        try
        {
            return StrictUtf8.GetString(bytes);
        }
        catch (DecoderFallbackException)
        {
            return Encoding.Latin1.GetString(bytes);
        }
    }

    public static IReadOnlyList<CsvRecord> Parse(string text, string field = "File")
    {
        ArgumentNullException.ThrowIfNull(text);
        var firstLineEnd = text.IndexOfAny(['\r', '\n']);
        var firstLine = firstLineEnd < 0 ? text : text[..firstLineEnd];
        var separator = !firstLine.Contains(',') && firstLine.Contains(';') ? ';' : ',';

        var records = new List<CsvRecord>();
        var fields = new List<string>();
        var value = new StringBuilder();
        var line = 1;
        var recordLine = 1;
        var quoted = false;      // inside a quoted field
        var wasQuoted = false;   // the current field started with a quote
        var quoteLine = 0;
        var i = 0;

        void EndField()
        {
            fields.Add(wasQuoted ? value.ToString() : value.ToString().Trim());
            value.Clear();
            wasQuoted = false;
        }

        void EndRecord()
        {
            EndField();
            if (fields.Count > 1 || fields[0].Length > 0) records.Add(new CsvRecord(recordLine, fields.ToList()));
            fields.Clear();
        }

        while (i < text.Length)
        {
            var c = text[i];
            if (quoted)
            {
                if (c == '"')
                {
                    if (i + 1 < text.Length && text[i + 1] == '"')
                    {
                        value.Append('"');
                        i += 2;
                        continue;
                    }
                    quoted = false;
                    i++;
                    continue;
                }
                if (c == '\r' && i + 1 < text.Length && text[i + 1] == '\n') { value.Append("\r\n"); line++; i += 2; continue; }
                if (c == '\n' || c == '\r') line++;
                value.Append(c);
                i++;
                continue;
            }

            if (c == '"' && value.ToString().Trim().Length == 0 && !wasQuoted)
            {
                value.Clear();
                quoted = true;
                wasQuoted = true;
                quoteLine = line;
                i++;
            }
            else if (c == separator)
            {
                EndField();
                i++;
            }
            else if (c == '\r' || c == '\n')
            {
                EndRecord();
                i += c == '\r' && i + 1 < text.Length && text[i + 1] == '\n' ? 2 : 1;
                line++;
                recordLine = line;
            }
            else if (wasQuoted)
            {
                // Only spaces may follow a closing quote before the separator.
                if (!char.IsWhiteSpace(c))
                    throw new DomainException($"Line {line}: text after a closing quote. Inside quotes, write a quote as two quotes (\"\").", field);
                i++;
            }
            else
            {
                value.Append(c);
                i++;
            }
        }
        if (quoted) throw new DomainException($"Line {quoteLine}: a quote is opened and never closed.", field);
        if (value.Length > 0 || fields.Count > 0 || wasQuoted) EndRecord();
        return records;
    }
}
