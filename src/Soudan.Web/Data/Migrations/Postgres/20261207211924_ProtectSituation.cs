using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Soudan.Web.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class ProtectSituation : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_StatisticsFact_Case_CaseId",
                table: "StatisticsFact");

            migrationBuilder.DropForeignKey(
                name: "FK_StatisticsFact_Intakes_IntakeId",
                table: "StatisticsFact");

            migrationBuilder.DropIndex(
                name: "IX_StatisticsFact_CaseId",
                table: "StatisticsFact");

            migrationBuilder.DropIndex(
                name: "IX_StatisticsFact_IntakeId",
                table: "StatisticsFact");

            migrationBuilder.DropIndex(
                name: "IX_StatisticsFact_JoinedCaseId",
                table: "StatisticsFact");

            migrationBuilder.DropIndex(
                name: "IX_CaseReferrals_To",
                table: "CaseReferrals");

            migrationBuilder.AddColumn<string>(
                name: "SourceKey",
                table: "StatisticsFact",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true);

            migrationBuilder.AlterColumn<List<string>>(
                name: "UrgentNeeds",
                table: "Intakes",
                type: "text[]",
                nullable: true,
                oldClrType: typeof(List<string>),
                oldType: "text[]");

            migrationBuilder.AlterColumn<List<string>>(
                name: "Problems",
                table: "Intakes",
                type: "text[]",
                nullable: true,
                oldClrType: typeof(List<string>),
                oldType: "text[]");

            migrationBuilder.AddColumn<string>(
                name: "FieldsProtected",
                table: "Intakes",
                type: "text",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Title",
                table: "CaseTasks",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.AddColumn<string>(
                name: "FieldsProtected",
                table: "CaseTasks",
                type: "text",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "To",
                table: "CaseReferrals",
                type: "character varying(32)",
                maxLength: 32,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32);

            migrationBuilder.AlterColumn<List<string>>(
                name: "Shared",
                table: "CaseReferrals",
                type: "text[]",
                nullable: true,
                oldClrType: typeof(List<string>),
                oldType: "text[]");

            migrationBuilder.AddColumn<string>(
                name: "FieldsProtected",
                table: "CaseReferrals",
                type: "text",
                nullable: true);

            migrationBuilder.AlterColumn<bool>(
                name: "VisaResolved",
                table: "CaseOutcomes",
                type: "boolean",
                nullable: true,
                oldClrType: typeof(bool),
                oldType: "boolean");

            migrationBuilder.AlterColumn<bool>(
                name: "Reinstated",
                table: "CaseOutcomes",
                type: "boolean",
                nullable: true,
                oldClrType: typeof(bool),
                oldType: "boolean");

            migrationBuilder.AlterColumn<List<string>>(
                name: "Benefits",
                table: "CaseOutcomes",
                type: "text[]",
                nullable: true,
                oldClrType: typeof(List<string>),
                oldType: "text[]");

            migrationBuilder.AddColumn<string>(
                name: "FieldsProtected",
                table: "CaseOutcomes",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "FieldsProtected",
                table: "CaseEntry",
                type: "text",
                nullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "FileName",
                table: "CaseDocuments",
                type: "character varying(200)",
                maxLength: 200,
                nullable: true,
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200);

            migrationBuilder.AddColumn<string>(
                name: "FieldsProtected",
                table: "CaseDocuments",
                type: "text",
                nullable: true);

            migrationBuilder.AlterColumn<List<string>>(
                name: "Tags",
                table: "Case",
                type: "text[]",
                nullable: true,
                oldClrType: typeof(List<string>),
                oldType: "text[]");

            migrationBuilder.AlterColumn<List<string>>(
                name: "Problems",
                table: "Case",
                type: "text[]",
                nullable: true,
                oldClrType: typeof(List<string>),
                oldType: "text[]");

            migrationBuilder.AlterColumn<List<string>>(
                name: "DisputeCategories",
                table: "Case",
                type: "text[]",
                nullable: true,
                oldClrType: typeof(List<string>),
                oldType: "text[]");

            migrationBuilder.AddColumn<string>(
                name: "FieldsProtected",
                table: "Case",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<Guid>(
                name: "StatisticsSeed",
                table: "Case",
                type: "uuid",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_StatisticsFact_CaseId",
                table: "StatisticsFact",
                column: "CaseId");

            migrationBuilder.CreateIndex(
                name: "IX_StatisticsFact_IntakeId",
                table: "StatisticsFact",
                column: "IntakeId");

            migrationBuilder.CreateIndex(
                name: "IX_StatisticsFact_SourceKey",
                table: "StatisticsFact",
                column: "SourceKey",
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_StatisticsFact_CaseId",
                table: "StatisticsFact");

            migrationBuilder.DropIndex(
                name: "IX_StatisticsFact_IntakeId",
                table: "StatisticsFact");

            migrationBuilder.DropIndex(
                name: "IX_StatisticsFact_SourceKey",
                table: "StatisticsFact");

            migrationBuilder.DropColumn(
                name: "SourceKey",
                table: "StatisticsFact");

            migrationBuilder.DropColumn(
                name: "FieldsProtected",
                table: "Intakes");

            migrationBuilder.DropColumn(
                name: "FieldsProtected",
                table: "CaseTasks");

            migrationBuilder.DropColumn(
                name: "FieldsProtected",
                table: "CaseReferrals");

            migrationBuilder.DropColumn(
                name: "FieldsProtected",
                table: "CaseOutcomes");

            migrationBuilder.DropColumn(
                name: "FieldsProtected",
                table: "CaseEntry");

            migrationBuilder.DropColumn(
                name: "FieldsProtected",
                table: "CaseDocuments");

            migrationBuilder.DropColumn(
                name: "FieldsProtected",
                table: "Case");

            migrationBuilder.DropColumn(
                name: "StatisticsSeed",
                table: "Case");

            migrationBuilder.AlterColumn<List<string>>(
                name: "UrgentNeeds",
                table: "Intakes",
                type: "text[]",
                nullable: false,
                oldClrType: typeof(List<string>),
                oldType: "text[]",
                oldNullable: true);

            migrationBuilder.AlterColumn<List<string>>(
                name: "Problems",
                table: "Intakes",
                type: "text[]",
                nullable: false,
                oldClrType: typeof(List<string>),
                oldType: "text[]",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "Title",
                table: "CaseTasks",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200,
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "To",
                table: "CaseReferrals",
                type: "character varying(32)",
                maxLength: 32,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(32)",
                oldMaxLength: 32,
                oldNullable: true);

            migrationBuilder.AlterColumn<List<string>>(
                name: "Shared",
                table: "CaseReferrals",
                type: "text[]",
                nullable: false,
                oldClrType: typeof(List<string>),
                oldType: "text[]",
                oldNullable: true);

            migrationBuilder.AlterColumn<bool>(
                name: "VisaResolved",
                table: "CaseOutcomes",
                type: "boolean",
                nullable: false,
                defaultValue: false,
                oldClrType: typeof(bool),
                oldType: "boolean",
                oldNullable: true);

            migrationBuilder.AlterColumn<bool>(
                name: "Reinstated",
                table: "CaseOutcomes",
                type: "boolean",
                nullable: false,
                defaultValue: false,
                oldClrType: typeof(bool),
                oldType: "boolean",
                oldNullable: true);

            migrationBuilder.AlterColumn<List<string>>(
                name: "Benefits",
                table: "CaseOutcomes",
                type: "text[]",
                nullable: false,
                oldClrType: typeof(List<string>),
                oldType: "text[]",
                oldNullable: true);

            migrationBuilder.AlterColumn<string>(
                name: "FileName",
                table: "CaseDocuments",
                type: "character varying(200)",
                maxLength: 200,
                nullable: false,
                defaultValue: "",
                oldClrType: typeof(string),
                oldType: "character varying(200)",
                oldMaxLength: 200,
                oldNullable: true);

            migrationBuilder.AlterColumn<List<string>>(
                name: "Tags",
                table: "Case",
                type: "text[]",
                nullable: false,
                oldClrType: typeof(List<string>),
                oldType: "text[]",
                oldNullable: true);

            migrationBuilder.AlterColumn<List<string>>(
                name: "Problems",
                table: "Case",
                type: "text[]",
                nullable: false,
                oldClrType: typeof(List<string>),
                oldType: "text[]",
                oldNullable: true);

            migrationBuilder.AlterColumn<List<string>>(
                name: "DisputeCategories",
                table: "Case",
                type: "text[]",
                nullable: false,
                oldClrType: typeof(List<string>),
                oldType: "text[]",
                oldNullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_StatisticsFact_CaseId",
                table: "StatisticsFact",
                column: "CaseId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StatisticsFact_IntakeId",
                table: "StatisticsFact",
                column: "IntakeId",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "IX_StatisticsFact_JoinedCaseId",
                table: "StatisticsFact",
                column: "JoinedCaseId");

            migrationBuilder.CreateIndex(
                name: "IX_CaseReferrals_To",
                table: "CaseReferrals",
                column: "To");

            migrationBuilder.AddForeignKey(
                name: "FK_StatisticsFact_Case_CaseId",
                table: "StatisticsFact",
                column: "CaseId",
                principalTable: "Case",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);

            migrationBuilder.AddForeignKey(
                name: "FK_StatisticsFact_Intakes_IntakeId",
                table: "StatisticsFact",
                column: "IntakeId",
                principalTable: "Intakes",
                principalColumn: "Id",
                onDelete: ReferentialAction.Cascade);
        }
    }
}
