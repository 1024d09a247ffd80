using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Soudan.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StatisticsTallies : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StatisticsChange",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsChange", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StatisticsTally",
                columns: table => new
                {
                    Unit = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    Dimension = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    OtherDimension = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    OtherValue = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    Count = table.Column<int>(type: "INTEGER", nullable: false),
                    MoneyCases = table.Column<int>(type: "INTEGER", nullable: false),
                    UnpaidWagesYen = table.Column<long>(type: "INTEGER", nullable: false),
                    LeaveAllowanceYen = table.Column<long>(type: "INTEGER", nullable: false),
                    OvertimeYen = table.Column<long>(type: "INTEGER", nullable: false),
                    NoticeAllowanceYen = table.Column<long>(type: "INTEGER", nullable: false),
                    OtherYen = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsTally", x => new { x.Dimension, x.OtherDimension, x.Unit, x.Month, x.Value, x.OtherValue });
                });

            migrationBuilder.CreateIndex(
                name: "IX_StatisticsChange_Month",
                table: "StatisticsChange",
                column: "Month");

            migrationBuilder.CreateIndex(
                name: "IX_StatisticsTally_Month",
                table: "StatisticsTally",
                column: "Month");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "StatisticsChange");

            migrationBuilder.DropTable(
                name: "StatisticsTally");
        }
    }
}
