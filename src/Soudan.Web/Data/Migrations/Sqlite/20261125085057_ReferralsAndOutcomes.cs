using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Soudan.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReferralsAndOutcomes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "ReferralId",
                table: "CaseEntry",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CaseOutcomes",
                columns: table => new
                {
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    UnpaidWagesYen = table.Column<long>(type: "INTEGER", nullable: false),
                    LeaveAllowanceYen = table.Column<long>(type: "INTEGER", nullable: false),
                    OvertimeYen = table.Column<long>(type: "INTEGER", nullable: false),
                    NoticeAllowanceYen = table.Column<long>(type: "INTEGER", nullable: false),
                    OtherYen = table.Column<long>(type: "INTEGER", nullable: false),
                    Benefits = table.Column<string>(type: "TEXT", nullable: false),
                    Reinstated = table.Column<bool>(type: "INTEGER", nullable: false),
                    VisaResolved = table.Column<bool>(type: "INTEGER", nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseOutcomes", x => x.CaseId);
                    table.ForeignKey(
                        name: "FK_CaseOutcomes_Case_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Case",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseReferrals",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    CaseId = table.Column<int>(type: "INTEGER", nullable: false),
                    To = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    Organisation = table.Column<string>(type: "TEXT", maxLength: 200, nullable: true),
                    Shared = table.Column<string>(type: "TEXT", nullable: false),
                    ReferredAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ReferredBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    Outcome = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true),
                    OutcomeAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseReferrals", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseReferrals_Case_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Case",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_CaseReferrals_CaseId_ReferredAtUtc",
                table: "CaseReferrals",
                columns: new[] { "CaseId", "ReferredAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseReferrals_To",
                table: "CaseReferrals",
                column: "To");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "CaseOutcomes");

            migrationBuilder.DropTable(
                name: "CaseReferrals");

            migrationBuilder.DropColumn(
                name: "ReferralId",
                table: "CaseEntry");
        }
    }
}
