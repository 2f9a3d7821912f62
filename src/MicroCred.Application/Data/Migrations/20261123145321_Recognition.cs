using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroCred.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class Recognition : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "accepts_credit_requests",
                table: "districts",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.CreateTable(
                name: "credit_types",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    unit = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_credit_types", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "credit_requests",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    requester_id = table.Column<Guid>(type: "uuid", nullable: false),
                    note = table.Column<string>(type: "character varying(1000)", maxLength: 1000, nullable: true),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    badge = table.Column<string>(type: "jsonb", nullable: false),
                    assertion_id = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: true),
                    badge_name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: false),
                    issuer_name = table.Column<string>(type: "character varying(400)", maxLength: 400, nullable: true),
                    matches = table.Column<string>(type: "jsonb", nullable: false),
                    status = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decided_by = table.Column<Guid>(type: "uuid", nullable: true),
                    decline_reason = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    credit_type_id = table.Column<Guid>(type: "uuid", nullable: true),
                    credit_type_name = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: true),
                    credit_unit = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    units = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_credit_requests", x => x.id);
                    table.ForeignKey(
                        name: "fk_credit_requests_credit_types_credit_type_id",
                        column: x => x.credit_type_id,
                        principalTable: "credit_types",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_credit_requests_users_decided_by",
                        column: x => x.decided_by,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_credit_requests_users_requester_id",
                        column: x => x.requester_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "recognition_rules",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    target = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    badge_class_url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    source_district_id = table.Column<Guid>(type: "uuid", nullable: true),
                    source_district_slug = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    source_item_id = table.Column<Guid>(type: "uuid", nullable: true),
                    display_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    credit_type_id = table.Column<Guid>(type: "uuid", nullable: false),
                    units = table.Column<decimal>(type: "numeric(9,2)", precision: 9, scale: 2, nullable: false),
                    is_active = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recognition_rules", x => x.id);
                    table.ForeignKey(
                        name: "fk_recognition_rules_credit_types_credit_type_id",
                        column: x => x.credit_type_id,
                        principalTable: "credit_types",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_credit_requests_credit_type_id",
                table: "credit_requests",
                column: "credit_type_id");

            migrationBuilder.CreateIndex(
                name: "ix_credit_requests_decided_by",
                table: "credit_requests",
                column: "decided_by");

            migrationBuilder.CreateIndex(
                name: "ix_credit_requests_requester_id",
                table: "credit_requests",
                column: "requester_id");

            migrationBuilder.CreateIndex(
                name: "ix_credit_requests_tenant_id",
                table: "credit_requests",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_credit_requests_tenant_id_status_submitted_at",
                table: "credit_requests",
                columns: new[] { "tenant_id", "status", "submitted_at" });

            migrationBuilder.CreateIndex(
                name: "ix_credit_types_tenant_id",
                table: "credit_types",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_credit_types_tenant_id_name",
                table: "credit_types",
                columns: new[] { "tenant_id", "name" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_recognition_rules_credit_type_id",
                table: "recognition_rules",
                column: "credit_type_id");

            migrationBuilder.CreateIndex(
                name: "ix_recognition_rules_tenant_id",
                table: "recognition_rules",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_recognition_rules_tenant_id_is_active",
                table: "recognition_rules",
                columns: new[] { "tenant_id", "is_active" });

            // Row-level security
            migrationBuilder.IsolateByTenant("credit_types");
            migrationBuilder.IsolateByTenant("recognition_rules");
            // A teacher reads their own requests to every organisation (their transcript); only the organisation writes them.
            migrationBuilder.IsolateByTenantOrOwner("credit_requests", "requester_id");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "credit_requests");

            migrationBuilder.DropTable(
                name: "recognition_rules");

            migrationBuilder.DropTable(
                name: "credit_types");

            migrationBuilder.DropColumn(
                name: "accepts_credit_requests",
                table: "districts");
        }
    }
}
