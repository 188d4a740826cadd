using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaysOfClusters.Web.Data.Migrations
{
    /// <inheritdoc />
    public partial class StatisticsSummaries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "StatisticsArrivalHours",
                columns: table => new
                {
                    EditionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Hour = table.Column<string>(type: "TEXT", maxLength: 13, nullable: false),
                    Arrivals = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsArrivalHours", x => new { x.EditionId, x.Hour });
                });

            migrationBuilder.CreateTable(
                name: "StatisticsCells",
                columns: table => new
                {
                    EditionId = table.Column<int>(type: "INTEGER", nullable: false),
                    CountryCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    OrganisationType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CategoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Registrations = table.Column<int>(type: "INTEGER", nullable: false),
                    Attended = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsCells", x => new { x.EditionId, x.CountryCode, x.OrganisationType, x.CategoryId, x.Status });
                });

            migrationBuilder.CreateTable(
                name: "StatisticsNewPeople",
                columns: table => new
                {
                    Ordinal = table.Column<int>(type: "INTEGER", nullable: false),
                    People = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsNewPeople", x => x.Ordinal);
                });

            migrationBuilder.CreateTable(
                name: "StatisticsOrganisationCells",
                columns: table => new
                {
                    EditionId = table.Column<int>(type: "INTEGER", nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    Registrations = table.Column<int>(type: "INTEGER", nullable: false),
                    Attended = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsOrganisationCells", x => new { x.EditionId, x.OrganisationId, x.Status });
                });

            migrationBuilder.CreateTable(
                name: "StatisticsPeople",
                columns: table => new
                {
                    EmailHash = table.Column<string>(type: "TEXT", maxLength: 64, nullable: false),
                    FirstOrdinal = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsPeople", x => x.EmailHash);
                });

            migrationBuilder.CreateTable(
                name: "StatisticsRegistrationHours",
                columns: table => new
                {
                    EditionId = table.Column<int>(type: "INTEGER", nullable: false),
                    Hour = table.Column<string>(type: "TEXT", maxLength: 13, nullable: false),
                    Registrations = table.Column<int>(type: "INTEGER", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsRegistrationHours", x => new { x.EditionId, x.Hour });
                });

            migrationBuilder.CreateTable(
                name: "StatisticsRegistrationStates",
                columns: table => new
                {
                    RegistrationId = table.Column<int>(type: "INTEGER", nullable: false),
                    EditionId = table.Column<int>(type: "INTEGER", nullable: false),
                    CountryCode = table.Column<string>(type: "TEXT", maxLength: 2, nullable: false),
                    OrganisationType = table.Column<string>(type: "TEXT", maxLength: 32, nullable: false),
                    CategoryId = table.Column<int>(type: "INTEGER", nullable: false),
                    Status = table.Column<string>(type: "TEXT", maxLength: 16, nullable: false),
                    OrganisationId = table.Column<int>(type: "INTEGER", nullable: false),
                    Attended = table.Column<int>(type: "INTEGER", nullable: false),
                    ArrivalHour = table.Column<string>(type: "TEXT", maxLength: 13, nullable: true),
                    CreatedHour = table.Column<string>(type: "TEXT", maxLength: 13, nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("PK_StatisticsRegistrationStates", x => x.RegistrationId);
                });

            // Filled from the existing rows, then kept exact by triggers (Features/Statistics/StatisticsSummarySql.cs;
            // its PostgreSql constant is the same for the PostgreSQL provider's migrations).
            migrationBuilder.Sql(Features.Statistics.StatisticsSummarySql.SqliteBackfillBeforeSeries);
            foreach (var trigger in Features.Statistics.StatisticsSummarySql.SqliteCreateTriggersBeforeSeries)
                migrationBuilder.Sql(trigger);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in Features.Statistics.StatisticsSummarySql.SqliteDropTriggers)
                migrationBuilder.Sql(trigger);

            migrationBuilder.DropTable(
                name: "StatisticsArrivalHours");

            migrationBuilder.DropTable(
                name: "StatisticsCells");

            migrationBuilder.DropTable(
                name: "StatisticsNewPeople");

            migrationBuilder.DropTable(
                name: "StatisticsOrganisationCells");

            migrationBuilder.DropTable(
                name: "StatisticsPeople");

            migrationBuilder.DropTable(
                name: "StatisticsRegistrationHours");

            migrationBuilder.DropTable(
                name: "StatisticsRegistrationStates");
        }
    }
}
