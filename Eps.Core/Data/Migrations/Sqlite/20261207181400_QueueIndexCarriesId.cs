using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Eps.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class QueueIndexCarriesId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Prescriptions_PharmacyId_Status_ExpiresAt_Schedule_RiskLevel_IssuedAt_PatientId_ReadyAt",
                table: "Prescriptions");

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_PharmacyId_Status_ExpiresAt_Schedule_RiskLevel_IssuedAt_PatientId_ReadyAt_Id",
                table: "Prescriptions",
                columns: new[] { "PharmacyId", "Status", "ExpiresAt", "Schedule", "RiskLevel", "IssuedAt", "PatientId", "ReadyAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Prescriptions_PharmacyId_Status_ExpiresAt_Schedule_RiskLevel_IssuedAt_PatientId_ReadyAt_Id",
                table: "Prescriptions");

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_PharmacyId_Status_ExpiresAt_Schedule_RiskLevel_IssuedAt_PatientId_ReadyAt",
                table: "Prescriptions",
                columns: new[] { "PharmacyId", "Status", "ExpiresAt", "Schedule", "RiskLevel", "IssuedAt", "PatientId", "ReadyAt" });
        }
    }
}
