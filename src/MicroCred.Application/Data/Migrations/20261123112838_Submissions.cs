using System;
using MicroCred.Application.Data;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroCred.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class Submissions : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "district_policies",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    max_attempts = table.Column<int>(type: "integer", nullable: true),
                    assignment = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    turnaround_business_days = table.Column<int>(type: "integer", nullable: false),
                    blind_review = table.Column<bool>(type: "boolean", nullable: false),
                    double_scoring_percent = table.Column<int>(type: "integer", nullable: false),
                    forbid_same_school = table.Column<bool>(type: "boolean", nullable: false),
                    agreement_threshold_percent = table.Column<int>(type: "integer", nullable: false),
                    calibration_threshold_percent = table.Column<int>(type: "integer", nullable: false),
                    auto_award = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_district_policies", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "submissions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    earner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    credential_id = table.Column<Guid>(type: "uuid", nullable: false),
                    credential_version_id = table.Column<Guid>(type: "uuid", nullable: false),
                    attempt = table.Column<int>(type: "integer", nullable: false),
                    previous_attempt_id = table.Column<Guid>(type: "uuid", nullable: true),
                    code = table.Column<string>(type: "character varying(12)", maxLength: 12, nullable: false),
                    status = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    review_started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    scored_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decided_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    decision_note = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    evidence_public = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_submissions", x => x.id);
                    table.ForeignKey(
                        name: "fk_submissions_credential_versions_credential_version_id",
                        column: x => x.credential_version_id,
                        principalTable: "credential_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_submissions_micro_credentials_credential_id",
                        column: x => x.credential_id,
                        principalTable: "micro_credentials",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_submissions_users_earner_id",
                        column: x => x.earner_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "evidence_items",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    submission_id = table.Column<Guid>(type: "uuid", nullable: false),
                    prompt_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    text = table.Column<string>(type: "text", nullable: true),
                    url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    title = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    file_id = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_evidence_items", x => x.id);
                    table.ForeignKey(
                        name: "fk_evidence_items_submissions_submission_id",
                        column: x => x.submission_id,
                        principalTable: "submissions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_district_policies_tenant_id",
                table: "district_policies",
                column: "tenant_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_evidence_items_file_id",
                table: "evidence_items",
                column: "file_id");

            migrationBuilder.CreateIndex(
                name: "ix_evidence_items_submission_id",
                table: "evidence_items",
                column: "submission_id");

            migrationBuilder.CreateIndex(
                name: "ix_evidence_items_tenant_id",
                table: "evidence_items",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_submissions_credential_id",
                table: "submissions",
                column: "credential_id");

            migrationBuilder.CreateIndex(
                name: "ix_submissions_credential_version_id",
                table: "submissions",
                column: "credential_version_id");

            migrationBuilder.CreateIndex(
                name: "ix_submissions_earner_id_credential_id",
                table: "submissions",
                columns: new[] { "earner_id", "credential_id" });

            migrationBuilder.CreateIndex(
                name: "ix_submissions_tenant_id",
                table: "submissions",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_submissions_tenant_id_code",
                table: "submissions",
                columns: new[] { "tenant_id", "code" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_submissions_tenant_id_status",
                table: "submissions",
                columns: new[] { "tenant_id", "status" });

            // Row-level security
            migrationBuilder.IsolateByTenant("submissions");
            migrationBuilder.IsolateByTenant("evidence_items");
            migrationBuilder.IsolateByTenant("district_policies");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "district_policies");

            migrationBuilder.DropTable(
                name: "evidence_items");

            migrationBuilder.DropTable(
                name: "submissions");
        }
    }
}
