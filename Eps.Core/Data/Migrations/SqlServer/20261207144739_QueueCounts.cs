using Eps.Core.Queue.Counts;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Eps.Core.Data.Migrations.SqlServer
{
    /// <inheritdoc />
    public partial class QueueCounts : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "PatientQueueCounts",
                columns: table => new
                {
                    PharmacyId = table.Column<int>(type: "int", nullable: false),
                    PatientId = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    Schedule = table.Column<int>(type: "int", nullable: false),
                    RiskLevel = table.Column<int>(type: "int", nullable: false),
                    Count = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PatientQueueCounts", x => new { x.PharmacyId, x.PatientId, x.Status, x.Schedule, x.RiskLevel });
                });

            migrationBuilder.CreateTable(
                name: "PharmacyQueueCounts",
                columns: table => new
                {
                    PharmacyId = table.Column<int>(type: "int", nullable: false),
                    Status = table.Column<int>(type: "int", nullable: false),
                    Schedule = table.Column<int>(type: "int", nullable: false),
                    RiskLevel = table.Column<int>(type: "int", nullable: false),
                    Count = table.Column<int>(type: "int", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PharmacyQueueCounts", x => new { x.PharmacyId, x.Status, x.Schedule, x.RiskLevel });
                });

            // Kept by triggers from here on (Queue/Counts/QueueCountTriggers.cs), filled from the rows already there.
            QueueCountTriggers.Create(migrationBuilder, QueueCountTriggers.SqlServer);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            QueueCountTriggers.Drop(migrationBuilder, QueueCountTriggers.SqlServer);

            migrationBuilder.DropTable(
                name: "PatientQueueCounts");

            migrationBuilder.DropTable(
                name: "PharmacyQueueCounts");
        }
    }
}
