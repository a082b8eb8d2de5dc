using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Eps.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class PrescriptionRepeats : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Prescriptions_RequestItemId",
                table: "Prescriptions");

            migrationBuilder.AddColumn<int>(
                name: "PreviousPrescriptionId",
                table: "Prescriptions",
                type: "int",
                nullable: true);

            migrationBuilder.AddColumn<int>(
                name: "RepeatNumber",
                table: "Prescriptions",
                type: "int",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "RepeatsAuthorised",
                table: "Prescriptions",
                type: "int",
                nullable: false,
                defaultValue: 0);

            // Prescriptions issued before repeats were real are originals that keep the refills their doctor authorised.
            migrationBuilder.Sql("UPDATE \"Prescriptions\" SET \"RepeatsAuthorised\" = \"Refills\", \"RepeatNumber\" = 0");

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_PreviousPrescriptionId",
                table: "Prescriptions",
                column: "PreviousPrescriptionId",
                unique: true,
                filter: "[PreviousPrescriptionId] IS NOT NULL");

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_RequestItemId_RepeatNumber",
                table: "Prescriptions",
                columns: new[] { "RequestItemId", "RepeatNumber" },
                unique: true);

            migrationBuilder.AddForeignKey(
                name: "FK_Prescriptions_Prescriptions_PreviousPrescriptionId",
                table: "Prescriptions",
                column: "PreviousPrescriptionId",
                principalTable: "Prescriptions",
                principalColumn: "Id",
                onDelete: ReferentialAction.Restrict);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropForeignKey(
                name: "FK_Prescriptions_Prescriptions_PreviousPrescriptionId",
                table: "Prescriptions");

            migrationBuilder.DropIndex(
                name: "IX_Prescriptions_PreviousPrescriptionId",
                table: "Prescriptions");

            migrationBuilder.DropIndex(
                name: "IX_Prescriptions_RequestItemId_RepeatNumber",
                table: "Prescriptions");

            migrationBuilder.DropColumn(
                name: "PreviousPrescriptionId",
                table: "Prescriptions");

            migrationBuilder.DropColumn(
                name: "RepeatNumber",
                table: "Prescriptions");

            migrationBuilder.DropColumn(
                name: "RepeatsAuthorised",
                table: "Prescriptions");

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_RequestItemId",
                table: "Prescriptions",
                column: "RequestItemId",
                unique: true);
        }
    }
}
