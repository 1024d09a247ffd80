using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Soudan.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class AuditAddressAndHeads : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "Address",
                table: "AuditEvents",
                type: "TEXT",
                maxLength: 64,
                nullable: true);

            migrationBuilder.CreateTable(
                name: "AuditHeadsWritten",
                columns: table => new
                {
                    Day = table.Column<DateOnly>(type: "TEXT", nullable: false),
                    Sequence = table.Column<long>(type: "INTEGER", nullable: false),
                    WrittenAtUtc = table.Column<DateTime>(type: "TEXT", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_AuditHeadsWritten", x => x.Day);
                });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "AuditHeadsWritten");

            migrationBuilder.DropColumn(
                name: "Address",
                table: "AuditEvents");
        }
    }
}
