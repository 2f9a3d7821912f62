using System.Net;
using System.Text;
using Mediator;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Assessment;
using MicroCred.Application.Features.Issuing;
using MicroCred.Application.Features.Recognition;
using MicroCred.Domain.Evidence;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.AspNetCore.Identity;
using Microsoft.EntityFrameworkCore;

namespace MicroCred.IntegrationTests.Recognition;

/// <summary>
/// The district report over a date range, and its CSV exports: known submissions (decided on known days) give
/// known counts, rates, medians and hours; a CSV has the table's headers and rows, RFC 4180 quoting, and
/// spreadsheet formulas neutralised.
/// </summary>
public sealed class ReportTests(AppFixture fixture) : IClassFixture<AppFixture>, IAsyncLifetime
{
    private const string Admin = "admin@springfield.test";
    private const string Credential = "Report, \"Quoted\" Credential";
    private const string Formula = "=HYPERLINK(\"http://evil.example/\",\"Click\")";
    private const string Evergreen = "Evergreen Terrace Elementary";
    private const string Range = "from=2025-03-01&to=2025-04-30";
    private static readonly DateTimeOffset March = new(2025, 3, 1, 9, 0, 0, TimeSpan.Zero);

    private readonly AssessmentKit assessment = new(fixture);
    private static readonly SemaphoreSlim Once = new(1, 1);

    /// <summary>
    /// Taylor (at the demo's Evergreen Terrace Elementary): "not yet" after 4 days, then a second attempt awarded after 2; Casey (at "Report High"): awarded after
    /// 37 days, in April; Riley: awarded long before the range. Each award is worth the credential's 10 estimated hours.
    /// </summary>
    public async ValueTask InitializeAsync()
    {
        await Once.WaitAsync();
        try
        {
            if (await assessment.Db(db => db.CredentialVersions.AnyAsync(v => v.Name == Credential))) return;
            var (credentialId, _, content) = await assessment.Credential(Credential);
            var taylor1 = await assessment.Submit(AssessmentKit.Taylor, credentialId, March);
            await Decide(taylor1, March.AddDays(4), award: false);
            var taylor2 = await NextAttempt(taylor1, content, March.AddDays(9));
            await Decide(taylor2, March.AddDays(11), award: true);
            var casey = await assessment.Submit("casey.nguyen@springfield.test", credentialId, March.AddDays(1));
            await Decide(casey, March.AddDays(38), award: true);
            var riley = await assessment.Submit("riley.chen@springfield.test", credentialId, March.AddYears(-1));
            await Decide(riley, March.AddYears(-1).AddDays(3), award: true);

            var school = await assessment.As(Admin, s => s.Send(new AddSchool("Report High")).AsTask());
            var caseyId = await fixture.UserId("casey.nguyen@springfield.test");
            var membership = await assessment.Db(db => db.Memberships.Where(m => m.UserId == caseyId).Select(m => m.Id).SingleAsync());
            await assessment.As(Admin, s => s.Send(new SetMemberSchool(membership, school)).AsTask());

            // A teacher whose display name is a spreadsheet formula.
            await using var scope = fixture.App.Scope();
            using var _ = AppFixture.Get<AuditScope>(scope).Begin("TestRename", null);
            var users = AppFixture.Get<UserManager<User>>(scope);
            var taylor = (await users.FindByEmailAsync(AssessmentKit.Taylor))!;
            taylor.DisplayName = Formula;
            await users.UpdateAsync(taylor);
        }
        finally
        {
            Once.Release();
        }
    }

    public ValueTask DisposeAsync() => ValueTask.CompletedTask;

    private async Task Decide(Guid submissionId, DateTimeOffset at, bool award)
    {
        await using var scope = await fixture.As(AssessmentKit.Issuer, "springfield");
        var db = AppFixture.Get<AppDbContext>(scope);
        using var _ = AppFixture.Get<AuditScope>(scope).Begin("TestDecision", null);
        var submission = await db.Submissions.SingleAsync(s => s.Id == submissionId);
        submission.StartReview(at.AddDays(-1));
        submission.MarkScored(at.AddHours(-1));
        if (award)
        {
            submission.Award(null, at);
            // As every award does: its badge, issued on the day of the decision (reports count valid badges).
            await AppFixture.Get<BadgeIssuing>(scope).IssueAsync(BadgeAward.ForSubmission(submission) with { IssuedOn = at }, CancellationToken.None);
        }
        else submission.Deny("Not yet.", at);
        await db.SaveChangesAsync();
    }

    private async Task<Guid> NextAttempt(Guid previousId, Domain.Design.CredentialContent content, DateTimeOffset at)
    {
        await using var scope = await fixture.As(AssessmentKit.Taylor, "springfield");
        var db = AppFixture.Get<AppDbContext>(scope);
        using var _ = AppFixture.Get<AuditScope>(scope).Begin("TestAttempt", null);
        var previous = await db.Submissions.Include(s => s.Items).SingleAsync(s => s.Id == previousId);
        var next = previous.StartNextAttempt(null, at.AddDays(-1));
        next.Submit(content, at);
        db.Submissions.Add(next);
        await db.SaveChangesAsync();
        return next.Id;
    }

    private Task<DistrictReport> ReportAsync(DateOnly from, DateOnly to) =>
        assessment.As(Admin, s => s.Send(new GetDistrictReport(from, to)).AsTask());

    [Fact]
    public async Task Counts_rates_median_turnaround_and_hours_follow_the_date_range()
    {
        var report = await ReportAsync(new(2025, 3, 1), new(2025, 4, 30));

        var row = Assert.Single(report.Credentials);
        Assert.Equal((Credential, 2, 1, 66.7, 3, 1, 33.3, 4.0),
            (row.Name, row.Awarded, row.NotYet, row.PassRate, row.Submitted, row.Resubmissions, row.ResubmissionRate, row.MedianTurnaroundDays));
        Assert.Equal([("2025-03", 1), ("2025-04", 1)], report.AwardsByMonth.Select(m => (m.Month, m.Awarded)));
        Assert.Equal([(Formula, (string?)Evergreen, 1, 10m), ("Casey Nguyen", "Report High", 1, 10m)],
            report.Teachers.OrderBy(t => t.Name, StringComparer.Ordinal).Select(t => (t.Name, t.School, t.Credentials, t.Hours)));
        Assert.Equal([(Evergreen, 1, 10m), ("Report High", 1, 10m)], report.Schools.Select(s => (s.School, s.Teachers, s.Hours)));
        Assert.Equal(20m, report.PdHours);

        // March only: Casey's April award and its 37-day turnaround drop out.
        var march = Assert.Single((await ReportAsync(new(2025, 3, 1), new(2025, 3, 31))).Credentials);
        Assert.Equal((1, 1, 50.0, 3.0), (march.Awarded, march.NotYet, march.PassRate, march.MedianTurnaroundDays));

        // The year before: only Riley.
        var before = await ReportAsync(new(2024, 1, 1), new(2024, 12, 31));
        Assert.Equal(["Riley Chen"], before.Teachers.Select(t => t.Name));
    }

    [Fact]
    public async Task The_credentials_csv_has_its_headers_and_rows_with_rfc4180_quoting()
    {
        using var admin = new HttpSession(fixture.BaseAddress);
        await admin.LogInAsync(Admin);
        var response = await admin.GetAsync($"/springfield/admin/reports?handler=Csv&table=credentials&{Range}");

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        Assert.Equal("springfield-credentials-2025-03-01-to-2025-04-30.csv", response.Content.Headers.ContentDisposition!.FileNameStar ?? response.Content.Headers.ContentDisposition.FileName);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        Assert.Equal(Encoding.UTF8.GetPreamble(), bytes[..3]);
        var text = Encoding.UTF8.GetString(bytes[3..]);
        Assert.EndsWith("\r\n", text);
        var lines = text.Split("\r\n")[..^1];
        Assert.Equal("Micro-credential,Awarded,Not yet,Pass rate (%),Submitted,Resubmissions,Resubmission rate (%),Median turnaround (days)", lines[0]);
        Assert.Equal("\"Report, \"\"Quoted\"\" Credential\",2,1,66.7,3,1,33.3,4", Assert.Single(lines[1..]));
    }

    [Fact]
    public async Task Every_table_exports_and_a_formula_in_a_name_is_written_as_text()
    {
        using var admin = new HttpSession(fixture.BaseAddress);
        await admin.LogInAsync(Admin);

        var teachers = await CsvLinesAsync(admin, "teachers");
        Assert.Equal("Teacher,Email,School,Credentials awarded,PD hours", teachers[0]);
        Assert.Contains("Casey Nguyen,casey.nguyen@springfield.test,Report High,1,10", teachers);
        // Quoted (it has a comma and quotes) and prefixed with an apostrophe, so no spreadsheet runs it.
        Assert.Contains("\"'=HYPERLINK(\"\"http://evil.example/\"\",\"\"Click\"\")\",taylor.brooks@springfield.test,Evergreen Terrace Elementary,1,10", teachers);
        Assert.DoesNotContain(teachers, l => l.StartsWith('='));

        Assert.Equal(["Month,Badges issued", "2025-03,1", "2025-04,1"], await CsvLinesAsync(admin, "awards-by-month"));
        Assert.Equal(["School,Teachers,Credentials awarded,PD hours", "Evergreen Terrace Elementary,1,1,10", "Report High,1,1,10"], await CsvLinesAsync(admin, "schools"));
        Assert.Equal(["Credit type,Unit,Requests approved,Units granted,Teachers"], await CsvLinesAsync(admin, "recognition"));

        Assert.Equal(HttpStatusCode.NotFound, (await admin.GetAsync($"/springfield/admin/reports?handler=Csv&table=passwords&{Range}")).StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, (await admin.GetAsync("/springfield/admin/reports?handler=Csv&table=teachers&from=2025-05-01&to=2025-04-01")).StatusCode);
    }

    [Fact]
    public async Task The_report_page_shows_the_tables_charts_and_csv_links_and_explains_a_backwards_range()
    {
        using var admin = new HttpSession(fixture.BaseAddress);
        await admin.LogInAsync(Admin);
        var page = await admin.PageAsync($"/springfield/admin/reports?{Range}");

        var row = page.QuerySelector("table.report-credentials tbody tr")!;
        Assert.Contains(Credential, row.TextContent);
        Assert.Contains("66.7%", row.TextContent);
        Assert.Contains("4.0 days", row.TextContent);
        Assert.Equal(3, page.QuerySelectorAll("figure.chart svg[role=img]").Length);
        Assert.Equal(5, page.QuerySelectorAll("a[href*='handler=Csv']").Length);
        Assert.Contains(page.QuerySelectorAll("a[href*='handler=Csv']"), a => a.GetAttribute("href")!.Contains("table=schools&from=2025-03-01&to=2025-04-30"));
        Assert.Equal("2025-03-01", page.QuerySelector("input#from")!.GetAttribute("value"));
        // Each chart's numbers are one click away (not repeated in full), with labels in full where the axis shortens them.
        Assert.Equal(3, page.QuerySelectorAll("figure.chart details.chart-numbers table").Length);
        Assert.Contains(page.QuerySelectorAll("#pass-chart-caption ~ details th[scope=row]"), th => th.TextContent == Credential);
        Assert.Equal("2 badges issued", page.QuerySelector("#stat-issued")!.TextContent.Trim());
        Assert.Contains("What these figures count", page.QuerySelector("#what-counts summary")!.TextContent);
        var march = await admin.PageAsync("/springfield/admin/reports?from=2025-03-01&to=2025-03-31");
        Assert.Equal("1 badge issued", march.QuerySelector("#stat-issued")!.TextContent.Trim());
        Assert.Equal("1 teacher earned micro-credentials", march.QuerySelector("#stat-teachers")!.TextContent.Trim());

        var backwards = await admin.PageAsync("/springfield/admin/reports?from=2025-05-01&to=2025-04-01");
        Assert.Contains("The end date must be on or after the start date.", backwards.Errors());
        var garbled = await admin.PageAsync("/springfield/admin/reports?from=yesterday");
        Assert.Contains("Enter dates as year-month-day, e.g. 2026-01-31.", garbled.Errors());
    }

    private static async Task<string[]> CsvLinesAsync(HttpSession session, string table)
    {
        var response = await session.GetAsync($"/springfield/admin/reports?handler=Csv&table={table}&{Range}");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var text = Encoding.UTF8.GetString((await response.Content.ReadAsByteArrayAsync())[3..]);
        return text.Split("\r\n")[..^1];
    }
}
