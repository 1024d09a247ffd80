using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Soudan.Web.Data.Migrations.Postgres
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
                    Id = table.Column<int>(type: "integer", nullable: false),
                    ConsultationMonths = table.Column<int>(type: "integer", nullable: false),
                    CallMonths = table.Column<int>(type: "integer", nullable: false),
                    ClosedCaseMonths = table.Column<int>(type: "integer", nullable: false),
                    EnabledAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    EnabledBy = table.Column<Guid>(type: "uuid", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_RetentionRules", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "RetentionRun",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ScheduledDay = table.Column<int>(type: "integer", nullable: true),
                    DryRun = table.Column<bool>(type: "boolean", nullable: false),
                    Consultations = table.Column<int>(type: "integer", nullable: false),
                    Calls = table.Column<int>(type: "integer", nullable: false),
                    Cases = table.Column<int>(type: "integer", nullable: false),
                    KeptUnderHold = table.Column<int>(type: "integer", nullable: false)
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
