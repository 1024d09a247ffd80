using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Soudan.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CaseSearch : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "CaseSearch",
                columns: table => new
                {
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Names = table.Column<string>(type: "TEXT", nullable: false),
                    Text = table.Column<string>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseSearch", x => x.CaseId);
                    table.ForeignKey(
                        name: "FK_CaseSearch_Case_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Case",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            // Substring search in any script: an FTS5 trigram index following the CaseSearch table.
            migrationBuilder.Sql("""
                CREATE VIRTUAL TABLE "CaseSearchFts" USING fts5(
                    "Names", "Text", content='CaseSearch', content_rowid='CaseId', tokenize='trigram');
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "CaseSearch_ai" AFTER INSERT ON "CaseSearch" BEGIN
                  INSERT INTO "CaseSearchFts"(rowid, "Names", "Text") VALUES (new."CaseId", new."Names", new."Text");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "CaseSearch_ad" AFTER DELETE ON "CaseSearch" BEGIN
                  INSERT INTO "CaseSearchFts"("CaseSearchFts", rowid, "Names", "Text") VALUES ('delete', old."CaseId", old."Names", old."Text");
                END;
                """);
            migrationBuilder.Sql("""
                CREATE TRIGGER "CaseSearch_au" AFTER UPDATE ON "CaseSearch" BEGIN
                  INSERT INTO "CaseSearchFts"("CaseSearchFts", rowid, "Names", "Text") VALUES ('delete', old."CaseId", old."Names", old."Text");
                  INSERT INTO "CaseSearchFts"(rowid, "Names", "Text") VALUES (new."CaseId", new."Names", new."Text");
                END;
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""DROP TRIGGER "CaseSearch_au";""");
            migrationBuilder.Sql("""DROP TRIGGER "CaseSearch_ad";""");
            migrationBuilder.Sql("""DROP TRIGGER "CaseSearch_ai";""");
            migrationBuilder.Sql("""DROP TABLE "CaseSearchFts";""");

            migrationBuilder.DropTable(
                name: "CaseSearch");
        }
    }
}
