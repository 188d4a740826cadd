using DaysOfClusters.Web.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaysOfClusters.Web.Data.Migrations.PostgreSql
{
    /// <summary>
    /// Replaces the edition-ordinal trigger function with the one that locks before it lists the hashes (a race with a
    /// parallel registration; see StatisticsSummarySql.PostgreSqlEditionOrdinalChanged). No model change.
    /// </summary>
    [DbContext(typeof(PostgreSqlAppDbContext))]
    [Migration("20261206230000_PostgreSqlEditionOrdinalLock")]
    public partial class PostgreSqlEditionOrdinalLock : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql(Features.Statistics.StatisticsSummarySql.PostgreSqlEditionOrdinalChanged);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // The older function had the race; going down keeps the fixed one, which is correct for the older schema too.
        }
    }
}
