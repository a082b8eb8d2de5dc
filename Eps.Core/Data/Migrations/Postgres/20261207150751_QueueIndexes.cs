using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Eps.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class QueueIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Prescriptions_PharmacyId_Status_DispensedAt_Schedule_RiskLe~",
                table: "Prescriptions");

            migrationBuilder.DropIndex(
                name: "IX_Prescriptions_PharmacyId_Status_ExpiresAt_Schedule_RiskLevel",
                table: "Prescriptions");

            migrationBuilder.DropIndex(
                name: "IX_Prescriptions_PharmacyId_Status_IssuedAt_ExpiresAt",
                table: "Prescriptions");

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_PharmacyId_Status_DispensedAt_Schedule_RiskLe~",
                table: "Prescriptions",
                columns: new[] { "PharmacyId", "Status", "DispensedAt", "Schedule", "RiskLevel", "PatientId" });

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_PharmacyId_Status_ExpiresAt_Schedule_RiskLeve~",
                table: "Prescriptions",
                columns: new[] { "PharmacyId", "Status", "ExpiresAt", "Schedule", "RiskLevel", "IssuedAt", "PatientId", "ReadyAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_PharmacyId_Status_IssuedAt",
                table: "Prescriptions",
                columns: new[] { "PharmacyId", "Status", "IssuedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Prescriptions_PharmacyId_Status_DispensedAt_Schedule_RiskLe~",
                table: "Prescriptions");

            migrationBuilder.DropIndex(
                name: "IX_Prescriptions_PharmacyId_Status_ExpiresAt_Schedule_RiskLeve~",
                table: "Prescriptions");

            migrationBuilder.DropIndex(
                name: "IX_Prescriptions_PharmacyId_Status_IssuedAt",
                table: "Prescriptions");

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_PharmacyId_Status_DispensedAt_Schedule_RiskLe~",
                table: "Prescriptions",
                columns: new[] { "PharmacyId", "Status", "DispensedAt", "Schedule", "RiskLevel" });

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_PharmacyId_Status_ExpiresAt_Schedule_RiskLevel",
                table: "Prescriptions",
                columns: new[] { "PharmacyId", "Status", "ExpiresAt", "Schedule", "RiskLevel" });

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_PharmacyId_Status_IssuedAt_ExpiresAt",
                table: "Prescriptions",
                columns: new[] { "PharmacyId", "Status", "IssuedAt", "ExpiresAt" });
        }
    }
}
