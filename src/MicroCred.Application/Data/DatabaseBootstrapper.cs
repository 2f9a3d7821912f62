using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Npgsql;

namespace MicroCred.Application.Data;

/// <summary>
/// Brings a database up to date as its owner, then makes sure the app's own role exists, holds only the
/// privileges it needs and can never bypass row-level security. The app refuses to start otherwise.
/// </summary>
public sealed class DatabaseBootstrapper(IServiceProvider services, ILogger<DatabaseBootstrapper> logger)
{
    /// <summary>Arbitrary constant: serialises migrations when several instances start at once.</summary>
    private const long MigrationLock = 0x4d6963726f437265;

    public async Task PrepareAsync(string ownerConnectionString, string appConnectionString, CancellationToken ct = default)
    {
        var app = new NpgsqlConnectionStringBuilder(appConnectionString);
        if (string.IsNullOrEmpty(app.Username)) throw new InvalidOperationException("ConnectionStrings:Default must name the app's database role (Username=…).");

        await using (var owner = new NpgsqlConnection(ownerConnectionString))
        {
            await owner.OpenAsync(ct);
            await Execute(owner, $"SELECT pg_advisory_lock({MigrationLock})", ct);
            try
            {
                await using (var scope = services.CreateAsyncScope())
                {
                    var db = scope.ServiceProvider.GetRequiredService<AppDbContext>();
                    db.Database.SetConnectionString(ownerConnectionString);
                    var pending = (await db.Database.GetPendingMigrationsAsync(ct)).ToList();
                    if (pending.Count > 0)
                    {
                        logger.LogInformation("Applying {Count} migrations: {Migrations}", pending.Count, pending);
                        await db.Database.MigrateAsync(ct);
                    }
                }
                await EnsureAppRole(owner, app.Username, app.Password, ct);
                await Grant(owner, app.Username, ct);
            }
            finally
            {
                await Execute(owner, $"SELECT pg_advisory_unlock({MigrationLock})", ct);
            }
        }
        await VerifyAppRole(ownerConnectionString, app.Username, ct);
    }

    private async Task EnsureAppRole(NpgsqlConnection owner, string role, string? password, CancellationToken ct)
    {
        await using var find = new NpgsqlCommand("SELECT count(*) FROM pg_roles WHERE rolname = @r", owner);
        find.Parameters.AddWithValue("r", role);
        if ((long)(await find.ExecuteScalarAsync(ct))! > 0) return;

        if (string.IsNullOrEmpty(password))
            throw new InvalidOperationException($"The app's database role \"{role}\" does not exist and ConnectionStrings:Default has no password to create it with.");
        await using var build = new NpgsqlCommand(
            "SELECT format('CREATE ROLE %I LOGIN PASSWORD %L NOSUPERUSER NOBYPASSRLS NOCREATEDB NOCREATEROLE NOREPLICATION', @r, @p)", owner);
        build.Parameters.AddWithValue("r", role);
        build.Parameters.AddWithValue("p", password);
        var sql = (string)(await build.ExecuteScalarAsync(ct))!;
        try
        {
            await Execute(owner, sql, ct);
            logger.LogInformation("Created the app's database role {Role}", role);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.InsufficientPrivilege)
        {
            throw new InvalidOperationException(
                $"The app's database role \"{role}\" does not exist and the owner role may not create roles. " +
                $"Create it once: CREATE ROLE {role} LOGIN PASSWORD '…' NOSUPERUSER NOBYPASSRLS; or set ConnectionStrings__Default to an existing unprivileged role.", e);
        }
        catch (PostgresException e) when (e.SqlState == PostgresErrorCodes.DuplicateObject) { /* another instance made it */ }
    }

    private static async Task Grant(NpgsqlConnection owner, string role, CancellationToken ct)
    {
        await using var quote = new NpgsqlCommand("SELECT quote_ident(@r), quote_ident(current_database())", owner);
        quote.Parameters.AddWithValue("r", role);
        string r, database;
        await using (var reader = await quote.ExecuteReaderAsync(ct))
        {
            await reader.ReadAsync(ct);
            (r, database) = (reader.GetString(0), reader.GetString(1));
        }
        await Execute(owner, $"""
            GRANT CONNECT ON DATABASE {database} TO {r};
            GRANT USAGE ON SCHEMA public TO {r};
            GRANT SELECT, INSERT, UPDATE, DELETE ON ALL TABLES IN SCHEMA public TO {r};
            GRANT USAGE, SELECT ON ALL SEQUENCES IN SCHEMA public TO {r};
            REVOKE INSERT, UPDATE, DELETE ON "__EFMigrationsHistory" FROM {r};
            REVOKE UPDATE, DELETE, TRUNCATE ON audit_entries FROM {r};
            """, ct);
    }

    private static async Task VerifyAppRole(string ownerConnectionString, string role, CancellationToken ct)
    {
        await using var owner = new NpgsqlConnection(ownerConnectionString);
        await owner.OpenAsync(ct);
        await using var check = new NpgsqlCommand("""
            SELECT r.rolsuper, r.rolbypassrls,
                   (SELECT count(*) FROM pg_class c WHERE c.relowner = r.oid AND c.relnamespace = 'public'::regnamespace)
            FROM pg_roles r WHERE r.rolname = @r
            """, owner);
        check.Parameters.AddWithValue("r", role);
        await using var reader = await check.ExecuteReaderAsync(ct);
        if (!await reader.ReadAsync(ct)) throw new InvalidOperationException($"The app's database role \"{role}\" does not exist.");
        if (reader.GetBoolean(0) || reader.GetBoolean(1) || reader.GetInt64(2) > 0)
            throw new InvalidOperationException(
                $"Refusing to start: the app's database role \"{role}\" is a superuser, may bypass row-level security or owns tables. " +
                "Connect the app as an unprivileged role and run migrations as the owner (ConnectionStrings:Owner).");
    }

    private static async Task Execute(NpgsqlConnection connection, string sql, CancellationToken ct)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync(ct);
    }
}
