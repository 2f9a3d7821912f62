using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroCred.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class NewDistrictReachesFirstBadge : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "second_score_waived_at",
                table: "reviews",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "attention_emailed_on",
                table: "districts",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "getting_started_dismissed_at",
                table: "districts",
                type: "timestamp with time zone",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "second_score_waived_at",
                table: "reviews");

            migrationBuilder.DropColumn(
                name: "attention_emailed_on",
                table: "districts");

            migrationBuilder.DropColumn(
                name: "getting_started_dismissed_at",
                table: "districts");
        }
    }
}
