using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Soudan.Web.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class ReferralOutcomeEncrypted : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "Outcome",
                table: "CaseReferrals");

            migrationBuilder.AddColumn<string>(
                name: "OutcomeProtected",
                table: "CaseReferrals",
                type: "TEXT",
                nullable: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "OutcomeProtected",
                table: "CaseReferrals");

            migrationBuilder.AddColumn<string>(
                name: "Outcome",
                table: "CaseReferrals",
                type: "TEXT",
                maxLength: 2000,
                nullable: true);
        }
    }
}
