using System.Collections.Concurrent;
using DaysOfClusters.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.CheckIn;

/// <summary>Where one scan's statements run, and how its write is made all-or-nothing.</summary>
internal abstract class ScanSession
{
    public abstract ScanStatements Sql { get; }

    /// <summary>
    /// Runs the scan's write (presence, inside-now counter, log line) at the point's turn; kept when
    /// <paramref name="keep"/> says so, else undone entirely (a nonce stored already).
    /// </summary>
    public abstract Task<T> WriteAsync<T>(int pointId, Func<Task<T>> write, Func<T, bool> keep, CancellationToken ct);
}

/// <summary>
/// SQLite: the scan runs inside <see cref="ScanWriter"/>'s batch transaction, on its connection, within the savepoint
/// the writer opens for each scan (<see cref="ScanWriter.ScanSavepoint"/>). A scan writes nothing before its write (the
/// look-ups only read), so undoing the write is rolling back to that savepoint; the batch's other scans stay.
/// </summary>
internal sealed class BatchScanSession(ScanStatements sql) : ScanSession
{
    public override ScanStatements Sql => sql;

    public override async Task<T> WriteAsync<T>(int pointId, Func<Task<T>> write, Func<T, bool> keep, CancellationToken ct)
    {
        var result = await write();
        if (!keep(result)) await sql.ExecuteAsync($"ROLLBACK TO {ScanWriter.ScanSavepoint}", ct);
        return result;
    }
}

/// <summary>
/// A server database: the request's own pooled connection, one transaction per write, and the point's in-process queue
/// waited in without holding that connection. Every scan at a point updates the point's InsideNow row, so they run one
/// after another anyway; waiting for that row lock instead held a connection each, and 120 scans at once at one door
/// emptied a pool of 100 (CI's PostgreSQL run). Other instances still queue on the row lock.
/// </summary>
internal sealed class ServerScanSession : ScanSession, IAsyncDisposable
{
    private readonly AppDbContext _db;
    private readonly ConcurrentDictionary<int, SemaphoreSlim> _pointQueues;
    private readonly ScanStatements _sql;

    private ServerScanSession(AppDbContext db, ConcurrentDictionary<int, SemaphoreSlim> pointQueues)
    {
        _db = db;
        _pointQueues = pointQueues;
        _sql = new ScanStatements(db.Database.GetDbConnection(), keep: false);
    }

    public static async Task<ServerScanSession> OpenAsync(IDbContextFactory<AppDbContext> dbFactory, ConcurrentDictionary<int, SemaphoreSlim> pointQueues, CancellationToken ct)
    {
        var db = await dbFactory.CreateDbContextAsync(ct);
        try
        {
            await db.Database.OpenConnectionAsync(ct);
            return new ServerScanSession(db, pointQueues);
        }
        catch
        {
            await db.DisposeAsync();
            throw;
        }
    }

    public override ScanStatements Sql => _sql;

    public override async Task<T> WriteAsync<T>(int pointId, Func<Task<T>> write, Func<T, bool> keep, CancellationToken ct)
    {
        await _db.Database.CloseConnectionAsync();
        var queue = _pointQueues.GetOrAdd(pointId, static _ => new SemaphoreSlim(1, 1));
        await queue.WaitAsync(ct);
        try
        {
            await _db.Database.OpenConnectionAsync(ct);
            await using var tx = await _db.Database.GetDbConnection().BeginTransactionAsync(ct);
            _sql.Transaction = tx;
            try
            {
                var result = await write();
                if (keep(result)) await tx.CommitAsync(ct);
                else await tx.RollbackAsync(ct);
                return result;
            }
            finally
            {
                _sql.Transaction = null;
            }
        }
        finally
        {
            queue.Release();
        }
    }

    public async ValueTask DisposeAsync()
    {
        await _sql.DisposeAsync();
        await _db.DisposeAsync();
    }
}
