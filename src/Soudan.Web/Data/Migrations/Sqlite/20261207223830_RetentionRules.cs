using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Soudan.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class RetentionRules : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "RetentionRules",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    ConsultationMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    CallMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    ClosedCaseMonths = table.Column<int>(type: "INTEGER", nullable: false),
                    EnabledAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    EnabledBy = table.Column<Guid>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetentionRun",
                columns: table => new
                {
                    Id = table.Column<long>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    AtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    ScheduledDay = table.Column<int>(type: "INTEGER", nullable: true),
                    DryRun = table.Column<bool>(type: "INTEGER", nullable: false),
                    Consultations = table.Column<int>(type: "INTEGER", nullable: false),
                    Calls = table.Column<int>(type: "INTEGER", nullable: false),
                    Cases = table.Column<int>(type: "INTEGER", nullable: false),
                    KeptUnderHold = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionRun", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_RetentionRun_AtUtc",
                table: "RetentionRun",
                column: "AtUtc");

            migrationBuilder.CreateIndex(
                name: "IX_RetentionRun_ScheduledDay",
                table: "RetentionRun",
                column: "ScheduledDay",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "RetentionRules");

            migrationBuilder.DropTable(
                name: "RetentionRun");
        }
    }
}
