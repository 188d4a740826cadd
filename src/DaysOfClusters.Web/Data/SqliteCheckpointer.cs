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

    /// <summary>
    /// Copies the whole WAL into the database file and empties it (TRUNCATE), so earlier versions of erased rows no longer
    /// sit in the log. SQLite answers "busy" at once, without waiting, while another checkpoint runs (this class's
    /// PASSIVE one, every 250 ms; under load they overlap), so it is asked again until it completes or
    /// <paramref name="patience"/> runs out. Returns whether it completed.
    /// </summary>
    public static async Task<bool> TruncateWalAsync(AppDbContext db, TimeSpan patience, CancellationToken ct = default)
    {
        // Elapsed time, not the clock: a test's moved clock must not cut the wait short.
        var waited = System.Diagnostics.Stopwatch.StartNew();
        await db.Database.OpenConnectionAsync(ct);
        try
        {
            while (true)
            {
                await using (var command = db.Database.GetDbConnection().CreateCommand())
                {
                    command.CommandText = "PRAGMA wal_checkpoint(TRUNCATE);";
                    await using var reader = await command.ExecuteReaderAsync(ct);
                    // One row: busy (1 when it could not complete), log frames, checkpointed frames.
                    if (await reader.ReadAsync(ct) && reader.GetInt64(0) == 0) return true;
                }
                if (waited.Elapsed >= patience) return false;
                await Task.Delay(50, ct);
            }
        }
        finally
        {
            await db.Database.CloseConnectionAsync();
        }
    }

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
