using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Soudan.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CaseCalculations : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CalculationId",
                table: "CaseEntry",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CaseCalculations",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    Kind = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    InputProtected = table.Column<string>(type: "TEXT", nullable: false),
                    ResultProtected = table.Column<string>(type: "TEXT", nullable: false),
                    CalculatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    CalculatedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    ReplacesId = table.Column<int>(type: "INTEGER", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseCalculations", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseCalculations_Case_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Case",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseCalculations_CaseId_CalculatedAtUtc",
                table: "CaseCalculations",
                columns: new[] { "CaseId", "CalculatedAtUtc" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseCalculations");

            migrationBuilder.DropColumn(
                name: "CalculationId",
                table: "CaseEntry");
        }
    }
}
