using System.Net;
using Mediator;
using MicroCred.Application.Data;
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
    public async Task The_Admin_pages_and_filters_the_trail_and_sees_only_their_district()
    {
        await using (var scope = await fixture.As("admin@shelbyville.test", "shelbyville"))
            await AppFixture.Get<ISender>(scope).Send(new InviteMember("shelby-only@example.org", DistrictRole.Earner));
        await using (var scope = await fixture.As("admin@springfield.test", "springfield"))
            for (var i = 0; i < 55; i++) await AppFixture.Get<ISender>(scope).Send(new InviteMember($"bulk{i}@example.org", DistrictRole.Earner));

        using var admin = new HttpSession(fixture.BaseAddress);
        await admin.LogInAsync("admin@springfield.test");
        var first = await admin.PageAsync("/springfield/admin/audit?action=InviteMember");
        Assert.Equal(50, first.QuerySelectorAll("tbody tr").Length);
        Assert.Contains("page 1 of 2", first.MainText());
        Assert.All(first.QuerySelectorAll("tbody tr td:nth-child(3)"), td => Assert.Equal("InviteMember", td.TextContent));
        Assert.DoesNotContain("shelby-only@example.org", first.MainText());

        var second = await admin.PageAsync(first.QuerySelector(".pager a")!.GetAttribute("href")!);
        Assert.NotEmpty(second.QuerySelectorAll("tbody tr"));
        Assert.Contains("page 2 of 2", second.MainText());

        var byPerson = await admin.PageAsync("/springfield/admin/audit?actor=nobody-by-this-name");
        Assert.Empty(byPerson.QuerySelectorAll("tbody tr"));
        Assert.Equal(HttpStatusCode.Forbidden, (await admin.GetAsync("/shelbyville/admin/audit")).StatusCode);
    }
}
