using Microsoft.EntityFrameworkCore.Migrations;

namespace MicroCred.Application.Data;

/// <summary>
/// SQL for the second tenancy guard. Each tenant-owned table gets row-level security, enabled and forced (so
/// even its owner obeys it), with a policy comparing <c>tenant_id</c> to the session's <c>app.tenant_id</c>
/// that <see cref="TenantSessionInterceptor"/> sets on every connection. No setting → no rows.
/// </summary>
public static class RowLevelSecurity
{
    public const string Functions = """
        CREATE OR REPLACE FUNCTION app_current_tenant() RETURNS uuid LANGUAGE sql STABLE AS
        $$ SELECT nullif(current_setting('app.tenant_id', true), '')::uuid $$;
        CREATE OR REPLACE FUNCTION app_current_user() RETURNS uuid LANGUAGE sql STABLE AS
        $$ SELECT nullif(current_setting('app.user_id', true), '')::uuid $$;
        """;

    /// <summary>Rows visible and writable only inside their own district.</summary>
    public static void IsolateByTenant(this MigrationBuilder migration, string table) =>
        migration.Sql(Enable(table) + $"""
            CREATE POLICY tenant_isolation ON {table}
                USING (tenant_id = app_current_tenant())
                WITH CHECK (tenant_id = app_current_tenant());
            """);

    /// <summary>
    /// Rows of the district, plus the acting person's own rows in any district (read only): a teacher's
    /// memberships, later their badges, follow them across districts.
    /// </summary>
    public static void IsolateByTenantOrOwner(this MigrationBuilder migration, string table, string ownerColumn) =>
        migration.Sql(Enable(table) + $"""
            CREATE POLICY tenant_isolation ON {table}
                USING (tenant_id = app_current_tenant() OR {ownerColumn} = app_current_user())
                WITH CHECK (tenant_id = app_current_tenant());
            """);

    private static string Enable(string table) => $"""
        ALTER TABLE {table} ENABLE ROW LEVEL SECURITY;
        ALTER TABLE {table} FORCE ROW LEVEL SECURITY;

        """;
}
