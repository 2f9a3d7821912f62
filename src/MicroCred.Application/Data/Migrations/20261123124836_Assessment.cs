using System;
using System.Collections.Generic;
using MicroCred.Application.Data;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroCred.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class Assessment : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "school_id",
                table: "memberships",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "anchors",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    credential_id = table.Column<Guid>(type: "uuid", nullable: false),
                    credential_version_id = table.Column<Guid>(type: "uuid", nullable: false),
                    submission_id = table.Column<Guid>(type: "uuid", nullable: true),
                    label = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    known_levels = table.Column<string>(type: "jsonb", nullable: false),
                    rationale = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: true),
                    evidence = table.Column<string>(type: "jsonb", nullable: false),
                    created_by = table.Column<Guid>(type: "uuid", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    retired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_anchors", x => x.id);
                    table.ForeignKey(
                        name: "fk_anchors_credential_versions_credential_version_id",
                        column: x => x.credential_version_id,
                        principalTable: "credential_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_anchors_micro_credentials_credential_id",
                        column: x => x.credential_id,
                        principalTable: "micro_credentials",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_anchors_submissions_submission_id",
                        column: x => x.submission_id,
                        principalTable: "submissions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "assessor_qualifications",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    assessor_id = table.Column<Guid>(type: "uuid", nullable: false),
                    credential_id = table.Column<Guid>(type: "uuid", nullable: false),
                    status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    method = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: true),
                    qualified_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    changed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    changed_by = table.Column<Guid>(type: "uuid", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assessor_qualifications", x => x.id);
                    table.ForeignKey(
                        name: "fk_assessor_qualifications_micro_credentials_credential_id",
                        column: x => x.credential_id,
                        principalTable: "micro_credentials",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_assessor_qualifications_users_assessor_id",
                        column: x => x.assessor_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "conflict_declarations",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    declared_by = table.Column<Guid>(type: "uuid", nullable: false),
                    other_person_id = table.Column<Guid>(type: "uuid", nullable: false),
                    submission_id = table.Column<Guid>(type: "uuid", nullable: true),
                    reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: false),
                    declared_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    withdrawn_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_conflict_declarations", x => x.id);
                    table.ForeignKey(
                        name: "fk_conflict_declarations_submissions_submission_id",
                        column: x => x.submission_id,
                        principalTable: "submissions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_conflict_declarations_users_declared_by",
                        column: x => x.declared_by,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_conflict_declarations_users_other_person_id",
                        column: x => x.other_person_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "reviews",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    submission_id = table.Column<Guid>(type: "uuid", nullable: false),
                    credential_id = table.Column<Guid>(type: "uuid", nullable: false),
                    credential_version_id = table.Column<Guid>(type: "uuid", nullable: false),
                    earner_id = table.Column<Guid>(type: "uuid", nullable: false),
                    sequence = table.Column<int>(type: "integer", nullable: false),
                    double_scored = table.Column<bool>(type: "boolean", nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    status = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: false),
                    adjudication_requested_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    adjudication_due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    scored_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    final_assignment_id = table.Column<Guid>(type: "uuid", nullable: true),
                    recommendation = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    xmin = table.Column<uint>(type: "xid", rowVersion: true, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_reviews", x => x.id);
                    table.ForeignKey(
                        name: "fk_reviews_micro_credentials_credential_id",
                        column: x => x.credential_id,
                        principalTable: "micro_credentials",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_reviews_submissions_submission_id",
                        column: x => x.submission_id,
                        principalTable: "submissions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "schools",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    name = table.Column<string>(type: "character varying(120)", maxLength: 120, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_schools", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "calibration_attempts",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    qualification_id = table.Column<Guid>(type: "uuid", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    anchor_ids = table.Column<List<Guid>>(type: "uuid[]", nullable: false),
                    ratings = table.Column<string>(type: "jsonb", nullable: false),
                    submitted_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    compared = table.Column<int>(type: "integer", nullable: true),
                    matched = table.Column<int>(type: "integer", nullable: true),
                    threshold_percent = table.Column<int>(type: "integer", nullable: true),
                    passed = table.Column<bool>(type: "boolean", nullable: true),
                    abandoned = table.Column<bool>(type: "boolean", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_calibration_attempts", x => x.id);
                    table.ForeignKey(
                        name: "fk_calibration_attempts_assessor_qualifications_qualification_",
                        column: x => x.qualification_id,
                        principalTable: "assessor_qualifications",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "assignments",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    review_id = table.Column<Guid>(type: "uuid", nullable: false),
                    submission_id = table.Column<Guid>(type: "uuid", nullable: false),
                    credential_id = table.Column<Guid>(type: "uuid", nullable: false),
                    assessor_id = table.Column<Guid>(type: "uuid", nullable: false),
                    role = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    source = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    assigned_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    assigned_by = table.Column<Guid>(type: "uuid", nullable: true),
                    due_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    ended_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    end_reason = table.Column<string>(type: "character varying(24)", maxLength: 24, nullable: true),
                    sheet = table.Column<string>(type: "jsonb", nullable: true),
                    saved_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    completed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    recommendation = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: true),
                    total = table.Column<int>(type: "integer", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assignments", x => x.id);
                    table.ForeignKey(
                        name: "fk_assignments_reviews_review_id",
                        column: x => x.review_id,
                        principalTable: "reviews",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_assignments_users_assessor_id",
                        column: x => x.assessor_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_memberships_school_id",
                table: "memberships",
                column: "school_id");

            migrationBuilder.CreateIndex(
                name: "ix_anchors_credential_id",
                table: "anchors",
                column: "credential_id");

            migrationBuilder.CreateIndex(
                name: "ix_anchors_credential_version_id",
                table: "anchors",
                column: "credential_version_id");

            migrationBuilder.CreateIndex(
                name: "ix_anchors_submission_id",
                table: "anchors",
                column: "submission_id");

            migrationBuilder.CreateIndex(
                name: "ix_anchors_tenant_id",
                table: "anchors",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_anchors_tenant_id_credential_id",
                table: "anchors",
                columns: new[] { "tenant_id", "credential_id" });

            migrationBuilder.CreateIndex(
                name: "ix_assessor_qualifications_assessor_id",
                table: "assessor_qualifications",
                column: "assessor_id");

            migrationBuilder.CreateIndex(
                name: "ix_assessor_qualifications_credential_id",
                table: "assessor_qualifications",
                column: "credential_id");

            migrationBuilder.CreateIndex(
                name: "ix_assessor_qualifications_tenant_id",
                table: "assessor_qualifications",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_assessor_qualifications_tenant_id_assessor_id_credential_id",
                table: "assessor_qualifications",
                columns: new[] { "tenant_id", "assessor_id", "credential_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_assignments_assessor_id",
                table: "assignments",
                column: "assessor_id");

            migrationBuilder.CreateIndex(
                name: "ix_assignments_review_id_role",
                table: "assignments",
                columns: new[] { "review_id", "role" },
                unique: true,
                filter: "ended_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_assignments_submission_id",
                table: "assignments",
                column: "submission_id");

            migrationBuilder.CreateIndex(
                name: "ix_assignments_tenant_id",
                table: "assignments",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_assignments_tenant_id_assessor_id_ended_at_completed_at",
                table: "assignments",
                columns: new[] { "tenant_id", "assessor_id", "ended_at", "completed_at" });

            migrationBuilder.CreateIndex(
                name: "ix_calibration_attempts_qualification_id",
                table: "calibration_attempts",
                column: "qualification_id");

            migrationBuilder.CreateIndex(
                name: "ix_calibration_attempts_tenant_id",
                table: "calibration_attempts",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_conflict_declarations_declared_by",
                table: "conflict_declarations",
                column: "declared_by");

            migrationBuilder.CreateIndex(
                name: "ix_conflict_declarations_other_person_id",
                table: "conflict_declarations",
                column: "other_person_id");

            migrationBuilder.CreateIndex(
                name: "ix_conflict_declarations_submission_id",
                table: "conflict_declarations",
                column: "submission_id");

            migrationBuilder.CreateIndex(
                name: "ix_conflict_declarations_tenant_id",
                table: "conflict_declarations",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_reviews_credential_id",
                table: "reviews",
                column: "credential_id");

            migrationBuilder.CreateIndex(
                name: "ix_reviews_submission_id",
                table: "reviews",
                column: "submission_id",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_reviews_tenant_id",
                table: "reviews",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_reviews_tenant_id_credential_id",
                table: "reviews",
                columns: new[] { "tenant_id", "credential_id" });

            migrationBuilder.CreateIndex(
                name: "ix_reviews_tenant_id_status",
                table: "reviews",
                columns: new[] { "tenant_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_schools_tenant_id",
                table: "schools",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_schools_tenant_id_name",
                table: "schools",
                columns: new[] { "tenant_id", "name" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "fk_memberships_schools_school_id",
                table: "memberships",
                column: "school_id",
                principalTable: "schools",
                principalColumn: "id",
                onDelete: ReferentialAction.SetNull);

            // Row-level security
            migrationBuilder.IsolateByTenant("schools");
            migrationBuilder.IsolateByTenant("conflict_declarations");
            migrationBuilder.IsolateByTenant("assessor_qualifications");
            migrationBuilder.IsolateByTenant("calibration_attempts");
            migrationBuilder.IsolateByTenant("anchors");
            migrationBuilder.IsolateByTenant("reviews");
            migrationBuilder.IsolateByTenant("assignments");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "fk_memberships_schools_school_id",
                table: "memberships");

            migrationBuilder.DropTable(
                name: "anchors");

            migrationBuilder.DropTable(
                name: "assignments");

            migrationBuilder.DropTable(
                name: "calibration_attempts");

            migrationBuilder.DropTable(
                name: "conflict_declarations");

            migrationBuilder.DropTable(
                name: "schools");

            migrationBuilder.DropTable(
                name: "reviews");

            migrationBuilder.DropTable(
                name: "assessor_qualifications");

            migrationBuilder.DropIndex(
                name: "ix_memberships_school_id",
                table: "memberships");

            migrationBuilder.DropColumn(
                name: "school_id",
                table: "memberships");
        }
    }
}
