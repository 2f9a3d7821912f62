using System;
using MicroCred.Application.Data;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroCred.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class EarnerJourney : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "plan_entries",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    earner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    credential_id = table.Column<Guid>(type: "uuid", nullable: false),
                    target_date = table.Column<DateOnly>(type: "date", nullable: true),
                    added_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_plan_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_plan_entries_micro_credentials_credential_id",
                        column: x => x.credential_id,
                        principalTable: "micro_credentials",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_plan_entries_users_earner_id",
                        column: x => x.earner_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "recommendations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    credential_id = table.Column<Guid>(type: "uuid", nullable: false),
                    school_id = table.Column<Guid>(type: "uuid", nullable: true),
                    note = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    recommended_by = table.Column<Guid>(type: "uuid", nullable: false),
                    recommended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    withdrawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_recommendations", x => x.id);
                    table.ForeignKey(
                        name: "fk_recommendations_micro_credentials_credential_id",
                        column: x => x.credential_id,
                        principalTable: "micro_credentials",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_recommendations_schools_school_id",
                        column: x => x.school_id,
                        principalTable: "schools",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_recommendations_users_recommended_by",
                        column: x => x.recommended_by,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_plan_entries_credential_id",
                table: "plan_entries",
                column: "credential_id");

            migrationBuilder.CreateIndex(
                name: "ix_plan_entries_earner_id",
                table: "plan_entries",
                column: "earner_id");

            migrationBuilder.CreateIndex(
                name: "ix_plan_entries_tenant_id",
                table: "plan_entries",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_plan_entries_tenant_id_earner_id_credential_id",
                table: "plan_entries",
                columns: new[] { "tenant_id", "earner_id", "credential_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_recommendations_credential_id",
                table: "recommendations",
                column: "credential_id");

            migrationBuilder.CreateIndex(
                name: "ix_recommendations_recommended_by",
                table: "recommendations",
                column: "recommended_by");

            migrationBuilder.CreateIndex(
                name: "ix_recommendations_school_id",
                table: "recommendations",
                column: "school_id");

            migrationBuilder.CreateIndex(
                name: "ix_recommendations_tenant_id",
                table: "recommendations",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_recommendations_tenant_id_credential_id",
                table: "recommendations",
                columns: new[] { "tenant_id", "credential_id" });

            // Row-level security
            migrationBuilder.IsolateByTenant("plan_entries");
            migrationBuilder.IsolateByTenant("recommendations");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "plan_entries");

            migrationBuilder.DropTable(
                name: "recommendations");
        }
    }
}
