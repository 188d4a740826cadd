using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Data;

/// <summary>
/// SQLite has one writer at a time. Queuing this process's short write transactions here (FIFO, no polling) instead of
/// in SQLite's busy handler (sleep 1, 2, 5 … 100 ms and retry) keeps latency low and fair under load. Other processes
/// writing the same file still meet the busy timeout. Server databases skip the gate: their row locks do this job.
/// One per process, shared by every feature that writes (registration's group-commit writer, check-in scans), so
/// they queue behind each other here rather than in SQLite's busy handler.
/// </summary>
public sealed class SqliteWriteGate : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);

    /// <summary>The queue itself, for a writer that decides once whether the database is SQLite and then waits and releases by hand.</summary>
    public SemaphoreSlim Semaphore => _gate;

    /// <summary>Waits for the gate when <paramref name="db"/> is SQLite; dispose the result to leave it.</summary>
    public async ValueTask<Held> EnterAsync(DbContext db, CancellationToken ct)
    {
        ArgumentNullException.ThrowIfNull(db);
        if (!db.Database.IsSqlite()) return default;
        await _gate.WaitAsync(ct);
        return new Held(_gate);
    }

    public void Dispose() => _gate.Dispose();

    public readonly struct Held(SemaphoreSlim? gate) : IDisposable
    {
        public void Dispose() => gate?.Release();
    }
}
