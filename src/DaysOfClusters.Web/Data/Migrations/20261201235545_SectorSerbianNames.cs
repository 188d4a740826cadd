using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaysOfClusters.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class SectorSerbianNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NameSr",
                table: "Sector",
                type: "TEXT",
                maxLength: 100,
                nullable: true);

            // The starting list's Serbian names (the same SQL on both providers).
            migrationBuilder.Sql(SeededSectorSerbianNames.Sql);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "NameSr",
                table: "Sector");
        }
    }
}
