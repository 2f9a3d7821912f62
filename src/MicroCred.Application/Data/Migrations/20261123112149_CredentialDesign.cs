using System;
using System.Collections.Generic;
using MicroCred.Application.Data;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroCred.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class CredentialDesign : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "badge_images",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    content_type = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    data = table.Column<byte[]>(type: "bytea", nullable: false),
                    sha256 = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    width = table.Column<int>(type: "integer", nullable: false),
                    height = table.Column<int>(type: "integer", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_badge_images", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "design_settings",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    rubric_levels = table.Column<List<string>>(type: "text[]", nullable: false),
                    frameworks = table.Column<string>(type: "jsonb", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_design_settings", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "micro_credentials",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_version_id = table.Column<Guid>(type: "uuid", nullable: true),
                    draft_version_id = table.Column<Guid>(type: "uuid", nullable: true),
                    latest_number = table.Column<int>(type: "integer", nullable: false),
                    retired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_micro_credentials", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "stacks",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    description = table.Column<string>(type: "text", nullable: false),
                    sequential = table.Column<bool>(type: "boolean", nullable: false),
                    image_id = table.Column<Guid>(type: "uuid", nullable: true),
                    credential_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_stacks", x => x.id);
                    table.ForeignKey(
                        name: "fk_stacks_badge_images_image_id",
                        column: x => x.image_id,
                        principalTable: "badge_images",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "credential_versions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    credential_id = table.Column<Guid>(type: "uuid", nullable: false),
                    number = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    content = table.Column<string>(type: "jsonb", nullable: false),
                    image_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    published_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    published_by = table.Column<Guid>(type: "uuid", nullable: true),
                    superseded_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    retired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    search_text = table.Column<string>(type: "text", nullable: false),
                    estimated_hours = table.Column<decimal>(type: "numeric(6,1)", precision: 6, scale: 1, nullable: true),
                    tags = table.Column<List<string>>(type: "text[]", nullable: false),
                    grade_bands = table.Column<List<string>>(type: "text[]", nullable: false),
                    subjects = table.Column<List<string>>(type: "text[]", nullable: false),
                    standards = table.Column<List<string>>(type: "text[]", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_credential_versions", x => x.id);
                    table.ForeignKey(
                        name: "fk_credential_versions_badge_images_image_id",
                        column: x => x.image_id,
                        principalTable: "badge_images",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_credential_versions_micro_credentials_credential_id",
                        column: x => x.credential_id,
                        principalTable: "micro_credentials",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_badge_images_tenant_id",
                table: "badge_images",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_credential_versions_credential_id_number",
                table: "credential_versions",
                columns: new[] { "credential_id", "number" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_credential_versions_image_id",
                table: "credential_versions",
                column: "image_id");

            migrationBuilder.CreateIndex(
                name: "ix_credential_versions_standards",
                table: "credential_versions",
                column: "standards")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_credential_versions_tags",
                table: "credential_versions",
                column: "tags")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_credential_versions_tenant_id",
                table: "credential_versions",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_credential_versions_tenant_id_status",
                table: "credential_versions",
                columns: new[] { "tenant_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_design_settings_tenant_id",
                table: "design_settings",
                column: "tenant_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_micro_credentials_tenant_id",
                table: "micro_credentials",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_stacks_image_id",
                table: "stacks",
                column: "image_id");

            migrationBuilder.CreateIndex(
                name: "ix_stacks_tenant_id",
                table: "stacks",
                column: "tenant_id");

            // Row-level security
            migrationBuilder.IsolateByTenant("micro_credentials");
            migrationBuilder.IsolateByTenant("credential_versions");
            migrationBuilder.IsolateByTenant("stacks");
            migrationBuilder.IsolateByTenant("badge_images");
            migrationBuilder.IsolateByTenant("design_settings");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "credential_versions");

            migrationBuilder.DropTable(
                name: "design_settings");

            migrationBuilder.DropTable(
                name: "stacks");

            migrationBuilder.DropTable(
                name: "micro_credentials");

            migrationBuilder.DropTable(
                name: "badge_images");
        }
    }
}
