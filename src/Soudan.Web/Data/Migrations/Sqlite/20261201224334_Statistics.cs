using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Soudan.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class Statistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PublishedStatistic",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    View = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: false),
                    TitleJa = table.Column<string>(type: "TEXT", maxLength: 150, nullable: true),
                    TitleEn = table.Column<string>(type: "TEXT", maxLength: 150, nullable: true),
                    PublishedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PublishedBy = table.Column<Guid>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PublishedStatistic", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "StatisticsFact",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    Unit = table.Column<int>(type: "INTEGER", nullable: false),
                    IntakeId = table.Column<long>(type: "INTEGER", nullable: true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: true),
                    JoinedCaseId = table.Column<int>(type: "INTEGER", nullable: true),
                    Day = table.Column<int>(type: "INTEGER", nullable: false),
                    Week = table.Column<int>(type: "INTEGER", nullable: false),
                    Month = table.Column<int>(type: "INTEGER", nullable: false),
                    HotlineSessionId = table.Column<int>(type: "INTEGER", nullable: true),
                    Counted = table.Column<bool>(type: "INTEGER", nullable: false),
                    Channel = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Language = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    Nationality = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    PrefectureCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: true),
                    Industry = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    EmploymentType = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    ResidenceToken = table.Column<string>(type: "TEXT", maxLength: 32, nullable: true),
                    Status = table.Column<string>(type: "TEXT", maxLength: 64, nullable: true),
                    UnpaidWagesYen = table.Column<long>(type: "INTEGER", nullable: false),
                    LeaveAllowanceYen = table.Column<long>(type: "INTEGER", nullable: false),
                    OvertimeYen = table.Column<long>(type: "INTEGER", nullable: false),
                    NoticeAllowanceYen = table.Column<long>(type: "INTEGER", nullable: false),
                    OtherYen = table.Column<long>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsFact", x => x.Id);
                    table.ForeignKey(
                        name: "FK_StatisticsFact_Case_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Case",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_StatisticsFact_Intakes_IntakeId",
                        column: x => x.IntakeId,
                        principalTable: "Intakes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "StatisticsFactValue",
                columns: table => new
                {
                    FactId = table.Column<long>(type: "INTEGER", nullable: false),
                    Dimension = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Value = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsFactValue", x => new { x.FactId, x.Dimension, x.Value });
                    table.ForeignKey(
                        name: "FK_StatisticsFactValue_StatisticsFact_FactId",
                        column: x => x.FactId,
                        principalTable: "StatisticsFact",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_StatisticsFact_CaseId",
                table: "StatisticsFact",
                column: "CaseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StatisticsFact_IntakeId",
                table: "StatisticsFact",
                column: "IntakeId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StatisticsFact_JoinedCaseId",
                table: "StatisticsFact",
                column: "JoinedCaseId");

            migrationBuilder.CreateIndex(
                name: "IX_StatisticsFact_Unit_Day",
                table: "StatisticsFact",
                columns: new[] { "Unit", "Day" });

            migrationBuilder.CreateIndex(
                name: "IX_StatisticsFactValue_Dimension_Value_FactId",
                table: "StatisticsFactValue",
                columns: new[] { "Dimension", "Value", "FactId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PublishedStatistic");

            migrationBuilder.DropTable(
                name: "StatisticsFactValue");

            migrationBuilder.DropTable(
                name: "StatisticsFact");
        }
    }
}
