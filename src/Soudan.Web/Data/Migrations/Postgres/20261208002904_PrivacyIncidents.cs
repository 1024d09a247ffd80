using System;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Soudan.Web.Data.Migrations.Postgres
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
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    FoundAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    RecordedBy = table.Column<Guid>(type: "uuid", nullable: false),
                    PeopleAffected = table.Column<int>(type: "integer", nullable: true),
                    Sensitive = table.Column<bool>(type: "boolean", nullable: false),
                    FinancialRisk = table.Column<bool>(type: "boolean", nullable: false),
                    Malicious = table.Column<bool>(type: "boolean", nullable: false),
                    PreliminaryReportedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FinalReportedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    PeopleNotifiedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    ClosedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    FieldsProtected = table.Column<string>(type: "text", nullable: true)
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
