using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaysOfClusters.Web.Data.Migrations.PostgreSql
{
    /// <summary>
    /// New people are counted in Days of Clusters' editions only (see StatisticsSummarySql.PostgreSqlConferencePeople);
    /// the counts are rebuilt. No model change.
    /// </summary>
    [DbContext(typeof(PostgreSqlAppDbContext))]
    [Migration("20261207130001_PostgreSqlConferencePeopleBySeries")]
    public partial class PostgreSqlConferencePeopleBySeries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql(Features.Statistics.StatisticsSummarySql.PostgreSqlConferencePeople);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Counting across series was the bug; going down keeps the corrected function, which the older schema also runs.
        }
    }
}
