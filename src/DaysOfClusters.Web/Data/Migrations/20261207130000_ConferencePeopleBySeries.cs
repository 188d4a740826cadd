using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaysOfClusters.Web.Data.Migrations
{
    /// <summary>
    /// New people are counted in Days of Clusters' editions only: a trainee of the 1st Training was counted as first seen at
    /// the conference's 1st edition, since both have ordinal 1. Recreates the statistics triggers (the new-people part and the
    /// edition trigger, which now also fires on a change of series) and counts the new people again. No model change.
    /// </summary>
    [DbContext(typeof(AppDbContext))]
    [Migration("20261207130000_ConferencePeopleBySeries")]
    public partial class ConferencePeopleBySeries : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in Features.Statistics.StatisticsSummarySql.SqliteDropTriggers)
                migrationBuilder.Sql(trigger);
            foreach (var trigger in Features.Statistics.StatisticsSummarySql.SqliteCreateTriggersBeforeFirstEntry)
                migrationBuilder.Sql(trigger);
            migrationBuilder.Sql(Features.Statistics.StatisticsSummarySql.SqliteRebuildPeople);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in Features.Statistics.StatisticsSummarySql.SqliteDropTriggers)
                migrationBuilder.Sql(trigger);
            foreach (var trigger in Features.Statistics.StatisticsSummarySql.SqliteCreateTriggersBeforeSeries)
                migrationBuilder.Sql(trigger);
        }
    }
}
