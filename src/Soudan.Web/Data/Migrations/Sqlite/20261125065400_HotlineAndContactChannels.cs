using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Soudan.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class HotlineAndContactChannels : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "ContactChannels",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false),
                    Email = table.Column<string>(type: "TEXT", maxLength: 254, nullable: true),
                    LineId = table.Column<string>(type: "TEXT", maxLength: 100, nullable: true),
                    LineUrl = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true),
                    OfficePhone = table.Column<string>(type: "TEXT", maxLength: 40, nullable: true),
                    OfficeHours = table.Column<string>(type: "TEXT", maxLength: 300, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_ContactChannels", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HotlineSession",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    StartsAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    EndsAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false),
                    PhoneNumbers = table.Column<string>(type: "TEXT", nullable: false),
                    Languages = table.Column<string>(type: "TEXT", nullable: false),
                    Topics = table.Column<string>(type: "TEXT", nullable: false),
                    CancelledAtUtc = table.Column<DateTime>(type: "TEXT", nullable: true),
                    UpdatedAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HotlineSession", x => x.Id);
                });

            migrationBuilder.CreateTable(
                name: "HotlineSessionText",
                columns: table => new
                {
                    Id = table.Column<int>(type: "INTEGER", nullable: false)
                        .Annotation("Sqlite:Autoincrement", true),
                    SessionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Language = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Title = table.Column<string>(type: "TEXT", maxLength: 150, nullable: false),
                    Description = table.Column<string>(type: "TEXT", maxLength: 2000, nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_HotlineSessionText", x => x.Id);
                    table.ForeignKey(
                        name: "FK_HotlineSessionText_HotlineSession_SessionId",
                        column: x => x.SessionId,
                        principalTable: "HotlineSession",
                        principalColumn: "Id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "IX_HotlineSession_EndsAtUtc_StartsAtUtc",
                table: "HotlineSession",
                columns: new[] { "EndsAtUtc", "StartsAtUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_HotlineSessionText_SessionId_Language",
                table: "HotlineSessionText",
                columns: new[] { "SessionId", "Language" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "ContactChannels");

            migrationBuilder.DropTable(
                name: "HotlineSessionText");

            migrationBuilder.DropTable(
                name: "HotlineSession");
        }
    }
}
