using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Eps.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class QueueIndexCarriesId : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Prescriptions_PharmacyId_Status_ExpiresAt_Schedule_RiskLeve~",
                table: "Prescriptions");

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_PharmacyId_Status_ExpiresAt_Schedule_RiskLeve~",
                table: "Prescriptions",
                columns: new[] { "PharmacyId", "Status", "ExpiresAt", "Schedule", "RiskLevel", "IssuedAt", "PatientId", "ReadyAt", "Id" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Prescriptions_PharmacyId_Status_ExpiresAt_Schedule_RiskLeve~",
                table: "Prescriptions");

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_PharmacyId_Status_ExpiresAt_Schedule_RiskLeve~",
                table: "Prescriptions",
                columns: new[] { "PharmacyId", "Status", "ExpiresAt", "Schedule", "RiskLevel", "IssuedAt", "PatientId", "ReadyAt" });
        }
    }
}
