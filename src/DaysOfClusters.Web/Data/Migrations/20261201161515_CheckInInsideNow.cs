using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaysOfClusters.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class CheckInInsideNow : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<int>(
                name: "InsideNow",
                table: "CheckInPoints",
                type: "INTEGER",
                nullable: false,
                defaultValue: 0);

            // Start the counter from the presences already stored; from now on each scan's transaction keeps it.
            migrationBuilder.Sql("""
                UPDATE "CheckInPoints" SET "InsideNow" =
                    (SELECT COUNT(*) FROM "Presences" p WHERE p."PointId" = "CheckInPoints"."Id" AND p."InsideSince" IS NOT NULL);
                """);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropColumn(
                name: "InsideNow",
                table: "CheckInPoints");
        }
    }
}
