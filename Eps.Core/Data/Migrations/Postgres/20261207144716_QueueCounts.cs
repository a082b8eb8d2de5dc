using Eps.Core.Queue.Counts;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace Eps.Core.Data.Migrations.Postgres
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
                    PharmacyId = table.Column<int>(type: "integer", nullable: false),
                    PatientId = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Schedule = table.Column<int>(type: "integer", nullable: false),
                    RiskLevel = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PatientQueueCounts", x => new { x.PharmacyId, x.PatientId, x.Status, x.Schedule, x.RiskLevel });
                });

            migrationBuilder.CreateTable(
                name: "PharmacyQueueCounts",
                columns: table => new
                {
                    PharmacyId = table.Column<int>(type: "integer", nullable: false),
                    Status = table.Column<int>(type: "integer", nullable: false),
                    Schedule = table.Column<int>(type: "integer", nullable: false),
                    RiskLevel = table.Column<int>(type: "integer", nullable: false),
                    Count = table.Column<int>(type: "integer", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_PharmacyQueueCounts", x => new { x.PharmacyId, x.Status, x.Schedule, x.RiskLevel });
                });

            // Kept by triggers from here on (Queue/Counts/QueueCountTriggers.cs), filled from the rows already there.
            QueueCountTriggers.Create(migrationBuilder, QueueCountTriggers.Postgres);

            // The queue's name search (lower("FullName") LIKE '%…%') through a trigram index instead of a scan of every user.
            migrationBuilder.Sql("CREATE EXTENSION IF NOT EXISTS pg_trgm;");
            migrationBuilder.Sql("CREATE INDEX \"IX_AspNetUsers_FullName_Trigram\" ON \"AspNetUsers\" USING gin (lower(\"FullName\") gin_trgm_ops);");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            QueueCountTriggers.Drop(migrationBuilder, QueueCountTriggers.Postgres);

            migrationBuilder.Sql("DROP INDEX IF EXISTS \"IX_AspNetUsers_FullName_Trigram\";");

            migrationBuilder.DropTable(
                name: "PatientQueueCounts");

            migrationBuilder.DropTable(
                name: "PharmacyQueueCounts");
        }
    }
}
