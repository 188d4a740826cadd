using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DaysOfClusters.Web.Data.Migrations.PostgreSql
{
    /// <summary>
    /// The statistics summaries refreshed once per transaction instead of once per changed row (see
    /// StatisticsSummarySql.PostgreSqlOncePerTransaction). The summaries' contents stay as they are: the refresh is the
    /// same. No model change: the Designer file carries the previous migration's model, as the newest migration's target
    /// model must be the snapshot's.
    /// </summary>
    public partial class PostgreSqlStatisticsOncePerTransaction : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql(Features.Statistics.StatisticsSummarySql.PostgreSqlOncePerTransaction);

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql(Features.Statistics.StatisticsSummarySql.PostgreSqlOncePerTransactionDown);
    }
}
