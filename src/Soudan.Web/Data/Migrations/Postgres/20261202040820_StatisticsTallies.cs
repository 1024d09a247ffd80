using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Soudan.Web.Data.Migrations.Postgres
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
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsChange", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StatisticsTally",
                columns: table => new
                {
                    Unit = table.Column<int>(type: "integer", nullable: false),
                    Month = table.Column<int>(type: "integer", nullable: false),
                    Dimension = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Value = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    OtherDimension = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    OtherValue = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false),
                    MoneyCases = table.Column<int>(type: "integer", nullable: false),
                    UnpaidWagesYen = table.Column<long>(type: "bigint", nullable: false),
                    LeaveAllowanceYen = table.Column<long>(type: "bigint", nullable: false),
                    OvertimeYen = table.Column<long>(type: "bigint", nullable: false),
                    NoticeAllowanceYen = table.Column<long>(type: "bigint", nullable: false),
                    OtherYen = table.Column<long>(type: "bigint", nullable: false)
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
