using System.Globalization;
using System.Text;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Features.Recognition;
using MicroCred.Web.Infrastructure;
using Microsoft.AspNetCore.Mvc;
using Microsoft.AspNetCore.Mvc.RazorPages;

namespace MicroCred.Web.Pages.Recognition;

/// <summary>The district's reports for Admins: tables with charts, a date range, and each table as CSV.</summary>
public sealed class ReportsModel(ISender sender) : PageModel
{
    /// <summary>The tables that export, by the name used in <c>?handler=Csv&amp;table=…</c>.</summary>
    public static readonly IReadOnlyList<string> Tables = ["awards-by-month", "credentials", "teachers", "schools", "recognition"];

    [BindProperty(SupportsGet = true, Name = "from")]
    public DateOnly? From { get; set; }

    [BindProperty(SupportsGet = true, Name = "to")]
    public DateOnly? To { get; set; }

    public DistrictReport Report { get; private set; } = default!;

    public async Task<IActionResult> OnGetAsync(CancellationToken ct)
    {
        if (!ModelState.IsValid)
        {
            // A date that does not parse: say so, and show the default range.
            ModelState.Clear();
            ModelState.AddModelError("", "Enter dates as year-month-day, e.g. 2026-01-31.");
            From = To = null;
        }
        try
        {
            Report = await sender.Send(new GetDistrictReport(From, To), ct);
        }
        catch (ValidationFailedException invalid)
        {
            foreach (var e in invalid.Errors) ModelState.AddModelError(e.Field == nameof(GetDistrictReport.To) ? "to" : "from", e.Message);
            Report = await sender.Send(new GetDistrictReport(), ct);
        }
        return Page();
    }

    public async Task<IActionResult> OnGetCsvAsync(string? table, CancellationToken ct)
    {
        if (!ModelState.IsValid) return BadRequest("Dates are written as year-month-day, e.g. 2026-01-31.");
        if (table is null || !Tables.Contains(table)) return NotFound();
        DistrictReport report;
        try
        {
            report = await sender.Send(new GetDistrictReport(From, To), ct);
        }
        catch (ValidationFailedException invalid)
        {
            return BadRequest(string.Join(" ", invalid.Errors.Select(e => e.Message)));
        }
        var csv = table switch
        {
            "awards-by-month" => Csv.Write(["Month", "Badges issued"], report.AwardsByMonth.Select(m => Row(m.Month, m.Awarded))),
            "credentials" => Csv.Write(
                ["Micro-credential", "Awarded", "Not yet", "Pass rate (%)", "Submitted", "Resubmissions", "Resubmission rate (%)", "Median turnaround (days)"],
                report.Credentials.Select(c => Row(c.Name, c.Awarded, c.NotYet, c.PassRate, c.Submitted, c.Resubmissions, c.ResubmissionRate, c.MedianTurnaroundDays))),
            "teachers" => Csv.Write(["Teacher", "Email", "School", "Credentials awarded", "PD hours"],
                report.Teachers.Select(t => Row(t.Name, t.Email, t.School, t.Credentials, t.Hours))),
            "schools" => Csv.Write(["School", "Teachers", "Credentials awarded", "PD hours"],
                report.Schools.Select(s => Row(s.School, s.Teachers, s.Credentials, s.Hours))),
            _ => Csv.Write(["Credit type", "Unit", "Requests approved", "Units granted", "Teachers"],
                report.Recognition.Select(r => Row(r.CreditType, r.Unit, r.Approved, r.Units, r.Teachers))),
        };
        var name = $"{HttpContext.District()!.Slug}-{table}-{report.From:yyyy-MM-dd}-to-{report.To:yyyy-MM-dd}.csv";
        Response.Headers.CacheControl = "no-store";
        // A byte-order mark so spreadsheet programs read the UTF-8 names correctly.
        return File(Encoding.UTF8.GetPreamble().Concat(Encoding.UTF8.GetBytes(csv)).ToArray(), "text/csv; charset=utf-8", name);
    }

    private static IReadOnlyList<CsvCell> Row(params CsvCell[] cells) => cells;

    public string CsvUrl(string table) =>
        Url.Page("/Recognition/Reports", "Csv", new { district = HttpContext.District()!.Slug, table, from = Report.From.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), to = Report.To.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) })!;

    public static string Percent(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + "%" : "—";

    public static string Days(double? value) => value is { } v ? v.ToString("0.0", CultureInfo.InvariantCulture) + " days" : "—";

    public static string Hours(decimal value) => value.ToString("0.##", CultureInfo.InvariantCulture);

    public ChartModel AwardsChart => new("awards-chart", "Badges issued per month",
        $"Bar chart of badges issued each month from {Report.From:d MMM yyyy} to {Report.To:d MMM yyyy}; the numbers are under “The numbers” below it.",
        Report.AwardsByMonth.Select(m => new ChartPoint(MonthLabel(m.Month), m.Awarded)).ToList(),
        Math.Max(4, Report.AwardsByMonth.Select(m => m.Awarded).DefaultIfEmpty(0).Max()), "Month", "Badges issued");

    public ChartModel PassRateChart => new("pass-chart", "Pass rate per micro-credential",
        "Bar chart of the share of decisions that awarded the micro-credential; the numbers are under “The numbers” below it.",
        Report.Credentials.Where(c => c.PassRate is not null).Select(c => new ChartPoint(Short(c.Name), c.PassRate, $"{c.Awarded + c.NotYet} {Plural(c.Awarded + c.NotYet, "decision", "decisions")}") { FullLabel = c.Name }).ToList(),
        100, "Micro-credential", "Pass rate", "%");

    public ChartModel SchoolChart => new("school-chart", "PD hours earned per school",
        "Bar chart of professional development hours earned with awarded micro-credentials, per school; the numbers are under “The numbers” below it.",
        Report.Schools.Select(s => new ChartPoint(Short(s.School), (double)s.Hours) { FullLabel = s.School }).ToList(),
        Math.Max(4, (double)Report.Schools.Select(s => s.Hours).DefaultIfEmpty(0).Max()), "School", "PD hours");

    public static string Plural(int count, string one, string many) => count == 1 ? one : many;

    private static string MonthLabel(string month) =>
        DateOnly.ParseExact(month + "-01", "yyyy-MM-dd", CultureInfo.InvariantCulture).ToString("MMM yy", CultureInfo.InvariantCulture);

    private static string Short(string text) => text.Length <= 18 ? text : text[..17] + "…";
}
