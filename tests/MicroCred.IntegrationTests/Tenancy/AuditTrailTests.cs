using System.Net;
using Mediator;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Assessment;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Domain.Tenancy;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroCred.IntegrationTests.Tenancy;

public sealed class AuditTrailTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    [Fact]
    public async Task Every_command_that_changes_state_records_who_when_what_and_which_district()
    {
        var before = DateTimeOffset.UtcNow.AddSeconds(-1);
        Guid invitationId;
        await using (var scope = await fixture.As("admin@springfield.test", "springfield"))
            invitationId = await AppFixture.Get<ISender>(scope).Send(new InviteMember("audited@example.org", DistrictRole.Earner));

        var (springfield, _) = await fixture.District("springfield");
        await using var check = await fixture.As("admin@springfield.test", "springfield");
        var entry = await AppFixture.Get<AppDbContext>(check).AuditEntries.OrderByDescending(e => e.Id).FirstAsync(e => e.Action == nameof(InviteMember));
        Assert.Equal(springfield, entry.TenantId);
        Assert.Equal(await fixture.UserId("admin@springfield.test"), entry.ActorId);
        Assert.Equal("Alicia Admin", entry.ActorName);
        Assert.True(entry.At >= before);
        Assert.Contains($"Added Invitation {invitationId}", entry.Targets);
        Assert.Contains("audited@example.org", entry.Details);
    }

    [Fact]
    public async Task Queries_write_nothing_and_secrets_never_reach_the_trail()
    {
        using var browser = new HttpSession(fixture.BaseAddress);
        await browser.SubmitAsync("/account/register", new Dictionary<string, string>
        {
            ["Input.DisplayName"] = "Secretive Person", ["Input.Email"] = "secretive@example.org", ["Input.Password"] = "do not log this passphrase",
        });
        await using var scope = fixture.App.Scope();
        var db = AppFixture.Get<AppDbContext>(scope);
        var entries = await db.AuditEntries.Where(e => e.Action == "RegisterAccount").ToListAsync();
        Assert.NotEmpty(entries);
        Assert.All(entries, e => Assert.Null(e.TenantId));
        Assert.All(entries, e => Assert.DoesNotContain("do not log this passphrase", e.Details ?? ""));
        Assert.DoesNotContain(await db.AuditEntries.Select(e => e.Action).ToListAsync(), a => a.StartsWith("List", StringComparison.Ordinal) || a.StartsWith("Get", StringComparison.Ordinal));
    }

    [Fact]
    public async Task The_trail_is_append_only_even_for_the_table_owner()
    {
        await using (var scope = await fixture.As("admin@springfield.test", "springfield"))
            await AppFixture.Get<ISender>(scope).Send(new InviteMember("append-only@example.org", DistrictRole.Earner));
        var (springfield, _) = await fixture.District("springfield");

        await using var app = new NpgsqlConnection(TestPostgres.App(fixture.App.Database));
        await app.OpenAsync();
        await new NpgsqlCommand($"SELECT set_config('app.tenant_id', '{springfield}', false)", app).ExecuteNonQueryAsync();
        var byApp = await Assert.ThrowsAsync<PostgresException>(() => new NpgsqlCommand("UPDATE audit_entries SET action = 'Forged'", app).ExecuteNonQueryAsync());
        Assert.Equal("42501", byApp.SqlState);

        await using var owner = new NpgsqlConnection(TestPostgres.Owner(fixture.App.Database));
        await owner.OpenAsync();
        await new NpgsqlCommand($"SELECT set_config('app.tenant_id', '{springfield}', false)", owner).ExecuteNonQueryAsync();
        var byOwner = await Assert.ThrowsAsync<PostgresException>(() => new NpgsqlCommand("DELETE FROM audit_entries", owner).ExecuteNonQueryAsync());
        Assert.Contains("append-only", byOwner.MessageText);
    }

    [Fact]
    public async Task The_Admin_pages_older_and_newer_and_filters_the_trail_and_sees_only_their_district()
    {
        await using (var scope = await fixture.As("admin@shelbyville.test", "shelbyville"))
            await AppFixture.Get<ISender>(scope).Send(new InviteMember("shelby-only@example.org", DistrictRole.Earner));
        await using (var scope = await fixture.As("admin@springfield.test", "springfield"))
            for (var i = 0; i < 55; i++) await AppFixture.Get<ISender>(scope).Send(new InviteMember($"bulk{i}@example.org", DistrictRole.Earner));

        using var admin = new HttpSession(fixture.BaseAddress);
        await admin.LogInAsync("admin@springfield.test");
        var first = await admin.PageAsync("/springfield/admin/audit?action=InviteMember");
        Assert.Equal(50, first.QuerySelectorAll("tbody tr").Length);
        Assert.All(first.QuerySelectorAll("tbody tr td:nth-child(3)"), td => Assert.Equal("Invited a person", td.TextContent));
        Assert.Contains("bulk54@example.org", first.MainText());
        Assert.DoesNotContain("shelby-only@example.org", first.MainText());
        Assert.Null(first.QuerySelector(".pager a[rel=prev]"));
        // The action filter offers actions in words, from the code's list (not from the table).
        Assert.Equal("Invited a person", first.QuerySelector("#action option[selected]")!.TextContent);

        var second = await admin.PageAsync(first.QuerySelector(".pager a[rel=next]")!.GetAttribute("href")!);
        var secondRows = second.QuerySelectorAll("tbody tr").Length;
        Assert.InRange(secondRows, 5, 50);
        Assert.Contains("bulk0@example.org", second.MainText());
        Assert.DoesNotContain("bulk54@example.org", second.MainText());
        var back = await admin.PageAsync(second.QuerySelector(".pager a[rel=prev]")!.GetAttribute("href")!);
        Assert.Equal(first.QuerySelector("tbody")!.TextContent, back.QuerySelector("tbody")!.TextContent);
        Assert.Null(back.QuerySelector(".pager a[rel=prev]"));

        var byPerson = await admin.PageAsync("/springfield/admin/audit?actor=nobody-by-this-name");
        Assert.Empty(byPerson.QuerySelectorAll("tbody tr"));
        Assert.Contains("No entry matches these filters.", byPerson.MainText());
        var byAlicia = await admin.PageAsync("/springfield/admin/audit?actor=alicia&action=InviteMember");
        Assert.All(byAlicia.QuerySelectorAll("tbody tr td:nth-child(2)"), td => Assert.Equal("Alicia Admin", td.TextContent));
        var tomorrow = DateTime.UtcNow.AddDays(1).ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Empty((await admin.PageAsync($"/springfield/admin/audit?from={tomorrow}")).QuerySelectorAll("tbody tr"));
        var today = DateTime.UtcNow.ToString("yyyy-MM-dd", System.Globalization.CultureInfo.InvariantCulture);
        Assert.Equal(50, (await admin.PageAsync($"/springfield/admin/audit?action=InviteMember&from={today}&to={today}")).QuerySelectorAll("tbody tr").Length);

        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/shelbyville/admin/audit")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/shelbyville/admin/audit?handler=Csv")).StatusCode);
    }

    [Fact]
    public async Task A_credential_saved_whole_reads_as_its_beginning_with_the_rest_folded_and_no_level_ids()
    {
        var content = AssessmentKit.Content("Audit: a long credential", 3);
        await using (var scope = await fixture.As("developer@springfield.test", "springfield"))
        {
            var sender = AppFixture.Get<ISender>(scope);
            var id = await sender.Send(new Application.Features.Design.CreateCredential("Audit: a long credential"));
            await sender.Send(new Application.Features.Design.SaveCredentialDraft(id, content));
        }

        using var admin = new HttpSession(fixture.BaseAddress);
        await admin.LogInAsync("admin@springfield.test");
        var saved = (await admin.PageAsync("/springfield/admin/audit?action=SaveCredentialDraft")).QuerySelector("tbody tr")!;
        var folded = saved.QuerySelector("dl.audit-details dd details")!;
        var beginning = folded.QuerySelector("summary")!.TextContent;
        Assert.EndsWith("…", beginning);
        Assert.True(beginning.Length <= AuditDetail.ShortLength + 2 && folded.TextContent.Length > beginning.Length, beginning);
        Assert.Contains("Audit: a long credential", folded.TextContent);
        Assert.All(content.Rubric.Levels, level => Assert.DoesNotContain(level.Id.ToString(), saved.TextContent));
    }

    [Fact]
    public async Task Details_read_as_names_and_words_not_ids_and_numbers()
    {
        Guid schoolId;
        await using (var scope = await fixture.As("admin@springfield.test", "springfield"))
        {
            var sender = AppFixture.Get<ISender>(scope);
            schoolId = await sender.Send(new AddSchool("Audit Wording Elementary"));
            await sender.Send(new InviteMember("worded@example.org", DistrictRole.Assessor | DistrictRole.Issuer));
            await sender.Send(new RenameSchool(schoolId, "Audit Wording Primary"));
        }

        using var admin = new HttpSession(fixture.BaseAddress);
        await admin.LogInAsync("admin@springfield.test");
        var invite = (await admin.PageAsync("/springfield/admin/audit?action=InviteMember")).QuerySelector("tbody tr")!;
        Assert.Contains("Added invitation: worded@example.org", invite.TextContent);
        var details = invite.QuerySelectorAll("dl.audit-details dt").Select(dt => (dt.TextContent, dt.NextElementSibling!.TextContent)).ToList();
        Assert.Contains(("Email", "worded@example.org"), details);
        Assert.Contains(("Roles", "assessor, issuer"), details);

        var rename = (await admin.PageAsync("/springfield/admin/audit?action=RenameSchool")).QuerySelector("tbody tr")!;
        Assert.Contains("Renamed a school", rename.TextContent);
        Assert.Contains("Changed school: Audit Wording Primary", rename.TextContent);
        Assert.DoesNotContain(schoolId.ToString(), rename.TextContent);
        var renameDetails = rename.QuerySelectorAll("dl.audit-details dt").Select(dt => (dt.TextContent, dt.NextElementSibling!.TextContent)).ToList();
        Assert.Contains(("School", "Audit Wording Primary"), renameDetails);
    }

    [Fact]
    public async Task The_filtered_trail_downloads_as_formula_safe_CSV_of_this_district_only()
    {
        await using (var scope = await fixture.As("admin@shelbyville.test", "shelbyville"))
            await AppFixture.Get<ISender>(scope).Send(new AddSchool("Shelbyville Secret School"));
        var (springfield, _) = await fixture.District("springfield");
        // A person whose name a spreadsheet would run as a formula.
        await using (var scope = fixture.App.Scope(springfield, "springfield", await fixture.UserId("admin@springfield.test"), "admin@springfield.test", "=HYPERLINK(\"http://evil.test\",\"x\")"))
            await AppFixture.Get<ISender>(scope).Send(new AddSchool("Formula Falls, \"Upper\" School"));

        using var admin = new HttpSession(fixture.BaseAddress);
        await admin.LogInAsync("admin@springfield.test");
        var page = await admin.PageAsync("/springfield/admin/audit?action=AddSchool");
        var link = page.QuerySelector("a[download]")!.GetAttribute("href")!;
        Assert.Contains("handler=Csv", link);
        Assert.Contains("action=AddSchool", link);

        var response = await admin.GetAsync(link);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("text/csv", response.Content.Headers.ContentType!.MediaType);
        var rows = Application.Features.Issuing.CsvFile.Read(await response.Content.ReadAsByteArrayAsync());
        Assert.Equal(["When (UTC)", "Who", "Action", "Action code", "Changed", "Details", "Request"], rows[0].Fields);
        var data = rows.Skip(1).ToList();
        Assert.NotEmpty(data);
        Assert.All(data, r => Assert.Equal("AddSchool", r.Fields[3]));
        var formula = Assert.Single(data, r => r.Fields[5].Contains("Formula Falls", StringComparison.Ordinal));
        Assert.Equal("'=HYPERLINK(\"http://evil.test\",\"x\")", formula.Fields[1]);
        Assert.Equal("Added a school", formula.Fields[2]);
        Assert.Equal("Name: Formula Falls, \"Upper\" School", formula.Fields[5]);
        Assert.DoesNotContain(data, r => string.Join(",", r.Fields).Contains("Shelbyville", StringComparison.Ordinal));
    }
}
