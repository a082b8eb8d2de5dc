using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Eps.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class QueueIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_PharmacyId_Status_DispensedAt_DrugId",
                table: "Prescriptions",
                columns: new[] { "PharmacyId", "Status", "DispensedAt", "DrugId" });

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_PharmacyId_Status_ExpiresAt_DrugId",
                table: "Prescriptions",
                columns: new[] { "PharmacyId", "Status", "ExpiresAt", "DrugId" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Prescriptions_PharmacyId_Status_DispensedAt_DrugId",
                table: "Prescriptions");

            migrationBuilder.DropIndex(
                name: "IX_Prescriptions_PharmacyId_Status_ExpiresAt_DrugId",
                table: "Prescriptions");
        }
    }
}
