using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaysOfClusters.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class StatisticsIndexes : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Presences_RegistrationId",
                table: "Presences");

            migrationBuilder.CreateIndex(
                name: "IX_Registrations_Statistics_Timeline",
                table: "Registrations",
                columns: new[] { "EditionId", "Status", "CreatedUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Presences_Statistics_Arrivals",
                table: "Presences",
                columns: new[] { "EditionId", "RegistrationId", "EntryCount", "FirstEntryUtc" });

            migrationBuilder.CreateIndex(
                name: "IX_Presences_Statistics_Attended",
                table: "Presences",
                columns: new[] { "RegistrationId", "EntryCount" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Registrations_Statistics_Timeline",
                table: "Registrations");

            migrationBuilder.DropIndex(
                name: "IX_Presences_Statistics_Arrivals",
                table: "Presences");

            migrationBuilder.DropIndex(
                name: "IX_Presences_Statistics_Attended",
                table: "Presences");

            migrationBuilder.CreateIndex(
                name: "IX_Presences_RegistrationId",
                table: "Presences",
                column: "RegistrationId");
        }
    }
}
