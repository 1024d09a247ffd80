using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Soudan.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class PeopleNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "CardReminderDays",
                table: "People",
                type: "integer",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NameKey",
                table: "People",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "NameSkeleton",
                table: "People",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReadingKey",
                table: "People",
                type: "character varying(100)",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_People_NameKey",
                table: "People",
                column: "NameKey");

            migrationBuilder.CreateIndex(
                name: "IX_People_NameSkeleton",
                table: "People",
                column: "NameSkeleton");

            migrationBuilder.CreateIndex(
                name: "IX_People_ReadingKey",
                table: "People",
                column: "ReadingKey");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_People_NameKey",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_People_NameSkeleton",
                table: "People");

            migrationBuilder.DropIndex(
                name: "IX_People_ReadingKey",
                table: "People");

            migrationBuilder.DropColumn(
                name: "CardReminderDays",
                table: "People");

            migrationBuilder.DropColumn(
                name: "NameKey",
                table: "People");

            migrationBuilder.DropColumn(
                name: "NameSkeleton",
                table: "People");

            migrationBuilder.DropColumn(
                name: "ReadingKey",
                table: "People");
        }
    }
}
