using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Eps.Core.Data.Migrations.Postgres
{
    /// <inheritdoc />
    public partial class QueueSearchIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Prescriptions_PharmacyId_Status_IssuedAt",
                table: "Prescriptions");

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_PatientId_PharmacyId_Status_ExpiresAt",
                table: "Prescriptions",
                columns: new[] { "PatientId", "PharmacyId", "Status", "ExpiresAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Prescriptions_PatientId_PharmacyId_Status_ExpiresAt",
                table: "Prescriptions");

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_PharmacyId_Status_IssuedAt",
                table: "Prescriptions",
                columns: new[] { "PharmacyId", "Status", "IssuedAt" });
        }
    }
}
