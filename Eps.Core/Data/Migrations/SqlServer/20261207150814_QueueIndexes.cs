using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Eps.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class QueueIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Prescriptions_PharmacyId_Status_DispensedAt_Schedule_RiskLevel",
                table: "Prescriptions");

            migrationBuilder.DropIndex(
                name: "IX_Prescriptions_PharmacyId_Status_ExpiresAt_Schedule_RiskLevel",
                table: "Prescriptions");

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_PharmacyId_Status_DispensedAt_Schedule_RiskLevel_PatientId",
                table: "Prescriptions",
                columns: new[] { "PharmacyId", "Status", "DispensedAt", "Schedule", "RiskLevel", "PatientId" });

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_PharmacyId_Status_ExpiresAt_Schedule_RiskLevel_IssuedAt_PatientId_ReadyAt",
                table: "Prescriptions",
                columns: new[] { "PharmacyId", "Status", "ExpiresAt", "Schedule", "RiskLevel", "IssuedAt", "PatientId", "ReadyAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Prescriptions_PharmacyId_Status_DispensedAt_Schedule_RiskLevel_PatientId",
                table: "Prescriptions");

            migrationBuilder.DropIndex(
                name: "IX_Prescriptions_PharmacyId_Status_ExpiresAt_Schedule_RiskLevel_IssuedAt_PatientId_ReadyAt",
                table: "Prescriptions");

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_PharmacyId_Status_DispensedAt_Schedule_RiskLevel",
                table: "Prescriptions",
                columns: new[] { "PharmacyId", "Status", "DispensedAt", "Schedule", "RiskLevel" });

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_PharmacyId_Status_ExpiresAt_Schedule_RiskLevel",
                table: "Prescriptions",
                columns: new[] { "PharmacyId", "Status", "ExpiresAt", "Schedule", "RiskLevel" });
        }
    }
}
