using System.Net;
using Mediator;
using MicroCred.Application.Common;
using MicroCred.Application.Data;
using MicroCred.Application.Features.Tenancy;
using MicroCred.Domain.Common;
using MicroCred.Domain.Tenancy;
using MicroCred.IntegrationTests.Infrastructure;
using MicroCred.Testing;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace MicroCred.IntegrationTests.Tenancy;

/// <summary>
/// Tenant isolation, proved layer by layer: EF query filters, handlers, the save guard, PostgreSQL
/// row-level security under the app's own role, and HTTP.
/// </summary>
public sealed class TenantIsolationTests(AppFixture fixture) : IClassFixture<AppFixture>
{
    private const string AdminA = "admin@springfield.test";
    private const string AdminB = "admin@shelbyville.test";

    private async Task<Guid> InviteInSpringfield(string email)
    {
        await using var scope = await fixture.As(AdminA, "springfield");
        return await AppFixture.Get<ISender>(scope).Send(new InviteMember(email, DistrictRole.Earner));
    }

    [Fact]
    public async Task Written_as_A_read_as_B_finds_nothing()
    {
        var invitationId = await InviteInSpringfield("only-springfield@example.org");

        await using var asB = await fixture.As(AdminB, "shelbyville");
        var db = AppFixture.Get<AppDbContext>(asB);
        Assert.False(await db.Invitations.AnyAsync(i => i.Id == invitationId));
        var members = await AppFixture.Get<ISender>(asB).Send(new ListMembers());
        Assert.DoesNotContain(members.Invitations, i => i.Email == "only-springfield@example.org");
        Assert.DoesNotContain(members.Members, m => m.Email == AdminA);
        var (bId, _) = await fixture.District("shelbyville");
        Assert.All(await db.Memberships.Select(m => m.TenantId).ToListAsync(), t => Assert.Equal(bId, t));

        await using var asA = await fixture.As(AdminA, "springfield");
        Assert.True(await AppFixture.Get<AppDbContext>(asA).Invitations.AnyAsync(i => i.Id == invitationId));
    }

    [Fact]
    public async Task A_handler_run_as_B_with_an_id_of_A_answers_not_found()
    {
        var invitationId = await InviteInSpringfield("not-yours@example.org");
        Guid membershipOfA;
        await using (var asA = await fixture.As(AdminA, "springfield"))
            membershipOfA = await AppFixture.Get<AppDbContext>(asA).Memberships.Select(m => m.Id).FirstAsync();

        await using var asB = await fixture.As(AdminB, "shelbyville");
        var sender = AppFixture.Get<ISender>(asB);
        await Assert.ThrowsAsync<NotFoundException>(() => sender.Send(new RevokeInvitation(invitationId)).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => sender.Send(new ChangeMemberRoles(membershipOfA, DistrictRole.Admin)).AsTask());
        await Assert.ThrowsAsync<NotFoundException>(() => sender.Send(new RemoveMember(membershipOfA)).AsTask());
    }

    [Fact]
    public async Task Saving_a_row_of_A_while_acting_as_B_is_refused()
    {
        var a = await fixture.District("springfield");
        await using var asB = await fixture.As(AdminB, "shelbyville");
        var db = AppFixture.Get<AppDbContext>(asB);
        using var _ = AppFixture.Get<AuditScope>(asB).Begin("Test", null);

        db.Invitations.Add(Invitation.Create(a.Id, "smuggled@example.org", DistrictRole.Admin, "hash-smuggled", Guid.NewGuid(), DateTimeOffset.UtcNow));
        await Assert.ThrowsAsync<TenantIsolationException>(() => db.SaveChangesAsync());
        db.ChangeTracker.Clear();

        // An entity of B whose tenant is rewritten to A is refused too.
        var own = await db.Memberships.FirstAsync();
        db.Entry(own).Property(nameof(ITenantOwned.TenantId)).CurrentValue = a.Id;
        await Assert.ThrowsAsync<TenantIsolationException>(() => db.SaveChangesAsync());
    }

    [Fact]
    public async Task Without_a_district_tenant_owned_queries_return_nothing()
    {
        await using var scope = fixture.App.Scope();
        var db = AppFixture.Get<AppDbContext>(scope);
        Assert.Equal(0, await db.Memberships.CountAsync());
        Assert.Equal(0, await db.Invitations.CountAsync());
        Assert.True(await db.Districts.CountAsync() >= 2, "districts themselves are public");
    }

    [Fact]
    public async Task The_app_role_sees_only_its_district_even_with_query_filters_ignored()
    {
        await InviteInSpringfield("rls-check@example.org");
        var (bId, _) = await fixture.District("shelbyville");

        // Through EF with every filter lifted: row-level security still keeps A's rows out.
        await using (var asB = await fixture.As(AdminB, "shelbyville"))
        {
            var db = AppFixture.Get<AppDbContext>(asB);
            Assert.All(await db.Invitations.IgnoreQueryFilters().Select(i => i.TenantId).ToListAsync(), t => Assert.Equal(bId, t));
            Assert.DoesNotContain(await db.Memberships.IgnoreQueryFilters().ToListAsync(), m => m.TenantId != bId && m.UserId != AppFixture.Get<ICurrentUser>(asB).Id);
        }

        // Through a raw connection as the app role.
        await using var connection = new NpgsqlConnection(TestPostgres.App(fixture.App.Database));
        await connection.OpenAsync();
        await Execute(connection, $"SELECT set_config('app.tenant_id', '{bId}', false)");
        var tenants = await Column<Guid>(connection, "SELECT DISTINCT tenant_id FROM memberships UNION SELECT DISTINCT tenant_id FROM invitations");
        Assert.Equal([bId], tenants);

        await Execute(connection, "SELECT set_config('app.tenant_id', '', false)");
        Assert.Empty(await Column<Guid>(connection, "SELECT tenant_id FROM memberships"));
    }

    [Fact]
    public async Task A_cross_district_insert_by_the_app_role_fails_with_42501()
    {
        var (aId, _) = await fixture.District("springfield");
        var (bId, _) = await fixture.District("shelbyville");
        await using var connection = new NpgsqlConnection(TestPostgres.App(fixture.App.Database));
        await connection.OpenAsync();
        await Execute(connection, $"SELECT set_config('app.tenant_id', '{bId}', false)");

        var refused = await Assert.ThrowsAsync<PostgresException>(() => Execute(connection, $"""
            INSERT INTO invitations (id, tenant_id, email, roles, token_hash, invited_by, created_at, expires_at)
            VALUES (gen_random_uuid(), '{aId}', 'x@example.org', 4, 'raw-insert', gen_random_uuid(), now(), now() + interval '1 day')
            """));
        Assert.Equal("42501", refused.SqlState);
    }

    [Fact]
    public async Task The_app_role_cannot_bypass_row_level_security_and_owns_nothing()
    {
        await using var connection = new NpgsqlConnection(TestPostgres.App(fixture.App.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT r.rolsuper, r.rolbypassrls, (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid)
            FROM pg_roles r WHERE r.rolname = current_user
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        Assert.True(await reader.ReadAsync());
        Assert.False(reader.GetBoolean(0), "superuser");
        Assert.False(reader.GetBoolean(1), "bypassrls");
        Assert.Equal(0, reader.GetInt64(2));
    }

    [Fact]
    public async Task Every_tenant_owned_table_has_the_named_query_filter_and_forced_row_level_security()
    {
        await using var scope = fixture.App.Scope();
        var db = AppFixture.Get<AppDbContext>(scope);

        var tenantEntities = db.Model.GetEntityTypes().Where(t => t.FindProperty("TenantId") is not null).ToList();
        Assert.Contains(tenantEntities, t => t.ClrType == typeof(Membership));
        Assert.Contains(tenantEntities, t => t.ClrType == typeof(Invitation));
        foreach (var entity in tenantEntities)
        {
            Assert.True(entity.ClrType == typeof(Domain.Auditing.AuditEntry) || typeof(ITenantOwned).IsAssignableFrom(entity.ClrType),
                $"{entity.ClrType.Name} has TenantId but is not ITenantOwned");
            Assert.Contains(entity.GetDeclaredQueryFilters(), f => f.Key == AppDbContext.TenantFilter);
        }

        var mapped = tenantEntities.Select(t => t.GetTableName()!).ToHashSet();
        await using var connection = new NpgsqlConnection(TestPostgres.Owner(fixture.App.Database));
        await connection.OpenAsync();
        await using var command = new NpgsqlCommand("""
            SELECT c.relname, c.relrowsecurity, c.relforcerowsecurity,
                   EXISTS (SELECT 1 FROM pg_policy p WHERE p.polrelid = c.oid)
            FROM pg_class c
            JOIN pg_attribute a ON a.attrelid = c.oid AND a.attname = 'tenant_id' AND NOT a.attisdropped
            WHERE c.relnamespace = 'public'::regnamespace AND c.relkind = 'r'
            """, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var tables = new List<string>();
        while (await reader.ReadAsync())
        {
            var table = reader.GetString(0);
            tables.Add(table);
            Assert.True(reader.GetBoolean(1), $"{table}: row-level security is not enabled");
            Assert.True(reader.GetBoolean(2), $"{table}: row-level security is not forced");
            Assert.True(reader.GetBoolean(3), $"{table}: has no policy");
        }
        Assert.Equal(mapped.Order(), tables.Order());
    }

    [Fact]
    public async Task Over_http_a_member_of_A_gets_403_in_B_and_strangers_are_sent_to_log_in()
    {
        using var member = new HttpSession(fixture.BaseAddress);
        await member.LogInAsync(AdminA);
        foreach (var path in new[] { "/shelbyville", "/shelbyville/admin/members", "/shelbyville/admin/audit", "/shelbyville/admin/settings" })
            Assert.Equal(HttpStatusCode.Forbidden, (await member.GetAsync(path)).StatusCode);
        Assert.Equal(HttpStatusCode.OK, (await member.GetAsync("/springfield/admin/members")).StatusCode);

        // Posting into B with a valid antiforgery token from A's own page is refused just the same.
        var token = HttpSession.TokenOf(await member.PageAsync("/springfield/admin/members"));
        var post = await member.PostAsync("/shelbyville/admin/members?handler=Invite",
            new Dictionary<string, string> { ["Input.Email"] = "intruder@example.org", ["Input.Roles"] = "Admin" }, token);
        Assert.Equal(HttpStatusCode.Forbidden, post.StatusCode);
        await using (var asB = await fixture.As(AdminB, "shelbyville"))
            Assert.False(await AppFixture.Get<AppDbContext>(asB).Invitations.AnyAsync(i => i.Email == "intruder@example.org"));

        using var stranger = new HttpSession(fixture.BaseAddress);
        var anonymous = await stranger.GetAsync("/shelbyville/admin/members");
        Assert.Equal(HttpStatusCode.Redirect, anonymous.StatusCode);
        Assert.StartsWith("/account/login", anonymous.Headers.Location!.PathAndQuery);
        Assert.Equal(HttpStatusCode.NotFound, (await stranger.GetAsync("/no-such-district")).StatusCode);
    }

    [Fact]
    public async Task A_non_admin_member_cannot_reach_admin_pages_or_commands()
    {
        using var earner = new HttpSession(fixture.BaseAddress);
        await earner.LogInAsync("earner@springfield.test");
        Assert.Equal(HttpStatusCode.OK, (await earner.GetAsync("/springfield")).StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, (await earner.GetAsync("/springfield/admin/members")).StatusCode);

        await using var scope = await fixture.As("earner@springfield.test", "springfield");
        await Assert.ThrowsAsync<ForbiddenException>(() => AppFixture.Get<ISender>(scope).Send(new InviteMember("x@example.org", DistrictRole.Admin)).AsTask());
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<T>> Column<T>(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var values = new List<T>();
        while (await reader.ReadAsync()) values.Add(reader.GetFieldValue<T>(0));
        return values;
    }
}
