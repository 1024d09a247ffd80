using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Soudan.Web.Data.Migrations.Postgres
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
                type: "integer",
                nullable: true);

            migrationBuilder.CreateTable(
                name: "CaseOutcomes",
                columns: table => new
                {
                    CaseId = table.Column<int>(type: "integer", nullable: false),
                    UnpaidWagesYen = table.Column<long>(type: "bigint", nullable: false),
                    LeaveAllowanceYen = table.Column<long>(type: "bigint", nullable: false),
                    OvertimeYen = table.Column<long>(type: "bigint", nullable: false),
                    NoticeAllowanceYen = table.Column<long>(type: "bigint", nullable: false),
                    OtherYen = table.Column<long>(type: "bigint", nullable: false),
                    Benefits = table.Column<List<string>>(type: "text[]", nullable: false),
                    Reinstated = table.Column<bool>(type: "boolean", nullable: false),
                    VisaResolved = table.Column<bool>(type: "boolean", nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<int>(type: "integer", nullable: false),
                    To = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    Organisation = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Shared = table.Column<List<string>>(type: "text[]", nullable: false),
                    ReferredAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ReferredBy = table.Column<Guid>(type: "uuid", nullable: false),
                    Outcome = table.Column<string>(type: "character varying(2000)", maxLength: 2000, nullable: true),
                    OutcomeAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
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
