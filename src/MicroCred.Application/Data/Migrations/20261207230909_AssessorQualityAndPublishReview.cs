using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroCred.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class AssessorQualityAndPublishReview : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "pause_minimum_comparisons",
                table: "district_policies",
                type: "integer",
                nullable: false,
                // Existing districts get the domain default (DistrictPolicy.DefaultPauseMinimumComparisons).
                defaultValue: 5);

            migrationBuilder.AddColumn<int>(
                name: "qualification_valid_months",
                table: "district_policies",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "require_publish_review",
                table: "district_policies",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<List<string>>(
                name: "approval_checks",
                table: "credential_versions",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<string>(
                name: "approval_note",
                table: "credential_versions",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "approved_at",
                table: "credential_versions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "approved_by",
                table: "credential_versions",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "revised_by",
                table: "credential_versions",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "pause_lift_reason",
                table: "assessor_qualifications",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "pause_lifted_at",
                table: "assessor_qualifications",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "pause_lifted_by",
                table: "assessor_qualifications",
                type: "uuid",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "pause_minimum_comparisons",
                table: "district_policies");

            migrationBuilder.DropColumn(
                name: "qualification_valid_months",
                table: "district_policies");

            migrationBuilder.DropColumn(
                name: "require_publish_review",
                table: "district_policies");

            migrationBuilder.DropColumn(
                name: "approval_checks",
                table: "credential_versions");

            migrationBuilder.DropColumn(
                name: "approval_note",
                table: "credential_versions");

            migrationBuilder.DropColumn(
                name: "approved_at",
                table: "credential_versions");

            migrationBuilder.DropColumn(
                name: "approved_by",
                table: "credential_versions");

            migrationBuilder.DropColumn(
                name: "revised_by",
                table: "credential_versions");

            migrationBuilder.DropColumn(
                name: "pause_lift_reason",
                table: "assessor_qualifications");

            migrationBuilder.DropColumn(
                name: "pause_lifted_at",
                table: "assessor_qualifications");

            migrationBuilder.DropColumn(
                name: "pause_lifted_by",
                table: "assessor_qualifications");
        }
    }
}
