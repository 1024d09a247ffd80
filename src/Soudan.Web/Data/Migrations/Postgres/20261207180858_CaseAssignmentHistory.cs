using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Soudan.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class CaseAssignmentHistory : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<Guid>(
                name: "AssignedCounselorId",
                table: "CaseEntry",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "AssignedInterpreterId",
                table: "CaseEntry",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "HeldSensitive",
                table: "CaseEntry",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<Guid>(
                name: "PreviousCounselorId",
                table: "CaseEntry",
                type: "uuid",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "PreviousInterpreterId",
                table: "CaseEntry",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_CaseEntry_PreviousCounselorId",
                table: "CaseEntry",
                column: "PreviousCounselorId");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_CaseEntry_PreviousCounselorId",
                table: "CaseEntry");

            migrationBuilder.DropColumn(
                name: "AssignedCounselorId",
                table: "CaseEntry");

            migrationBuilder.DropColumn(
                name: "AssignedInterpreterId",
                table: "CaseEntry");

            migrationBuilder.DropColumn(
                name: "HeldSensitive",
                table: "CaseEntry");

            migrationBuilder.DropColumn(
                name: "PreviousCounselorId",
                table: "CaseEntry");

            migrationBuilder.DropColumn(
                name: "PreviousInterpreterId",
                table: "CaseEntry");
        }
    }
}
