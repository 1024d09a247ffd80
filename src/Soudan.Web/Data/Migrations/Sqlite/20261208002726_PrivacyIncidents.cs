using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Soudan.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PrivacyIncidents : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PrivacyIncidents",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    FoundAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "TEXT", nullable: false),
                    PeopleAffected = table.Column<int>(type: "INTEGER", nullable: true),
                    Sensitive = table.Column<bool>(type: "INTEGER", nullable: false),
                    FinancialRisk = table.Column<bool>(type: "INTEGER", nullable: false),
                    Malicious = table.Column<bool>(type: "INTEGER", nullable: false),
                    PreliminaryReportedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FinalReportedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    PeopleNotifiedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    FieldsProtected = table.Column<string>(type: "TEXT", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PrivacyIncidents", x => x.Id);
                });

            migrationBuilder.CreateIndex(
                name: "IX_PrivacyIncidents_FoundAtUtc",
                table: "PrivacyIncidents",
                column: "FoundAtUtc");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "PrivacyIncidents");
        }
    }
}
