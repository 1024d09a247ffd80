using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace Soudan.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class Intakes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "Intakes",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    Reference = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    FollowUpTokenHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    SubmissionKeyHash = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: false),
                    ReceivedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Channel = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    InterfaceLanguage = table.Column<string>(type: "character varying(16)", maxLength: 16, nullable: false),
                    PreferredLanguage = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    Name = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    Phone = table.Column<string>(type: "character varying(40)", maxLength: 40, nullable: true),
                    Email = table.Column<string>(type: "character varying(254)", maxLength: 254, nullable: true),
                    LineId = table.Column<string>(type: "character varying(100)", maxLength: 100, nullable: true),
                    OtherContact = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    BestTime = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    SafeToLeaveMessage = table.Column<bool>(type: "boolean", nullable: true),
                    SafeToSayWhoIsCalling = table.Column<bool>(type: "boolean", nullable: true),
                    PrefectureCode = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    Nationality = table.Column<string>(type: "character varying(2)", maxLength: 2, nullable: true),
                    ResidenceStatus = table.Column<string>(type: "character varying(64)", maxLength: 64, nullable: true),
                    Employer = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    DispatchAgency = table.Column<string>(type: "character varying(200)", maxLength: 200, nullable: true),
                    EmploymentType = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Industry = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: true),
                    Problems = table.Column<List<string>>(type: "text[]", nullable: false),
                    UrgentNeeds = table.Column<List<string>>(type: "text[]", nullable: false),
                    IsUrgent = table.Column<bool>(type: "boolean", nullable: false),
                    IsSuspectedSpam = table.Column<bool>(type: "boolean", nullable: false),
                    StoryProtected = table.Column<string>(type: "text", nullable: true),
                    ConsentedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    ErasedAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_Intakes", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "IntakeMessage",
                columns: table => new
                {
                    Id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    IntakeId = table.Column<long>(type: "bigint", nullable: false),
                    FromWorker = table.Column<bool>(type: "boolean", nullable: false),
                    AuthorId = table.Column<Guid>(type: "uuid", nullable: true),
                    SentAtUtc = table.Column<DateTime>(type: "timestamp with time zone", nullable: false),
                    BodyProtected = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_IntakeMessage", x => x.Id);
                    table.ForeignKey(
                        name: "FK_IntakeMessage_Intakes_IntakeId",
                        column: x => x.IntakeId,
                        principalTable: "Intakes",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_IntakeMessage_IntakeId_SentAtUtc",
                table: "IntakeMessage",
                columns: new[] { "IntakeId", "SentAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Intakes_FollowUpTokenHash",
                table: "Intakes",
                column: "FollowUpTokenHash",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Intakes_IsUrgent_ReceivedAtUtc",
                table: "Intakes",
                columns: new[] { "IsUrgent", "ReceivedAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Intakes_Reference",
                table: "Intakes",
                column: "Reference",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_Intakes_SubmissionKeyHash",
                table: "Intakes",
                column: "SubmissionKeyHash",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "IntakeMessage");

            migrationBuilder.DropTable(
                name: "Intakes");
        }
    }
}
