using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaysOfClusters.Web.Data.Migrations
{
    /// <summary>
    /// A registration's first entry is counted by a trigger of its own (one attended, one arrival, the state row), not by the
    /// full refresh of the registration's summaries, which every scan of the day paid (issue 19: check-in CPU). The summaries
    /// come out the same, so nothing is counted again. Triggers only: no model change (the Designer file's model is the previous migration's).
    /// </summary>
    public partial class StatisticsFirstEntry : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in Features.Statistics.StatisticsSummarySql.SqliteDropTriggers)
                migrationBuilder.Sql(trigger);
            foreach (var trigger in Features.Statistics.StatisticsSummarySql.SqliteCreateTriggers)
                migrationBuilder.Sql(trigger);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            foreach (var trigger in Features.Statistics.StatisticsSummarySql.SqliteDropTriggers)
                migrationBuilder.Sql(trigger);
            foreach (var trigger in Features.Statistics.StatisticsSummarySql.SqliteCreateTriggersBeforeFirstEntry)
                migrationBuilder.Sql(trigger);
        }
    }
}
