using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Soudan.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class CallLog : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<bool>(
                name: "FollowUpNeeded",
                table: "Intakes",
                type: "INTEGER",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "HotlineSessionId",
                table: "Intakes",
                type: "INTEGER",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "LoggedBy",
                table: "Intakes",
                type: "TEXT",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Intakes_HotlineSessionId",
                table: "Intakes",
                column: "HotlineSessionId");

            migrationBuilder.AddForeignKey(
                name: "FK_Intakes_HotlineSession_HotlineSessionId",
                table: "Intakes",
                column: "HotlineSessionId",
                principalTable: "HotlineSession",
                principalColumn: "Id",
                onDelete: ReferentialAction.SetNull);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Intakes_HotlineSession_HotlineSessionId",
                table: "Intakes");

            migrationBuilder.DropIndex(
                name: "IX_Intakes_HotlineSessionId",
                table: "Intakes");

            migrationBuilder.DropColumn(
                name: "FollowUpNeeded",
                table: "Intakes");

            migrationBuilder.DropColumn(
                name: "HotlineSessionId",
                table: "Intakes");

            migrationBuilder.DropColumn(
                name: "LoggedBy",
                table: "Intakes");
        }
    }
}
