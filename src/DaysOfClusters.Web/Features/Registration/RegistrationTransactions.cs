using DaysOfClusters.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Registration;

/// <summary>
/// Runs a change to registrations in one transaction on a fresh context (IMMEDIATE on SQLite, so the write lock is taken
/// at BEGIN and waits on the busy timeout), in the process's one SQLite writer queue (<see cref="SqliteWriteGate"/>,
/// shared with check-in's scans and the group commit). A busy or locked database after that wait is retried a few times
/// from the start.
/// </summary>
public sealed class RegistrationTransactions(IDbContextFactory<AppDbContext> dbFactory, SqliteWriteGate writeGate, ILogger<RegistrationTransactions> logger)
{
    private readonly SemaphoreSlim _sqliteWriteGate = writeGate.Semaphore;

    public async Task<T> RunAsync<T>(Func<AppDbContext, Task<T>> work, CancellationToken ct)
    {
        for (var attempt = 1; ; attempt++)
        {
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var gated = db.Database.IsSqlite();
            if (gated) await _sqliteWriteGate.WaitAsync(ct);
            try
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                var result = await work(db);
                await tx.CommitAsync(ct);
                return result;
            }
            catch (Exception e) when (attempt < 5 && IsBusy(e))
            {
                logger.LogWarning("Database busy, attempt {Attempt}; retrying.", attempt);
                if (gated) { _sqliteWriteGate.Release(); gated = false; }
                await Task.Delay(Random.Shared.Next(20, 100) * attempt, ct);
            }
            finally
            {
                if (gated) _sqliteWriteGate.Release();
            }
        }
    }

    public Task<bool> RunAsync(Func<AppDbContext, Task> work, CancellationToken ct) =>
        RunAsync<bool>(async db => { await work(db); return true; }, ct);

    /// <summary>True when the work may simply run again: the database was busy or locked, or rolled the transaction back whole.</summary>
    public static bool IsBusy(Exception e) => e switch
    {
        SqliteException s => s.SqliteErrorCode is 5 or 6,
        // PostgreSQL: a deadlock or serialization failure was rolled back whole; the work can run again.
        Npgsql.PostgresException p => p.SqlState is Npgsql.PostgresErrorCodes.DeadlockDetected or Npgsql.PostgresErrorCodes.SerializationFailure,
        { InnerException: { } inner } => IsBusy(inner),
        _ => false,
    };
}
