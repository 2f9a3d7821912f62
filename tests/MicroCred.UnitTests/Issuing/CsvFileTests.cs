using System.Text;
using MicroCred.Application.Features.Issuing;
using MicroCred.Domain.Common;

namespace MicroCred.UnitTests.Issuing;

public sealed class CsvFileTests
{
    private static IReadOnlyList<CsvRecord> Read(string text) => CsvFile.Read(Encoding.UTF8.GetBytes(text));

    [Fact]
    public void Quoted_fields_keep_commas_line_breaks_and_doubled_quotes()
    {
        var records = Read("a,b,c\n\"x, y\",\"say \"\"hi\"\"\",\"two\nlines\"\nlast,,\"\"\n");
        Assert.Equal(3, records.Count);
        Assert.Equal(["x, y", "say \"hi\"", "two\nlines"], records[1].Fields);
        Assert.Equal(2, records[1].Line);
        Assert.Equal(4, records[2].Line); // the quoted line break moved the next record down a line
        Assert.Equal(["last", "", ""], records[2].Fields);
    }

    [Fact]
    public void A_byte_order_mark_crlf_blank_lines_and_a_missing_final_line_break_are_fine()
    {
        var bytes = new byte[] { 0xEF, 0xBB, 0xBF }.Concat(Encoding.UTF8.GetBytes("email,date\r\n\r\n a@b.test , 2024-01-01 \r\nc@d.test,2024-02-02")).ToArray();
        var records = CsvFile.Read(bytes);
        Assert.Equal(["email", "date"], records[0].Fields);
        Assert.Equal(["a@b.test", "2024-01-01"], records[1].Fields); // unquoted fields are trimmed
        Assert.Equal(3, records[1].Line);
        Assert.Equal(["c@d.test", "2024-02-02"], records[2].Fields);
        Assert.Equal(3, records.Count);
    }

    [Fact]
    public void Semicolons_are_the_separator_when_the_header_has_no_comma()
    {
        var records = Read("email;credential;date\na@b.test;Talk, moves;2024-01-01\n");
        Assert.Equal(["a@b.test", "Talk, moves", "2024-01-01"], records[1].Fields);
    }

    [Fact]
    public void Latin1_text_from_a_plain_excel_csv_is_read_when_it_is_not_utf8()
    {
        var records = CsvFile.Read(Encoding.Latin1.GetBytes("name\nJosé Núñez\n"));
        Assert.Equal("José Núñez", records[1].Fields[0]);
    }

    [Theory]
    [InlineData("a,b\n\"open,b\n", "Line 2: a quote is opened and never closed.")]
    [InlineData("a,b\n\"x\"y,b\n", "Line 2: text after a closing quote.")]
    public void Malformed_quotes_are_refused_with_the_line(string text, string message)
    {
        var refusal = Assert.Throws<DomainException>(() => Read(text));
        Assert.StartsWith(message, refusal.Message);
        Assert.Equal("File", refusal.Field);
    }

    [Fact]
    public void Utf16_and_binary_files_are_refused_with_what_to_do()
    {
        Assert.Contains("UTF-16", Assert.Throws<DomainException>(() => CsvFile.Read(Encoding.Unicode.GetPreamble().Concat(Encoding.Unicode.GetBytes("a,b")).ToArray())).Message);
        Assert.Contains("not a text file", Assert.Throws<DomainException>(() => CsvFile.Read([0x50, 0x4B, 0x03, 0x04, 0x00, 0x00])).Message);
    }
}
