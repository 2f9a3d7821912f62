using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace MicroCred.Application.Data.Migrations
{
    /// <inheritdoc />
    public partial class Issuing : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "issuer_keys",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    public_key_pem = table.Column<string>(type: "character varying(4000)", maxLength: 4000, nullable: false),
                    protected_private_key = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    retired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_issuer_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "public_documents",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    district_id = table.Column<Guid>(type: "uuid", nullable: false),
                    kind = table.Column<string>(type: "character varying(20)", maxLength: 20, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_public_documents", x => x.id);
                    table.ForeignKey(
                        name: "fk_public_documents_districts_district_id",
                        column: x => x.district_id,
                        principalTable: "districts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "assertions",
                columns: table => new
                {
                    id = table.Column<Guid>(type: "uuid", nullable: false),
                    tenant_id = table.Column<Guid>(type: "uuid", nullable: false),
                    recipient_id = table.Column<Guid>(type: "uuid", nullable: false),
                    recipient_email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: false),
                    recipient_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    show_recipient_name = table.Column<bool>(type: "boolean", nullable: false),
                    salt = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    identity_hash = table.Column<string>(type: "character varying(80)", maxLength: 80, nullable: false),
                    credential_id = table.Column<Guid>(type: "uuid", nullable: true),
                    credential_version_id = table.Column<Guid>(type: "uuid", nullable: true),
                    stack_id = table.Column<Guid>(type: "uuid", nullable: true),
                    badge_name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    submission_id = table.Column<Guid>(type: "uuid", nullable: true),
                    issued_on = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    evidence_url = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    narrative = table.Column<string>(type: "character varying(5000)", maxLength: 5000, nullable: true),
                    verification = table.Column<string>(type: "character varying(10)", maxLength: 10, nullable: false),
                    signing_key_id = table.Column<Guid>(type: "uuid", nullable: true),
                    issued_by = table.Column<Guid>(type: "uuid", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    revocation_reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true),
                    revoked_by = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_assertions", x => x.id);
                    table.ForeignKey(
                        name: "fk_assertions_credential_versions_credential_version_id",
                        column: x => x.credential_version_id,
                        principalTable: "credential_versions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_assertions_issuer_keys_signing_key_id",
                        column: x => x.signing_key_id,
                        principalTable: "issuer_keys",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_assertions_stacks_stack_id",
                        column: x => x.stack_id,
                        principalTable: "stacks",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_assertions_users_recipient_id",
                        column: x => x.recipient_id,
                        principalTable: "users",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "ix_assertions_credential_version_id",
                table: "assertions",
                column: "credential_version_id");

            migrationBuilder.CreateIndex(
                name: "ix_assertions_recipient_id",
                table: "assertions",
                column: "recipient_id");

            migrationBuilder.CreateIndex(
                name: "ix_assertions_signing_key_id",
                table: "assertions",
                column: "signing_key_id");

            migrationBuilder.CreateIndex(
                name: "ix_assertions_stack_id",
                table: "assertions",
                column: "stack_id");

            migrationBuilder.CreateIndex(
                name: "ix_assertions_submission_id",
                table: "assertions",
                column: "submission_id",
                unique: true,
                filter: "submission_id IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "ix_assertions_tenant_id",
                table: "assertions",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_assertions_tenant_id_issued_on",
                table: "assertions",
                columns: new[] { "tenant_id", "issued_on" });

            migrationBuilder.CreateIndex(
                name: "ix_assertions_tenant_id_revoked_at",
                table: "assertions",
                columns: new[] { "tenant_id", "revoked_at" });

            migrationBuilder.CreateIndex(
                name: "ix_issuer_keys_tenant_id",
                table: "issuer_keys",
                column: "tenant_id");

            migrationBuilder.CreateIndex(
                name: "ix_public_documents_district_id",
                table: "public_documents",
                column: "district_id");

            // Row-level security
            migrationBuilder.IsolateByTenant("assertions");
            migrationBuilder.IsolateByTenant("issuer_keys");

            // public_documents is global (like districts): it maps a public document's id to the district that
            // publishes it, so /public/… URLs can be read inside that district. Triggers fill it, so no publishing
            // path can forget to; they run as the caller (the app role), which may insert into the table.
            migrationBuilder.Sql("""
                CREATE FUNCTION register_public_document() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                    INSERT INTO public_documents (id, district_id, kind) VALUES (NEW.id, NEW.tenant_id, TG_ARGV[0])
                    ON CONFLICT (id) DO NOTHING;
                    RETURN NEW;
                END $$;
                CREATE TRIGGER credential_versions_public AFTER INSERT OR UPDATE OF status ON credential_versions
                    FOR EACH ROW WHEN (NEW.status <> 'Draft') EXECUTE FUNCTION register_public_document('BadgeClass');
                CREATE TRIGGER stacks_public AFTER INSERT OR UPDATE OF published_at ON stacks
                    FOR EACH ROW WHEN (NEW.published_at IS NOT NULL) EXECUTE FUNCTION register_public_document('StackBadge');
                CREATE TRIGGER assertions_public AFTER INSERT ON assertions
                    FOR EACH ROW EXECUTE FUNCTION register_public_document('Assertion');
                CREATE TRIGGER issuer_keys_public AFTER INSERT ON issuer_keys
                    FOR EACH ROW EXECUTE FUNCTION register_public_document('Key');
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""
                DROP TRIGGER IF EXISTS credential_versions_public ON credential_versions;
                DROP TRIGGER IF EXISTS stacks_public ON stacks;
                DROP FUNCTION IF EXISTS register_public_document() CASCADE;
                """);

            migrationBuilder.DropTable(
                name: "assertions");

            migrationBuilder.DropTable(
                name: "public_documents");

            migrationBuilder.DropTable(
                name: "issuer_keys");
        }
    }
}
