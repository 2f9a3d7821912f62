using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroCred.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class Backpack : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "badge_imports",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    row_count = table.Column<int>(type: "integer", nullable: false),
                    ready_count = table.Column<int>(type: "integer", nullable: false),
                    error_count = table.Column<int>(type: "integer", nullable: false),
                    skipped_count = table.Column<int>(type: "integer", nullable: false),
                    planned = table.Column<int>(type: "integer", nullable: false),
                    processed = table.Column<int>(type: "integer", nullable: false),
                    issued_count = table.Column<int>(type: "integer", nullable: false),
                    failed_count = table.Column<int>(type: "integer", nullable: false),
                    started_by = table.Column<Guid>(type: "uuid", nullable: true),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    stop_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_badge_imports", x => x.id);
                    table.ForeignKey(
                        name: "fk_badge_imports_users_created_by",
                        column: x => x.created_by,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "public_profiles",
                columns: table => new
                {
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    handle = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    normalized_handle = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    is_public = table.Column<bool>(type: "boolean", nullable: false),
                    shown_assertion_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_public_profiles", x => x.user_id);
                    table.ForeignKey(
                        name: "fk_public_profiles_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "badge_import_rows",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    import_id = table.Column<Guid>(type: "uuid", nullable: false),
                    line = table.Column<int>(type: "integer", nullable: false),
                    email = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    credential_text = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    date_text = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: false),
                    evidence_url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    name = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    credential_id = table.Column<Guid>(type: "uuid", nullable: true),
                    credential_version_id = table.Column<Guid>(type: "uuid", nullable: true),
                    credential_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    issued_on = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    message = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    assertion_id = table.Column<Guid>(type: "uuid", nullable: true),
                    processed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_badge_import_rows", x => x.id);
                    table.ForeignKey(
                        name: "fk_badge_import_rows_badge_imports_import_id",
                        column: x => x.import_id,
                        principalTable: "badge_imports",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_badge_import_rows_import_id_line",
                table: "badge_import_rows",
                columns: new[] { "import_id", "line" });

            migrationBuilder.CreateIndex(
                name: "ix_badge_import_rows_tenant_id",
                table: "badge_import_rows",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_badge_import_rows_tenant_id_email_credential_id",
                table: "badge_import_rows",
                columns: new[] { "tenant_id", "email", "credential_id" },
                unique: true,
                filter: "status = 'Issued'");

            migrationBuilder.CreateIndex(
                name: "ix_badge_imports_created_by",
                table: "badge_imports",
                column: "created_by");

            migrationBuilder.CreateIndex(
                name: "ix_badge_imports_tenant_id",
                table: "badge_imports",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_badge_imports_tenant_id_created_at",
                table: "badge_imports",
                columns: new[] { "tenant_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_badge_imports_tenant_id_status",
                table: "badge_imports",
                columns: new[] { "tenant_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_public_profiles_normalized_handle",
                table: "public_profiles",
                column: "normalized_handle",
                unique: true);

            // Row-level security
            migrationBuilder.IsolateByTenant("badge_imports");
            migrationBuilder.IsolateByTenant("badge_import_rows");
            // A teacher's backpack spans districts: besides their district's rows, a person sees their own badges
            // everywhere (read only; writes stay inside the district). public_profiles is global, like users: a profile
            // belongs to a person, and its public page reads each badge inside the district that issued it.
            migrationBuilder.Sql("DROP POLICY tenant_isolation ON assertions;");
            migrationBuilder.IsolateByTenantOrOwner("assertions", "recipient_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("DROP POLICY tenant_isolation ON assertions;");
            migrationBuilder.IsolateByTenant("assertions");


            migrationBuilder.DropTable(
                name: "badge_import_rows");

            migrationBuilder.DropTable(
                name: "public_profiles");

            migrationBuilder.DropTable(
                name: "badge_imports");
        }
    }
}
