using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Data;

/// <summary>
/// Copies the SQLite write-ahead log back into the database file in the background (PASSIVE: never waits for readers or
/// writers). Left to SQLite, that checkpoint, with its fsync, runs inside whichever commit crosses the WAL size limit,
/// while every other writer waits; here it runs beside them. Connections keep a high automatic limit as a safety net
/// (<see cref="SqlitePragmas"/>). Does nothing on other databases.
/// </summary>
public sealed class SqliteCheckpointer(IDbContextFactory<AppDbContext> dbFactory, ILogger<SqliteCheckpointer> logger) : BackgroundService
{
    public static readonly TimeSpan Every = TimeSpan.FromMilliseconds(250);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using (var probe = await dbFactory.CreateDbContextAsync(stoppingToken))
        {
            if (!probe.Database.IsSqlite()) return;
        }
        using var timer = new PeriodicTimer(Every);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken))
            {
                try
                {
                    await using var db = await dbFactory.CreateDbContextAsync(stoppingToken);
                    await db.Database.ExecuteSqlRawAsync("PRAGMA wal_checkpoint(PASSIVE);", stoppingToken);
                }
                catch (Exception e) when (e is not OperationCanceledException)
                {
                    // The next tick tries again; SQLite's own automatic checkpoint still bounds the log meanwhile.
                    logger.LogWarning(e, "Background WAL checkpoint failed.");
                }
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }
}
