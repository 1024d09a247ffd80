using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Soudan.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class StatisticsTalliesAmongTags : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            // Tallies are made from the facts: dropped here, every month is counted again (with its
            // tallies among tags) by the summarizer, which marks all months when it finds none.
            migrationBuilder.Sql("DELETE FROM \"StatisticsTally\"; DELETE FROM \"StatisticsChange\";");

            migrationBuilder.DropPrimaryKey(
                name: "PK_StatisticsTally",
                table: "StatisticsTally");

            migrationBuilder.AddColumn<string>(
                name: "Among",
                table: "StatisticsTally",
                type: "TEXT",
                maxLength: 64,
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddPrimaryKey(
                name: "PK_StatisticsTally",
                table: "StatisticsTally",
                columns: new[] { "Dimension", "OtherDimension", "Among", "Unit", "Month", "Value", "OtherValue" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropPrimaryKey(
                name: "PK_StatisticsTally",
                table: "StatisticsTally");

            migrationBuilder.DropColumn(
                name: "Among",
                table: "StatisticsTally");

            migrationBuilder.AddPrimaryKey(
                name: "PK_StatisticsTally",
                table: "StatisticsTally",
                columns: new[] { "Dimension", "OtherDimension", "Unit", "Month", "Value", "OtherValue" });
        }
    }
}
