using System.Net;
using System.Net.Http.Headers;
using System.Text;
using System.Text.Json;
using AngleSharp.Dom;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Issuing;
using MicroCred.Application.Seeding;
using MicroCred.Domain.Issuing;
using MicroCred.Domain.Tenancy;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace MicroCred.IntegrationTests.Issuing;

/// <summary>Bulk issuing from CSV over HTTP: the preview's row errors, the background run, idempotent re-uploads, isolation.</summary>
public sealed class BadgeImportTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string Issuer = "issuer@springfield.test";
    private readonly BadgeKit kit = new(fixture);

    private static async Task<HttpResponseMessage> Upload(HttpSession session, byte[] bytes, string slug = "springfield", string fileName = "badges.csv")
    {
        var page = await session.PageAsync($"/{slug}/issuing/import");
        using var form = new MultipartFormDataContent();
        form.Add(new StringContent(HttpSession.TokenOf(page)!), "__RequestVerificationToken");
        var file = new ByteArrayContent(bytes);
        file.Headers.ContentType = new MediaTypeHeaderValue("text/csv");
        form.Add(file, "Input.File", fileName);
        return await session.Client.PostAsync($"/{slug}/issuing/import", form);
    }

    /// <summary>Uploads and follows the redirect to the preview; returns the import's id and its page.</summary>
    private static async Task<(Guid Id, IDocument Page)> Preview(HttpSession session, string csv, string fileName = "badges.csv")
    {
        var response = await Upload(session, Encoding.UTF8.GetBytes(csv), fileName: fileName);
        Assert.True(response.StatusCode == HttpStatusCode.Redirect, HttpSession.Excerpt(await response.Content.ReadAsStringAsync()));
        var location = response.Headers.Location!.OriginalString;
        return (Guid.Parse(location[^36..]), await session.PageAsync(location));
    }

    private static string Result(IDocument page, int line) => page.QuerySelector($"table.import-rows tr[data-line='{line}'] td.message")!.TextContent.Trim();

    private async Task<HttpResponseMessage> Start(HttpSession session, Guid id, string slug = "springfield")
    {
        var page = await session.PageAsync($"/springfield/issuing/import/{id}");
        return await session.PostAsync($"/{slug}/issuing/import/{id}?handler=Start", new Dictionary<string, string>(), HttpSession.TokenOf(page));
    }

    private async Task<int> AssertionCount() => await kit.Db(db => db.Assertions.CountAsync());

    [Fact]
    public async Task The_preview_shows_each_problem_on_its_row_and_issues_nothing()
    {
        await kit.Issue("pat.rivera@springfield.test", "springfield", DesignSeed.Discourse, new DateTimeOffset(2024, 2, 2, 0, 0, 0, TimeSpan.Zero));
        var before = await AssertionCount();
        var csv = $"""
            email,credential,date,evidence_url
            morgan.lee@springfield.test,{DesignSeed.Discourse},2024-05-31,https://example.org/portfolio/erin
            taylor.brooks@springfield.test,Underwater Basket Weaving,2024-01-01,
            casey.nguyen@springfield.test,{DesignSeed.Discourse},31/02/2024,
            riley.chen@springfield.test,{DesignSeed.Discourse},2099-01-01,
            not-an-email,{DesignSeed.Discourse},2024-01-01,
            sam.ortiz@springfield.test,{DesignSeed.Discourse},2024-01-01,ftp://files.example.org/x
            "MORGAN.LEE@springfield.test","  facilitating   PRODUCTIVE discourse ",2024-06-01,
            pat.rivera@springfield.test,{DesignSeed.Discourse},2024-03-03,
            casey.nguyen@springfield.test,{DesignSeed.Whiteboard},2024-03-03,
            """;
        using var issuer = new HttpSession(fixture.BaseAddress);
        await issuer.LogInAsync(Issuer);
        var (id, page) = await Preview(issuer, csv);

        Assert.StartsWith("Ready", Result(page, 2));
        Assert.Contains("No published micro-credential of this district is called “Underwater Basket Weaving”", Result(page, 3));
        Assert.Contains("“31/02/2024” is not a date", Result(page, 4));
        Assert.Contains("in the future", Result(page, 5));
        Assert.Contains("“not-an-email” is not an email address", Result(page, 6));
        Assert.Contains("not a web address starting with http:// or https://", Result(page, 7));
        Assert.Contains("Duplicate of line 2", Result(page, 8)); // same person and credential, whatever the case and spacing
        Assert.StartsWith("Skipped", Result(page, 9));
        Assert.Contains("Already holds this badge (issued 2 February 2024)", Result(page, 9));
        Assert.Contains("is called “Interactive Whiteboard Fluency”", Result(page, 10)); // retired: not published any more
        foreach (var line in new[] { 3, 4, 5, 6, 7, 8, 10 }) Assert.StartsWith("Error", Result(page, line));
        Assert.Equal(["1", "1", "7"], page.QuerySelectorAll(".stats .value").Select(v => v.TextContent.Trim()));
        Assert.Equal("Issue 1 badge", page.QuerySelector("main form button[type=submit]")!.TextContent.Trim());
        Assert.Equal(before, await AssertionCount());
        Assert.Equal(1, await kit.AuditCount(nameof(PreviewBadgeImport), "springfield", id.ToString()));
    }

    [Fact]
    public async Task Issuing_runs_in_the_background_to_completion_and_uploading_the_file_again_issues_nothing_twice()
    {
        // A spreadsheet export: byte order mark, CRLF line ends, quoted fields with commas, a line break and quotes inside.
        var csv = "\uFEFFEmail,Credential,Date,Evidence URL,Name\r\n"
            + $"casey.nguyen@springfield.test,\"{DesignSeed.EquitableCulture}\",2023-09-15,https://example.org/casey,\r\n"
            + $"\"new.teacher@elsewhere.test\",{DesignSeed.CollectiveLeadership},2022-03-01,,\"Nora \"\"Nell\"\" New, PhD\"\r\n"
            + "\r\n"
            + $"earner@shelbyville.test,{DesignSeed.GoingPublic},2021-12-24,\"https://example.org/eli?a=1,2\",\"Eli\r\nLearner\"\r\n";
        var bytes = Encoding.UTF8.GetBytes(csv);
        using var issuer = new HttpSession(fixture.BaseAddress);
        await issuer.LogInAsync(Issuer);
        var response = await Upload(issuer, bytes, fileName: "records 2021-2023.csv");
        var location = response.Headers.Location!.OriginalString;
        var id = Guid.Parse(location[^36..]);
        var preview = await issuer.PageAsync(location);
        // Someone without an account and someone with one elsewhere read the same: the preview tells nobody who has an account.
        Assert.Contains(PreviewBadgeImportHandler.NotAMember, Result(preview, 3));
        Assert.Equal(Result(preview, 3), Result(preview, 5)); // line 5: the blank line counts
        Assert.Equal("Issue 3 badges", preview.QuerySelector("main form button[type=submit]")!.TextContent.Trim());

        var queue = fixture.App.Services.GetRequiredService<BadgeImportQueue>();
        var worked = queue.WhenWorkedOn(id);
        var started = await Start(issuer, id);
        Assert.Equal(HttpStatusCode.Redirect, started.StatusCode);
        await worked.WaitAsync(TimeSpan.FromSeconds(60));

        var progress = JsonDocument.Parse(await (await issuer.GetAsync($"/springfield/issuing/import/{id}?handler=Progress")).Content.ReadAsStringAsync()).RootElement;
        Assert.Equal("Completed", progress.GetProperty("status").GetString());
        Assert.Equal(100, progress.GetProperty("percent").GetInt32());
        Assert.Equal(3, progress.GetProperty("issued").GetInt32());
        Assert.True(progress.GetProperty("finished").GetBoolean());
        var done = await issuer.PageAsync($"/springfield/issuing/import/{id}");
        Assert.Contains("Done: 100 %", done.MainText());
        foreach (var line in new[] { 2, 3, 5 }) Assert.StartsWith("Issued", Result(done, line));

        // The badges are real, dated when earned, with the evidence link given.
        var casey = Assert.Single(await kit.HeldBy("casey.nguyen@springfield.test", "springfield"));
        Assert.Equal(new DateTimeOffset(2023, 9, 15, 0, 0, 0, TimeSpan.Zero), casey.IssuedOn);
        Assert.Equal("https://example.org/casey", casey.EvidenceUrl);
        Assert.Equal(await fixture.UserId(Issuer), casey.IssuedBy);
        var eli = Assert.Single(await kit.IssuedTo("earner@shelbyville.test", "springfield"));
        Assert.Equal("https://example.org/eli?a=1,2", eli.EvidenceUrl);

        // People outside the district get the badge at their email and a claim link; nobody gets an account or a membership.
        Assert.False(await kit.Db(db => db.Users.AnyAsync(u => u.NormalizedEmail == "NEW.TEACHER@ELSEWHERE.TEST")));
        var nora = Assert.Single(await kit.IssuedTo("new.teacher@elsewhere.test", "springfield"));
        Assert.Null(nora.RecipientId);
        Assert.Equal("Nora \"Nell\" New, PhD", nora.RecipientName);
        Assert.Null(eli.RecipientId);
        var eliId = await fixture.UserId("earner@shelbyville.test");
        Assert.False(await kit.Db(db => db.Memberships.AnyAsync(m => m.UserId == eliId)));
        var (subject, body) = await fixture.LatestTo("new.teacher@elsewhere.test");
        Assert.Equal($"Springfield Public Schools issued you a badge: {DesignSeed.CollectiveLeadership}", subject);
        Assert.Contains("/springfield/claim?token=", body);
        Assert.DoesNotContain("reset-password", body);
        var (eliSubject, eliBody) = await fixture.LatestTo("earner@shelbyville.test");
        Assert.Equal($"Springfield Public Schools issued you a badge: {DesignSeed.GoingPublic}", eliSubject);
        Assert.Contains("/springfield/claim?token=", eliBody);
        foreach (var line in new[] { 3, 5 }) Assert.Contains(IssueImportedBadgeHandler.ClaimEmailed, Result(done, line));
        Assert.Equal(3, await kit.AuditCount(nameof(IssueImportedBadge), "springfield", id.ToString())); // one per row, naming the import

        // The same file again: every row is already held, nothing can be issued, nothing is issued twice.
        var count = await AssertionCount();
        var (againId, again) = await Preview(issuer, csv, "records 2021-2023.csv");
        Assert.NotEqual(id, againId);
        foreach (var line in new[] { 2, 3, 5 }) Assert.StartsWith("Skipped", Result(again, line));
        Assert.Contains("Already holds this badge (issued 15 September 2023)", Result(again, 2));
        Assert.DoesNotContain(again.QuerySelectorAll("main form button[type=submit]"), b => b.TextContent.Contains("Issue"));
        var refused = await Start(issuer, againId);
        Assert.Contains((await HttpSession.Parse(await refused.Content.ReadAsStringAsync())).Errors(), e => e.Contains("No row is ready to issue"));
        // Starting the finished import again changes nothing either.
        var twice = await Start(issuer, id);
        Assert.Contains((await HttpSession.Parse(await twice.Content.ReadAsStringAsync())).Errors(), e => e.Contains("already started"));
        Assert.Equal(count, await AssertionCount());
    }

    [Fact]
    public async Task Rows_held_by_the_time_the_job_reaches_them_are_skipped_not_issued_twice()
    {
        using var issuer = new HttpSession(fixture.BaseAddress);
        await issuer.LogInAsync(Issuer);
        var (first, _) = await Preview(issuer, $"email,credential,date\nsam.ortiz@springfield.test,{DesignSeed.VirtualOrganizing},2024-04-04\n");
        var (second, _) = await Preview(issuer, $"email,credential,date\nSAM.ORTIZ@springfield.test,{DesignSeed.VirtualOrganizing},2024-05-05\n");
        var queue = fixture.App.Services.GetRequiredService<BadgeImportQueue>();
        var firstDone = queue.WhenWorkedOn(first);
        await Start(issuer, first);
        await firstDone.WaitAsync(TimeSpan.FromSeconds(60));
        var secondDone = queue.WhenWorkedOn(second);
        await Start(issuer, second);
        await secondDone.WaitAsync(TimeSpan.FromSeconds(60));

        var page = await issuer.PageAsync($"/springfield/issuing/import/{second}");
        Assert.StartsWith("Skipped", Result(page, 2));
        Assert.Contains("Already holds this badge (issued 4 April 2024)", Result(page, 2));
        Assert.Single(await kit.HeldBy("sam.ortiz@springfield.test", "springfield"));
    }

    [Fact]
    public async Task Another_districts_issuer_cannot_see_or_run_an_import_and_other_roles_cannot_either()
    {
        using var issuer = new HttpSession(fixture.BaseAddress);
        await issuer.LogInAsync(Issuer);
        var (id, _) = await Preview(issuer, $"email,credential,date\nriley.chen@springfield.test,{DesignSeed.Discourse},2024-04-04\n", "springfield-secret.csv");

        using var outsider = new HttpSession(fixture.BaseAddress);
        await outsider.LogInAsync("issuer@shelbyville.test");
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/shelbyville/issuing/import/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.NotFound, (await outsider.GetAsync($"/shelbyville/issuing/import/{id}?handler=Progress")).StatusCode);
        var theirs = await outsider.PageAsync("/shelbyville/issuing/import");
        Assert.DoesNotContain("springfield-secret.csv", theirs.Source.Text);
        var start = await outsider.PostAsync($"/shelbyville/issuing/import/{id}?handler=Start", new Dictionary<string, string>(), HttpSession.TokenOf(theirs));
        Assert.Equal(HttpStatusCode.NotFound, start.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/springfield/issuing/import/{id}")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync($"/springfield/issuing/import/{id}?handler=Progress")).StatusCode);

        // The command itself refuses too, whoever sends it.
        await Assert.ThrowsAnyAsync<Exception>(async () =>
        {
            await using var scope = await fixture.As("issuer@shelbyville.test", "shelbyville");
            await AppFixture.Get<Mediator.ISender>(scope).Send(new StartBadgeImport(id));
        });
        // And the database shows Shelbyville none of Springfield's import rows, even with the query filter lifted.
        await using (var scope = await fixture.As("issuer@shelbyville.test", "shelbyville"))
        {
            var db = AppFixture.Get<AppDbContext>(scope);
            Assert.Empty(await db.BadgeImports.IgnoreQueryFilters([AppDbContext.TenantFilter]).Where(i => i.Id == id).ToListAsync());
            Assert.Empty(await db.BadgeImportRows.IgnoreQueryFilters([AppDbContext.TenantFilter]).Where(r => r.ImportId == id).ToListAsync());
        }

        foreach (var email in new[] { "earner@springfield.test", "admin@springfield.test", "developer@springfield.test" })
        {
            using var member = new HttpSession(fixture.BaseAddress);
            await member.LogInAsync(email);
            Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync("/springfield/issuing/import")).StatusCode);
            Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync($"/springfield/issuing/import/{id}")).StatusCode);
        }
        using var stranger = new HttpSession(fixture.BaseAddress);
        Assert.Equal(HttpStatusCode.Redirect, (await stranger.GetAsync($"/springfield/issuing/import/{id}")).StatusCode);

        Assert.Equal(BadgeImportStatus.Previewed, await kit.Db(db => db.BadgeImports.Where(i => i.Id == id).Select(i => i.Status).SingleAsync()));
        Assert.Empty(await kit.HeldBy("riley.chen@springfield.test", "springfield"));
    }

    [Fact]
    public async Task The_example_file_lists_the_districts_own_credentials_and_previews_cleanly()
    {
        using var issuer = new HttpSession(fixture.BaseAddress);
        await issuer.LogInAsync(Issuer);
        var page = await issuer.PageAsync("/springfield/issuing/import");
        var link = page.QuerySelectorAll("main a").Single(a => a.TextContent.Contains("Download an example file")).GetAttribute("href")!;
        var response = await issuer.GetAsync(link);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var records = CsvFile.Read(bytes);
        Assert.Equal(["email", "credential", "date", "evidence_url", "name"], records[0].Fields);
        Assert.Equal(3, records.Count - 1);
        Assert.All(records.Skip(1), r => Assert.Contains(r.Fields[1], DesignSeed.SpringfieldPublished));

        var preview = await issuer.PageAsync((await Upload(issuer, bytes, fileName: "badges-example.csv")).Headers.Location!.OriginalString);
        foreach (var line in new[] { 2, 3, 4 }) Assert.StartsWith("Ready", Result(preview, line));

        using var outsider = new HttpSession(fixture.BaseAddress);
        await outsider.LogInAsync("issuer@shelbyville.test");
        var theirs = await (await outsider.GetAsync("/shelbyville/issuing/import?handler=Example")).Content.ReadAsStringAsync();
        Assert.Contains(DesignSeed.RestorativeCircles, theirs);
        Assert.DoesNotContain(DesignSeed.Discourse, theirs);
        Assert.Equal(HttpStatusCode.Forbidden, (await outsider.GetAsync("/springfield/issuing/import?handler=Example")).StatusCode);
    }

    [Fact]
    public async Task Files_that_are_too_big_too_long_or_malformed_are_refused_with_a_clear_message()
    {
        using var issuer = new HttpSession(fixture.BaseAddress);
        await issuer.LogInAsync(Issuer);
        var imports = await kit.Db(db => db.BadgeImports.CountAsync());

        async Task<IReadOnlyList<string>> Errors(byte[] bytes)
        {
            var response = await Upload(issuer, bytes);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            var page = await HttpSession.Parse(await response.Content.ReadAsStringAsync());
            Assert.NotNull(page.QuerySelector("input[type=file][name='Input.File']")); // the form is there to try again
            return page.Errors();
        }

        var big = Encoding.UTF8.GetBytes("email,credential,date\n" + string.Concat(Enumerable.Repeat($"someone@springfield.test,{DesignSeed.Discourse},2024-01-01\n", 20_000)));
        Assert.Contains(await Errors(big), e => e.Contains("larger than 1 MB"));
        var longFile = Encoding.UTF8.GetBytes("email,credential,date\n" + string.Concat(Enumerable.Range(0, 2001).Select(i => $"t{i}@x.test,C,2024-01-01\n")));
        Assert.Contains(await Errors(longFile), e => e.Contains("2,001 rows") && e.Contains("at most 2,000"));
        Assert.Contains(await Errors(Encoding.UTF8.GetBytes("email,credential\na@b.test,C\n")), e => e.Contains("Missing: date"));
        Assert.Contains(await Errors(Encoding.UTF8.GetBytes("email,credential,date,colour\n")), e => e.Contains("unknown column “colour”"));
        Assert.Contains(await Errors(Encoding.UTF8.GetBytes("email,credential,date\n\"a@b.test,C,2024-01-01\n")), e => e.Contains("Line 2: a quote is opened and never closed"));
        Assert.Contains(await Errors(Encoding.UTF8.GetBytes("email,credential,date\n")), e => e.Contains("no rows"));
        Assert.Contains(await Errors([]), e => e.Contains("Choose a CSV file"));
        Assert.Equal(imports, await kit.Db(db => db.BadgeImports.CountAsync())); // nothing was saved
    }
}
