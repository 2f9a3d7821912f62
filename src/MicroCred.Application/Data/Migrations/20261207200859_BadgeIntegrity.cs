using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroCred.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class BadgeIntegrity : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "awarded_against_recommendation",
                table: "submissions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<bool>(
                name: "requires_assessed",
                table: "recognition_rules",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "rescinded_at",
                table: "credit_requests",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "rescission_reason",
                table: "credit_requests",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "basis",
                table: "assertions",
                type: "character varying(20)",
                maxLength: 20,
                nullable: false,
                defaultValue: "PriorLearning");

            // Badges issued before this migration get the basis they had: a decision, a stack, an import, or by hand.
            // Row-level security is forced even for the owner; lift it for these statements only.
            migrationBuilder.Sql("""
                ALTER TABLE assertions NO FORCE ROW LEVEL SECURITY;
                ALTER TABLE badge_import_rows NO FORCE ROW LEVEL SECURITY;
                UPDATE assertions SET basis = CASE
                    WHEN submission_id IS NOT NULL THEN 'Assessment'
                    WHEN stack_id IS NOT NULL THEN 'Stack'
                    WHEN id IN (SELECT assertion_id FROM badge_import_rows WHERE assertion_id IS NOT NULL) THEN 'Migrated'
                    ELSE 'PriorLearning' END;
                ALTER TABLE badge_import_rows FORCE ROW LEVEL SECURITY;
                ALTER TABLE assertions FORCE ROW LEVEL SECURITY;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "awarded_against_recommendation",
                table: "submissions");

            migrationBuilder.DropColumn(
                name: "requires_assessed",
                table: "recognition_rules");

            migrationBuilder.DropColumn(
                name: "rescinded_at",
                table: "credit_requests");

            migrationBuilder.DropColumn(
                name: "rescission_reason",
                table: "credit_requests");

            migrationBuilder.DropColumn(
                name: "basis",
                table: "assertions");
        }
    }
}
