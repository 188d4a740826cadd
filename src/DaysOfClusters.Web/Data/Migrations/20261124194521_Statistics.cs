using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaysOfClusters.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class Statistics : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "IX_Registrations_Statistics",
                table: "Registrations",
                columns: new[] { "EditionId", "CountryCode", "OrganisationType", "CategoryId", "Status" });

            migrationBuilder.CreateIndex(
                name: "IX_Registrations_Statistics_EmailHash",
                table: "Registrations",
                columns: new[] { "EmailHash", "EditionId", "Status" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "IX_Registrations_Statistics",
                table: "Registrations");

            migrationBuilder.DropIndex(
                name: "IX_Registrations_Statistics_EmailHash",
                table: "Registrations");
        }
    }
}
