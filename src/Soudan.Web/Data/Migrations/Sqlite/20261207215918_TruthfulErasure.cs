using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Soudan.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class TruthfulErasure : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ErasureDueAtUtc",
                table: "Case",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ErasureRequestedAtUtc",
                table: "Case",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LegalHoldSinceUtc",
                table: "Case",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PersonalDataErasedAtUtc",
                table: "Case",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Erasures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Kind = table.Column<int>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    BytesClearedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Erasures", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Erasures_BytesClearedAtUtc",
                table: "Erasures",
                column: "BytesClearedAtUtc");

            // The search index drops a deleted case's words from its own pages too, instead of
            // leaving them until a merge (FTS5 secure-delete, SQLite 3.42 and later).
            migrationBuilder.Sql("""INSERT INTO "CaseSearchFts"("CaseSearchFts", rank) VALUES ('secure-delete', 1);""");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.Sql("""INSERT INTO "CaseSearchFts"("CaseSearchFts", rank) VALUES ('secure-delete', 0);""");

            migrationBuilder.DropTable(
                name: "Erasures");

            migrationBuilder.DropColumn(
                name: "ErasureDueAtUtc",
                table: "Case");

            migrationBuilder.DropColumn(
                name: "ErasureRequestedAtUtc",
                table: "Case");

            migrationBuilder.DropColumn(
                name: "LegalHoldSinceUtc",
                table: "Case");

            migrationBuilder.DropColumn(
                name: "PersonalDataErasedAtUtc",
                table: "Case");
        }
    }
}
