using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroCred.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class AdaptedCredentials : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "adapted_from_credential_id",
                table: "micro_credentials",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "adapted_from_issuer",
                table: "micro_credentials",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "adapted_from_name",
                table: "micro_credentials",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "adapted_from_url",
                table: "micro_credentials",
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "adapted_from_credential_id",
                table: "micro_credentials");

            migrationBuilder.DropColumn(
                name: "adapted_from_issuer",
                table: "micro_credentials");

            migrationBuilder.DropColumn(
                name: "adapted_from_name",
                table: "micro_credentials");

            migrationBuilder.DropColumn(
                name: "adapted_from_url",
                table: "micro_credentials");
        }
    }
}
