using DaysOfClusters.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.CheckIn;

/// <summary>
/// Group commit for scans on SQLite. A scan's database work (look-ups, decision, write) queues here; one writer takes
/// everything queued once it holds the <see cref="SqliteWriteGate"/> and runs it, in queue order, in one transaction on
/// its own connection, whose statements stay prepared (<see cref="ScanStatements"/>). Each scan is a savepoint: one that
/// fails is undone alone and its caller gets the error; the others commit.
/// </summary>
/// <remarks>
/// Before, every scan took the gate for its own transaction: the gate's hand-over, the commit and compiling the statements
/// (with the statistics triggers on <c>Presences</c>) were serial, and held check-in at ~500 scans/s however many doors
/// scanned. Reading inside the writer also means a scan decides on the state it writes to: nothing changes in between.
/// </remarks>
public sealed class ScanWriter(IDbContextFactory<AppDbContext> dbFactory, SqliteWriteGate writeGate, ILogger<ScanWriter> logger) : IAsyncDisposable
{
    private const int MaxBatch = 128;

    /// <summary>The savepoint around each scan of a batch (<see cref="BatchScanSession"/> rolls back to it).</summary>
    internal const string ScanSavepoint = "scan";
    private GroupCommitQueue<Job>? _queue;
    private AppDbContext? _db;
    private ScanStatements? _sql;

    /// <summary>The writer's queue behind the process's write gate; made at first use, as the writer needs its own methods.</summary>
    private GroupCommitQueue<Job> Queue => LazyInitializer.EnsureInitialized(ref _queue, () => new GroupCommitQueue<Job>(writeGate, MaxBatch, RunBatchAsync, FailBatchAsync));

    /// <summary>Scans waiting for the writer (a test holds the write gate and waits for a full queue to get one batch).</summary>
    internal int Queued => Queue.Count;

    /// <summary>Runs <paramref name="work"/> in the next batch; its answer is given once the batch has committed.</summary>
    internal async Task<T> RunAsync<T>(Func<ScanSession, Task<T>> work, CancellationToken ct)
    {
        var job = new Job<T>(work);
        Queue.Enqueue(job);
        // A caller that gives up does not stop the scan: it is written (or not) all the same, and a re-send of its nonce
        // then answers what was stored.
        return await job.Completion.Task.WaitAsync(ct);
    }

    /// <summary>Nothing of the batch committed: every caller learns it, and the next batch starts on a fresh connection.</summary>
    private async Task FailBatchAsync(List<Job> batch, Exception error)
    {
        logger.LogError(error, "A batch of {Count} scans failed.", batch.Count);
        foreach (var job in batch) job.Fail(error);
        try
        {
            await ResetAsync();
        }
        catch (Exception e)
        {
            logger.LogWarning(e, "Closing the scan writer's connection after a failed batch failed.");
            _sql = null;
            _db = null;
        }
    }

    private async Task RunBatchAsync(List<Job> batch)
    {
        var sql = await StatementsAsync();
        var session = new BatchScanSession(sql);
        var failures = new Exception?[batch.Count];
        await sql.ExecuteAsync("BEGIN IMMEDIATE", CancellationToken.None);
        try
        {
            for (var i = 0; i < batch.Count; i++)
            {
                await sql.ExecuteAsync($"SAVEPOINT {ScanSavepoint}", CancellationToken.None);
                try
                {
                    await batch[i].RunAsync(session);
                }
                catch (Exception e)
                {
                    failures[i] = e;
                    await sql.ExecuteAsync($"ROLLBACK TO {ScanSavepoint}", CancellationToken.None);
                }
                await sql.ExecuteAsync($"RELEASE {ScanSavepoint}", CancellationToken.None);
            }
            await sql.ExecuteAsync("COMMIT", CancellationToken.None);
        }
        catch
        {
            await RollBackQuietlyAsync(sql);
            throw;
        }
        for (var i = 0; i < batch.Count; i++)
        {
            if (failures[i] is { } failure) batch[i].Fail(failure);
            else batch[i].Complete();
        }
    }

    private async Task<ScanStatements> StatementsAsync()
    {
        if (_sql is not null) return _sql;
        _db = await dbFactory.CreateDbContextAsync();
        // Opened through EF so the connection gets the app's PRAGMAs; held for the writer's life.
        await _db.Database.OpenConnectionAsync();
        return _sql = new ScanStatements(_db.Database.GetDbConnection(), keep: true);
    }

    private async Task RollBackQuietlyAsync(ScanStatements sql)
    {
        try
        {
            await sql.ExecuteAsync("ROLLBACK", CancellationToken.None);
        }
        catch (Exception e)
        {
            // SQLite rolls back by itself after some errors; then there is nothing left to roll back.
            logger.LogDebug(e, "Scan batch rollback after a failure.");
        }
    }

    private async Task ResetAsync()
    {
        if (_sql is not null) await _sql.DisposeAsync();
        if (_db is not null) await _db.DisposeAsync();
        _sql = null;
        _db = null;
    }

    public async ValueTask DisposeAsync()
    {
        if (_queue is not null) await _queue.DisposeAsync();
        await ResetAsync();
    }

    private abstract class Job
    {
        public abstract Task RunAsync(ScanSession session);
        public abstract void Complete();
        public abstract void Fail(Exception error);
    }

    private sealed class Job<T>(Func<ScanSession, Task<T>> work) : Job
    {
        private T? _result;

        public TaskCompletionSource<T> Completion { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);

        public override async Task RunAsync(ScanSession session) => _result = await work(session);

        public override void Complete() => Completion.TrySetResult(_result!);

        public override void Fail(Exception error) => Completion.TrySetException(error);
    }
}
