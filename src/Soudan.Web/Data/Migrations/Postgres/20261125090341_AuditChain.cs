using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Soudan.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class AuditChain : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Hash",
                table: "AuditEvents",
                type: "character varying(64)",
                maxLength: 64,
                nullable: true);

            migrationBuilder.AddColumn<long>(
                name: "Sequence",
                table: "AuditEvents",
                type: "bigint",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_AuditEvents_Sequence",
                table: "AuditEvents",
                column: "Sequence",
                unique: true);

            // Append-only: no line is deleted or truncated; a line is updated only once, when it is
            // sealed, and then only its place in the chain.
            migrationBuilder.Sql("""
                CREATE FUNCTION audit_events_append_only() RETURNS trigger LANGUAGE plpgsql AS $$
                BEGIN
                  IF TG_OP = 'UPDATE' THEN
                    IF OLD."Sequence" IS NULL
                       AND NEW."Id" = OLD."Id" AND NEW."AtUtc" = OLD."AtUtc"
                       AND NEW."ActorId" IS NOT DISTINCT FROM OLD."ActorId" AND NEW."Action" = OLD."Action"
                       AND NEW."TargetType" IS NOT DISTINCT FROM OLD."TargetType"
                       AND NEW."TargetId" IS NOT DISTINCT FROM OLD."TargetId" THEN
                      RETURN NEW;
                    END IF;
                  END IF;
                  RAISE EXCEPTION 'the audit log is append-only';
                END $$;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditEvents_append_only" BEFORE UPDATE OR DELETE ON "AuditEvents"
                FOR EACH ROW EXECUTE FUNCTION audit_events_append_only();
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "AuditEvents_no_truncate" BEFORE TRUNCATE ON "AuditEvents"
                FOR EACH STATEMENT EXECUTE FUNCTION audit_events_append_only();
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "AuditEvents_no_truncate" ON "AuditEvents";""");
            migrationBuilder.Sql("""DROP TRIGGER "AuditEvents_append_only" ON "AuditEvents";""");
            migrationBuilder.Sql("DROP FUNCTION audit_events_append_only();");

            migrationBuilder.DropIndex(
                name: "IX_AuditEvents_Sequence",
                table: "AuditEvents");

            migrationBuilder.DropColumn(
                name: "Hash",
                table: "AuditEvents");

            migrationBuilder.DropColumn(
                name: "Sequence",
                table: "AuditEvents");
        }
    }
}
