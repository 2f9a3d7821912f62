using System.Data.Common;
using MicroCred.Application.Common;
using Microsoft.EntityFrameworkCore.Diagnostics;

namespace MicroCred.Application.Data;

/// <summary>
/// Tells PostgreSQL who is acting on every connection EF opens, for the row-level-security policies
/// (the second guard behind the EF query filters). Both settings are always written, so a pooled
/// connection never carries the previous user's district.
/// </summary>
public sealed class TenantSessionInterceptor(ITenantContext tenant, ICurrentUser user) : DbConnectionInterceptor
{
    private const string Sql = "SELECT set_config('app.tenant_id', @tenant, false), set_config('app.user_id', @user, false)";

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData)
    {
        using var command = Command(connection);
        command.ExecuteNonQuery();
    }

    public override async Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        await using var command = Command(connection);
        await command.ExecuteNonQueryAsync(cancellationToken);
    }

    private DbCommand Command(DbConnection connection)
    {
        var command = connection.CreateCommand();
        command.CommandText = Sql;
        Add(command, "tenant", tenant.TenantId?.ToString() ?? "");
        Add(command, "user", user.Id?.ToString() ?? "");
        return command;
    }

    private static void Add(DbCommand command, string name, string value)
    {
        var p = command.CreateParameter();
        p.ParameterName = name;
        p.Value = value;
        command.Parameters.Add(p);
    }
}
