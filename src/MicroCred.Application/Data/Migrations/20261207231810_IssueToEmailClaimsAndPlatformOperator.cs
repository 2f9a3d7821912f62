using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroCred.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class IssueToEmailClaimsAndPlatformOperator : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "outside_emails_held",
                table: "districts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateOnly>(
                name: "outside_emails_on",
                table: "districts",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "outside_emails_sent",
                table: "districts",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "suspended_at",
                table: "districts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "suspension_reason",
                table: "districts",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "verified_at",
                table: "districts",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AlterColumn<Guid>(
                name: "recipient_id",
                table: "assertions",
                type: "uuid",
                nullable: true,
                oldClrType: typeof(Guid),
                oldType: "uuid");

            migrationBuilder.CreateTable(
                name: "badge_claims",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    assertion_id = table.Column<Guid>(type: "uuid", nullable: false),
                    email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    token_hash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    emailed = table.Column<bool>(type: "boolean", nullable: false),
                    claimed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    claimed_by = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_badge_claims", x => x.id);
                    table.ForeignKey(
                        name: "fk_badge_claims_assertions_assertion_id",
                        column: x => x.assertion_id,
                        principalTable: "assertions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_badge_claims_assertion_id",
                table: "badge_claims",
                column: "assertion_id");

            migrationBuilder.CreateIndex(
                name: "ix_badge_claims_tenant_id",
                table: "badge_claims",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_badge_claims_token_hash",
                table: "badge_claims",
                column: "token_hash",
                unique: true);

            // Districts that exist before this release were vetted by whoever ran the platform: they start verified.
            migrationBuilder.Sql("UPDATE districts SET verified_at = now();");

            // Row-level security
            migrationBuilder.IsolateByTenant("badge_claims");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "badge_claims");

            migrationBuilder.DropColumn(
                name: "outside_emails_held",
                table: "districts");

            migrationBuilder.DropColumn(
                name: "outside_emails_on",
                table: "districts");

            migrationBuilder.DropColumn(
                name: "outside_emails_sent",
                table: "districts");

            migrationBuilder.DropColumn(
                name: "suspended_at",
                table: "districts");

            migrationBuilder.DropColumn(
                name: "suspension_reason",
                table: "districts");

            migrationBuilder.DropColumn(
                name: "verified_at",
                table: "districts");

            migrationBuilder.AlterColumn<Guid>(
                name: "recipient_id",
                table: "assertions",
                type: "uuid",
                nullable: false,
                defaultValue: new Guid("00000000-0000-0000-0000-000000000000"),
                oldClrType: typeof(Guid),
                oldType: "uuid",
                oldNullable: true);
        }
    }
}
