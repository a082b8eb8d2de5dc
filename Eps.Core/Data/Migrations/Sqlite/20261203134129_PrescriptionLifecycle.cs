using System;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Eps.Core.Data.Migrations.Sqlite
{
    /// <inheritdoc />
    public partial class PrescriptionLifecycle : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<DateTime>(
                name: "ExpiryReminderSentAt",
                table: "Prescriptions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<DateTime>(
                name: "ReadyAt",
                table: "Prescriptions",
                type: "TEXT",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "ReadyByUserId",
                table: "Prescriptions",
                type: "TEXT",
                maxLength: 450,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "OpeningHours",
                table: "Pharmacies",
                type: "TEXT",
                maxLength: 200,
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "Regarding",
                table: "Outbox",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            migrationBuilder.CreateIndex(
                name: "IX_Prescriptions_Status_ExpiresAt_ExpiryReminderSentAt",
                table: "Prescriptions",
                columns: new[] { "Status", "ExpiresAt", "ExpiryReminderSentAt" });

            migrationBuilder.CreateIndex(
                name: "IX_Outbox_Kind_Regarding_CreatedAt",
                table: "Outbox",
                columns: new[] { "Kind", "Regarding", "CreatedAt" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Prescriptions_Status_ExpiresAt_ExpiryReminderSentAt",
                table: "Prescriptions");

            migrationBuilder.DropIndex(
                name: "IX_Outbox_Kind_Regarding_CreatedAt",
                table: "Outbox");

            migrationBuilder.DropColumn(
                name: "ExpiryReminderSentAt",
                table: "Prescriptions");

            migrationBuilder.DropColumn(
                name: "ReadyAt",
                table: "Prescriptions");

            migrationBuilder.DropColumn(
                name: "ReadyByUserId",
                table: "Prescriptions");

            migrationBuilder.DropColumn(
                name: "OpeningHours",
                table: "Pharmacies");

            migrationBuilder.DropColumn(
                name: "Regarding",
                table: "Outbox");
        }
    }
}
