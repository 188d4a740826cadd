using DaysOfClusters.Web.Data.Migrations;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaysOfClusters.Web.Data.Migrations.PostgreSql
{
    /// <inheritdoc />
    public partial class PostgreSqlSectorSerbianNames : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "NameSr",
                table: "Sector",
                type: "character varying(100)",
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
