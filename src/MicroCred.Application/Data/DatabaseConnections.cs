using Microsoft.Extensions.Configuration;
using Npgsql;

namespace MicroCred.Application.Data;

public static class DatabaseConnections
{
    public const string DefaultAppRole = "microcred_app";

    /// <summary>
    /// When only the owner's connection string is given (e.g. <c>MICROCRED_DB</c>), the app's own connection uses
    /// the same server and database as the unprivileged role <c>Database:AppRole</c> with <c>Database:AppPassword</c>.
    /// </summary>
    public static void DeriveAppConnection(IConfiguration configuration)
    {
        if (!string.IsNullOrEmpty(configuration.GetConnectionString("Default"))) return;
        if (configuration.GetConnectionString("Owner") is not { Length: > 0 } owner) return;
        var app = new NpgsqlConnectionStringBuilder(owner)
        {
            Username = configuration["Database:AppRole"] ?? DefaultAppRole,
            Password = configuration["Database:AppPassword"]
                ?? throw new InvalidOperationException("Set Database:AppPassword (or ConnectionStrings:Default) for the app's database role."),
        };
        configuration["ConnectionStrings:Default"] = app.ConnectionString;
    }
}
