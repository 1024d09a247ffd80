using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Soudan.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Cases : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CaseId",
                table: "Intakes",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "Triage",
                table: "Intakes",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<string>(
                name: "TriageReason",
                table: "Intakes",
                type: "character varying(500)",
                maxLength: 500,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "Employer",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    NameKey = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: false),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Employer", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "People",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: false),
                    NameReading = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    PhoneNumbers = table.Column<List<string>>(type: "text[]", nullable: false),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    MessagingIds = table.Column<string>(type: "character varying(300)", maxLength: 300, nullable: true),
                    Nationality = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    Languages = table.Column<List<string>>(type: "text[]", nullable: false),
                    ResidenceStatus = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    ResidenceCardExpiresOn = table.Column<DateOnly>(type: "date", nullable: true),
                    CreatedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_People", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "Case",
                columns: table => new
                {
                    Id = table.Column<int>(type: "integer", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Reference = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Urgency = table.Column<int>(type: "integer", nullable: false),
                    Language = table.Column<string>(type: "character varying(50)", maxLength: 50, nullable: true),
                    InterpreterNeeded = table.Column<bool>(type: "boolean", nullable: false),
                    Problems = table.Column<List<string>>(type: "text[]", nullable: false),
                    DisputeCategories = table.Column<List<string>>(type: "text[]", nullable: false),
                    Tags = table.Column<List<string>>(type: "text[]", nullable: false),
                    CounselorId = table.Column<Guid>(type: "uuid", nullable: true),
                    InterpreterId = table.Column<Guid>(type: "uuid", nullable: true),
                    EmployerId = table.Column<int>(type: "integer", nullable: true),
                    AgencyId = table.Column<int>(type: "integer", nullable: true),
                    ClientCompanyId = table.Column<int>(type: "integer", nullable: true),
                    OpenedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ClosedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true),
                    Version = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Case", x => x.Id);
                    table.ForeignKey(
                        name: "FK_Case_Employer_AgencyId",
                        column: x => x.AgencyId,
                        principalTable: "Employer",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Case_Employer_ClientCompanyId",
                        column: x => x.ClientCompanyId,
                        principalTable: "Employer",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "FK_Case_Employer_EmployerId",
                        column: x => x.EmployerId,
                        principalTable: "Employer",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "CaseEntry",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    CaseId = table.Column<int>(type: "integer", nullable: false),
                    Kind = table.Column<int>(type: "integer", nullable: false),
                    AtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    ActorId = table.Column<Guid>(type: "uuid", nullable: true),
                    TextProtected = table.Column<string>(type: "text", nullable: true),
                    IsSensitive = table.Column<bool>(type: "boolean", nullable: false),
                    Channel = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Direction = table.Column<int>(type: "integer", nullable: true),
                    DurationMinutes = table.Column<int>(type: "integer", nullable: true),
                    StatusFrom = table.Column<int>(type: "integer", nullable: true),
                    StatusTo = table.Column<int>(type: "integer", nullable: true),
                    IntakeId = table.Column<long>(type: "bigint", nullable: true),
                    Reason = table.Column<string>(type: "character varying(500)", maxLength: 500, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseEntry", x => x.Id);
                    table.ForeignKey(
                        name: "FK_CaseEntry_Case_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Case",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "CaseWorker",
                columns: table => new
                {
                    CaseId = table.Column<int>(type: "integer", nullable: false),
                    PersonId = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_CaseWorker", x => new { x.CaseId, x.PersonId });
                    table.ForeignKey(
                        name: "FK_CaseWorker_Case_CaseId",
                        column: x => x.CaseId,
                        principalTable: "Case",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "FK_CaseWorker_People_PersonId",
                        column: x => x.PersonId,
                        principalTable: "People",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateIndex(
                name: "IX_Intakes_CaseId",
                table: "Intakes",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_Intakes_Triage_IsUrgent_ReceivedAtUtc",
                table: "Intakes",
                columns: new[] { "Triage", "IsUrgent", "ReceivedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Case_AgencyId",
                table: "Case",
                column: "AgencyId");

            migrationBuilder.CreateIndex(
                name: "IX_Case_ClientCompanyId",
                table: "Case",
                column: "ClientCompanyId");

            migrationBuilder.CreateIndex(
                name: "IX_Case_CounselorId",
                table: "Case",
                column: "CounselorId");

            migrationBuilder.CreateIndex(
                name: "IX_Case_EmployerId",
                table: "Case",
                column: "EmployerId");

            migrationBuilder.CreateIndex(
                name: "IX_Case_InterpreterId",
                table: "Case",
                column: "InterpreterId");

            migrationBuilder.CreateIndex(
                name: "IX_Case_Reference",
                table: "Case",
                column: "Reference");

            migrationBuilder.CreateIndex(
                name: "IX_Case_Status_Urgency",
                table: "Case",
                columns: new[] { "Status", "Urgency" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseEntry_CaseId_AtUtc",
                table: "CaseEntry",
                columns: new[] { "CaseId", "AtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_CaseWorker_PersonId",
                table: "CaseWorker",
                column: "PersonId");

            migrationBuilder.CreateIndex(
                name: "IX_Employer_NameKey",
                table: "Employer",
                column: "NameKey",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_People_Email",
                table: "People",
                column: "Email");

            migrationBuilder.AddForeignKey(
                name: "FK_Intakes_Case_CaseId",
                table: "Intakes",
                column: "CaseId",
                principalTable: "Case",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Intakes_Case_CaseId",
                table: "Intakes");

            migrationBuilder.DropTable(
                name: "CaseEntry");

            migrationBuilder.DropTable(
                name: "CaseWorker");

            migrationBuilder.DropTable(
                name: "Case");

            migrationBuilder.DropTable(
                name: "People");

            migrationBuilder.DropTable(
                name: "Employer");

            migrationBuilder.DropIndex(
                name: "IX_Intakes_CaseId",
                table: "Intakes");

            migrationBuilder.DropIndex(
                name: "IX_Intakes_Triage_IsUrgent_ReceivedAtUtc",
                table: "Intakes");

            migrationBuilder.DropColumn(
                name: "CaseId",
                table: "Intakes");

            migrationBuilder.DropColumn(
                name: "Triage",
                table: "Intakes");

            migrationBuilder.DropColumn(
                name: "TriageReason",
                table: "Intakes");
        }
    }
}
