using System;
using MicroCred.Application.Data;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroCred.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class EvidenceFiles : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "stored_files",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    owner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    content_type = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    kind = table.Column<int>(type: "integer", nullable: false),
                    length = table.Column<long>(type: "bigint", nullable: false),
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    storage_key = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    upload_id = table.Column<Guid>(type: "uuid", nullable: false),
                    purpose = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    context_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    state = table.Column<int>(type: "integer", nullable: false),
                    attached_to_type = table.Column<string>(type: "character varying(60)", maxLength: 60, nullable: true),
                    attached_to_id = table.Column<Guid>(type: "uuid", nullable: true),
                    attached_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    unattached_since = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    deleted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stored_files", x => x.id);
                    table.ForeignKey(
                        name: "fk_stored_files_districts_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "districts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_stored_files_users_owner_id",
                        column: x => x.owner_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "upload_sessions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    user_id = table.Column<Guid>(type: "uuid", nullable: false),
                    file_name = table.Column<string>(type: "character varying(255)", maxLength: 255, nullable: false),
                    declared_length = table.Column<long>(type: "bigint", nullable: false),
                    received_bytes = table.Column<long>(type: "bigint", nullable: false),
                    max_bytes = table.Column<long>(type: "bigint", nullable: false),
                    allowed_kinds = table.Column<int>(type: "integer", nullable: false),
                    purpose = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    context_id = table.Column<Guid>(type: "uuid", nullable: true),
                    storage_handle = table.Column<string>(type: "character varying(1024)", maxLength: 1024, nullable: false),
                    state = table.Column<int>(type: "integer", nullable: false),
                    refusal = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    stored_file_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    idle_lifetime = table.Column<TimeSpan>(type: "interval", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_upload_sessions", x => x.id);
                    table.ForeignKey(
                        name: "fk_upload_sessions_districts_tenant_id",
                        column: x => x.tenant_id,
                        principalTable: "districts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_upload_sessions_users_user_id",
                        column: x => x.user_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_stored_files_attached_to_type_attached_to_id",
                table: "stored_files",
                columns: new[] { "attached_to_type", "attached_to_id" });

            migrationBuilder.CreateIndex(
                name: "ix_stored_files_owner_id",
                table: "stored_files",
                column: "owner_id");

            migrationBuilder.CreateIndex(
                name: "ix_stored_files_tenant_id",
                table: "stored_files",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_stored_files_tenant_id_owner_id_created_at",
                table: "stored_files",
                columns: new[] { "tenant_id", "owner_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_stored_files_upload_id",
                table: "stored_files",
                column: "upload_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_upload_sessions_tenant_id",
                table: "upload_sessions",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_upload_sessions_tenant_id_expires_at",
                table: "upload_sessions",
                columns: new[] { "tenant_id", "expires_at" });

            migrationBuilder.CreateIndex(
                name: "ix_upload_sessions_user_id",
                table: "upload_sessions",
                column: "user_id");

            // Row-level security
            migrationBuilder.IsolateByTenant("stored_files");
            migrationBuilder.IsolateByTenant("upload_sessions");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "stored_files");

            migrationBuilder.DropTable(
                name: "upload_sessions");
        }
    }
}
