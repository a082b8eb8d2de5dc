using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Eps.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class CatalogueAndPharmacyLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Prescriptions_PharmacyId_Status_DispensedAt_DrugId",
                table: "Prescriptions");

            migrationBuilder.DropIndex(
                name: "IX_Prescriptions_PharmacyId_Status_ExpiresAt_DrugId",
                table: "Prescriptions");

            migrationBuilder.AddColumn<int>(
                name: "RiskLevel",
                table: "Prescriptions",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "Schedule",
                table: "Prescriptions",
                type: "int",
                nullable: false,
                defaultValue: 0);

            // Prescriptions issued before this migration take their drug's schedule and risk as the catalogue grades them
            // now (it could not change until this release); from here on the catalogue's changes never reach them.
            migrationBuilder.Sql(
                "UPDATE \"Prescriptions\" SET " +
                "\"Schedule\" = (SELECT d.\"Schedule\" FROM \"Drugs\" AS d WHERE d.\"Id\" = \"Prescriptions\".\"DrugId\"), " +
                "\"RiskLevel\" = (SELECT d.\"RiskLevel\" FROM \"Drugs\" AS d WHERE d.\"Id\" = \"Prescriptions\".\"DrugId\")");

            migrationBuilder.AddColumn<DateTime>(
                name: "DeactivatedAt",
                table: "Pharmacies",
                type: "datetime2",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "RetiredAt",
                table: "Drugs",
                type: "datetime2",
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_PharmacyId_Status_DispensedAt_Schedule_RiskLevel",
                table: "Prescriptions",
                columns: new[] { "PharmacyId", "Status", "DispensedAt", "Schedule", "RiskLevel" });

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_PharmacyId_Status_ExpiresAt_Schedule_RiskLevel",
                table: "Prescriptions",
                columns: new[] { "PharmacyId", "Status", "ExpiresAt", "Schedule", "RiskLevel" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Prescriptions_PharmacyId_Status_DispensedAt_Schedule_RiskLevel",
                table: "Prescriptions");

            migrationBuilder.DropIndex(
                name: "IX_Prescriptions_PharmacyId_Status_ExpiresAt_Schedule_RiskLevel",
                table: "Prescriptions");

            migrationBuilder.DropColumn(
                name: "RiskLevel",
                table: "Prescriptions");

            migrationBuilder.DropColumn(
                name: "Schedule",
                table: "Prescriptions");

            migrationBuilder.DropColumn(
                name: "DeactivatedAt",
                table: "Pharmacies");

            migrationBuilder.DropColumn(
                name: "RetiredAt",
                table: "Drugs");

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_PharmacyId_Status_DispensedAt_DrugId",
                table: "Prescriptions",
                columns: new[] { "PharmacyId", "Status", "DispensedAt", "DrugId" });

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_PharmacyId_Status_ExpiresAt_DrugId",
                table: "Prescriptions",
                columns: new[] { "PharmacyId", "Status", "ExpiresAt", "DrugId" });
        }
    }
}
