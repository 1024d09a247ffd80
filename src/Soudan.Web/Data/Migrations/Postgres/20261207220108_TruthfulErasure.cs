using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Soudan.Web.Data.Migrations.Postgres
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
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ErasureRequestedAtUtc",
                table: "Case",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "LegalHoldSinceUtc",
                table: "Case",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "PersonalDataErasedAtUtc",
                table: "Case",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Erasures",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    BytesClearedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Erasures", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Erasures_BytesClearedAtUtc",
                table: "Erasures",
                column: "BytesClearedAtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
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
