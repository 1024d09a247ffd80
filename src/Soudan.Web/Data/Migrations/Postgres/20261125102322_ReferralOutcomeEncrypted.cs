using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Soudan.Web.Data.Migrations.Postgres
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
                type: "text",
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
                type: "character varying(2000)",
                maxLength: 2000,
                nullable: true);
        }
    }
}
