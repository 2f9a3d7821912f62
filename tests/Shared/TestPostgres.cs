using System.Reflection;
using System.Security.Cryptography;
using System.Text;
using DotNet.Testcontainers.Configurations;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql;
using Testcontainers.PostgreSql;

namespace MicroCred.Testing;

/// <summary>
/// The real PostgreSQL server of a test run: <c>MICROCRED_TEST_DB</c> (a superuser connection string; ./test.sh
/// starts a private cluster and sets it), otherwise a Testcontainers container when a Docker engine answers.
/// Databases are made per test class by cloning a template that the app itself migrated.
/// </summary>
public static class TestPostgres
{
    public const string OwnerRole = "microcred_owner";
    public const string AppRole = "microcred_app";
    public const string OwnerPassword = "owner-test-password";
    public const string AppPassword = "app-test-password";

    private static readonly SemaphoreSlim Gate = new(1, 1);
    private static string? superuser;
    private static string? template;
    private static int counter;

    /// <summary>
    /// Prefix of this assembly's databases in this checkout, so parallel test assemblies (and checkouts sharing
    /// one server) never touch each other's databases.
    /// </summary>
    private static readonly string Prefix = "mct_" + (Assembly.GetEntryAssembly()?.GetName().Name ?? "tests").Replace("MicroCred.", "").ToLowerInvariant()
        + "_" + Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(AppContext.BaseDirectory)))[..6];

    public static async Task<string> SuperuserAsync()
    {
        if (superuser is not null) return superuser;
        await Gate.WaitAsync();
        try
        {
            if (superuser is not null) return superuser;
            var configured = Environment.GetEnvironmentVariable("MICROCRED_TEST_DB");
            if (string.IsNullOrEmpty(configured))
            {
                if (TestcontainersSettings.OS.DockerEndpointAuthConfig is null)
                    throw new InvalidOperationException(
                        "No PostgreSQL for the tests: run ./test.sh (it starts one), set MICROCRED_TEST_DB to a superuser connection string, or start a Docker engine.");
                var container = new PostgreSqlBuilder("postgres:16").WithUsername("postgres").WithPassword("postgres").Build();
                await container.StartAsync();
                AppDomain.CurrentDomain.ProcessExit += (_, _) => container.DisposeAsync().AsTask().GetAwaiter().GetResult();
                configured = container.GetConnectionString();
            }
            await EnsureRoles(configured);
            superuser = configured;
            return superuser;
        }
        finally
        {
            Gate.Release();
        }
    }

    public static string ConnectionString(string database, string role, string password)
    {
        var builder = new NpgsqlConnectionStringBuilder(superuser!) { Database = database, Username = role, Password = password, Pooling = true, MaxPoolSize = 30 };
        return builder.ConnectionString;
    }

    public static string Owner(string database) => ConnectionString(database, OwnerRole, OwnerPassword);
    public static string App(string database) => ConnectionString(database, AppRole, AppPassword);

    /// <summary>A fresh, migrated database for one test class.</summary>
    public static async Task<string> CreateDatabaseAsync(Func<string, Task> migrateTemplate)
    {
        var server = await SuperuserAsync();
        var tpl = await TemplateAsync(server, migrateTemplate);
        var name = $"{Prefix}_{Environment.ProcessId}_{Interlocked.Increment(ref counter)}";
        NpgsqlConnection.ClearAllPools();
        await Execute(server, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
        await Execute(server, $"CREATE DATABASE {name} TEMPLATE {tpl} OWNER {OwnerRole}");
        return name;
    }

    public static async Task DropDatabaseAsync(string name)
    {
        NpgsqlConnection.ClearAllPools();
        await Execute(superuser!, $"DROP DATABASE IF EXISTS {name} WITH (FORCE)");
    }

    private static async Task<string> TemplateAsync(string server, Func<string, Task> migrate)
    {
        if (template is not null) return template;
        await Gate.WaitAsync();
        try
        {
            if (template is not null) return template;
            var name = $"{Prefix}_tpl_{SchemaHash()}";
            await using var lockConnection = new NpgsqlConnection(server);
            await lockConnection.OpenAsync();
            await Execute(lockConnection, "SELECT pg_advisory_lock(72011)");
            try
            {
                // Leftovers of earlier runs of this assembly: other templates and per-class databases.
                foreach (var stale in await Names(lockConnection, $"SELECT datname FROM pg_database WHERE datname LIKE '{Prefix}\\_%' AND datname <> '{name}'"))
                    await Execute(lockConnection, $"DROP DATABASE IF EXISTS {stale} WITH (FORCE)");
                var exists = (await Names(lockConnection, $"SELECT datname FROM pg_database WHERE datname = '{name}'")).Count > 0;
                if (!exists)
                {
                    await Execute(lockConnection, $"CREATE DATABASE {name}_building OWNER {OwnerRole}");
                    await migrate($"{name}_building");
                    NpgsqlConnection.ClearAllPools();
                    await Execute(lockConnection, $"ALTER DATABASE {name}_building RENAME TO {name}");
                }
            }
            finally
            {
                await Execute(lockConnection, "SELECT pg_advisory_unlock(72011)");
            }
            template = name;
            return name;
        }
        finally
        {
            Gate.Release();
        }
    }

    /// <summary>Changes whenever a migration is added, so a stale template is never reused.</summary>
    private static string SchemaHash()
    {
        var ids = typeof(MicroCred.Application.Data.AppDbContext).Assembly.GetTypes()
            .Select(t => t.GetCustomAttribute<MigrationAttribute>()?.Id).Where(id => id is not null).Order();
        var source = string.Join("|", ids) + "|" + File.GetLastWriteTimeUtc(typeof(MicroCred.Application.Data.AppDbContext).Assembly.Location).Ticks;
        return Convert.ToHexStringLower(SHA256.HashData(Encoding.UTF8.GetBytes(source)))[..12];
    }

    private static async Task EnsureRoles(string server)
    {
        await using var connection = new NpgsqlConnection(server);
        await connection.OpenAsync();
        await Execute(connection, "SELECT pg_advisory_lock(72010)");
        try
        {
            await Execute(connection, $"""
                DO $$ BEGIN
                  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{OwnerRole}') THEN
                    CREATE ROLE {OwnerRole} LOGIN CREATEROLE PASSWORD '{OwnerPassword}';
                  END IF;
                  IF NOT EXISTS (SELECT FROM pg_roles WHERE rolname = '{AppRole}') THEN
                    CREATE ROLE {AppRole} LOGIN NOSUPERUSER NOBYPASSRLS PASSWORD '{AppPassword}';
                  END IF;
                END $$;
                ALTER ROLE {OwnerRole} PASSWORD '{OwnerPassword}';
                ALTER ROLE {AppRole} PASSWORD '{AppPassword}';
                """);
        }
        finally
        {
            await Execute(connection, "SELECT pg_advisory_unlock(72010)");
        }
    }

    private static async Task Execute(string connectionString, string sql)
    {
        await using var connection = new NpgsqlConnection(connectionString);
        await connection.OpenAsync();
        await Execute(connection, sql);
    }

    private static async Task Execute(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await command.ExecuteNonQueryAsync();
    }

    private static async Task<List<string>> Names(NpgsqlConnection connection, string sql)
    {
        await using var command = new NpgsqlCommand(sql, connection);
        await using var reader = await command.ExecuteReaderAsync();
        var names = new List<string>();
        while (await reader.ReadAsync()) names.Add(reader.GetString(0));
        return names;
    }
}
