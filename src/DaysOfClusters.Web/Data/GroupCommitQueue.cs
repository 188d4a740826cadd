using System.Threading.Channels;

namespace DaysOfClusters.Web.Data;

/// <summary>
/// Group commit: callers queue their finished work; one writer takes everything queued once it holds the process's
/// <see cref="SqliteWriteGate"/> and hands it to the owner as one batch, in queue order. The registration writer and the
/// scan writer both run on it, so they take turns at the gate with each other and with every other writer.
/// The owner writes the batch and completes each item; if that throws, <c>onFailure</c> must answer every item of the
/// batch, so no caller is left waiting. The writer starts at the first item, without that caller's execution context.
/// An asynchronous owner (the scan writer) is run by a loop on the thread pool. A synchronous owner (the registration
/// writer) gets a thread of its own: each statement's answer then wakes that thread directly, instead of coming back
/// through the pool's queue behind the callers' own work, which kept a PostgreSQL batch ~3 times longer in its
/// transaction (holding the seat counters' locks) than its statements took.
/// </summary>
public sealed class GroupCommitQueue<T> : IDisposable, IAsyncDisposable where T : class
{
    private readonly Channel<T> _queue = Channel.CreateUnbounded<T>();
    private readonly SemaphoreSlim _gate;
    private readonly int _maxBatch;
    private readonly Func<List<T>, Task> _writeBatch;
    private readonly Func<List<T>, Exception, Task> _onFailure;

    /// <summary>A synchronous owner's work returns completed tasks, so its whole loop stays on the queue's own thread.</summary>
    private readonly bool _synchronous;
    private readonly Func<T, bool> _take;
    private readonly Lock _start = new();
    private Task? _writer;

    /// <param name="take">Whether the writer takes an item it drains (false: its caller withdrew it; it is dropped).</param>
    public GroupCommitQueue(SqliteWriteGate gate, int maxBatch, Func<List<T>, Task> writeBatch, Func<List<T>, Exception, Task> onFailure, Func<T, bool>? take = null)
        : this(gate, maxBatch, writeBatch, onFailure, take, synchronous: false)
    {
    }

    /// <summary>A synchronous owner: its batches are written on the queue's own thread.</summary>
    /// <param name="take">Whether the writer takes an item it drains (false: its caller withdrew it; it is dropped).</param>
    public GroupCommitQueue(SqliteWriteGate gate, int maxBatch, Action<List<T>> writeBatch, Action<List<T>, Exception> onFailure, Func<T, bool>? take = null)
        : this(gate, maxBatch, batch => { writeBatch(batch); return Task.CompletedTask; }, (batch, e) => { onFailure(batch, e); return Task.CompletedTask; },
            take, synchronous: true)
    {
    }

    private GroupCommitQueue(SqliteWriteGate gate, int maxBatch, Func<List<T>, Task> writeBatch, Func<List<T>, Exception, Task> onFailure,
        Func<T, bool>? take, bool synchronous)
    {
        ArgumentNullException.ThrowIfNull(gate);
        ArgumentOutOfRangeException.ThrowIfLessThan(maxBatch, 1);
        _gate = gate.Semaphore;
        _maxBatch = maxBatch;
        _writeBatch = writeBatch;
        _onFailure = onFailure;
        _take = take ?? (_ => true);
        _synchronous = synchronous;
    }

    /// <summary>Items waiting for the writer (tests hold the write gate and wait for a full queue to get one batch).</summary>
    public int Count => _queue.Reader.Count;

    /// <summary>The write gate the writer waits for, for tests that need a batch to build up behind it.</summary>
    public SemaphoreSlim Gate => _gate;

    /// <summary>Queues <paramref name="item"/> for the next batch; refused once the queue is disposed.</summary>
    public void Enqueue(T item)
    {
        Start();
        ObjectDisposedException.ThrowIf(!_queue.Writer.TryWrite(item), this);
    }

    private void Start()
    {
        if (_writer is not null) return;
        lock (_start)
        {
            if (_writer is not null) return;
            // The writer serves every caller: it must not carry the first caller's request context along.
            using (ExecutionContext.SuppressFlow())
                _writer = _synchronous
                    // LongRunning: a thread of its own, outside the pool; the loop below never leaves it.
                    ? Task.Factory.StartNew(() => WriteLoopAsync().GetAwaiter().GetResult(), CancellationToken.None, TaskCreationOptions.LongRunning, TaskScheduler.Default)
                    : Task.Run(WriteLoopAsync);
        }
    }

    /// <summary>One loop for both owners; for a synchronous one every wait blocks and every task it awaits is complete.</summary>
    private async Task WriteLoopAsync()
    {
        var reader = _queue.Reader;
        var batch = new List<T>(_maxBatch);
        while (_synchronous ? reader.WaitToReadAsync().AsTask().GetAwaiter().GetResult() : await reader.WaitToReadAsync())
        {
            // The gate first, then the queue: whatever arrived while the previous transaction ran goes into this one.
            if (_synchronous) _gate.Wait();
            else await _gate.WaitAsync();
            try
            {
                batch.Clear();
                while (batch.Count < _maxBatch && reader.TryRead(out var item))
                    if (_take(item)) batch.Add(item);
                if (batch.Count > 0) await _writeBatch(batch);
            }
            catch (Exception e)
            {
                await _onFailure(batch, e);
            }
            finally
            {
                _gate.Release();
            }
        }
    }

    /// <summary>Refuses new items and waits (up to 10 s) for the writer to finish what is queued.</summary>
    public void Dispose()
    {
        _queue.Writer.TryComplete();
        _writer?.Wait(TimeSpan.FromSeconds(10));
    }

    /// <inheritdoc cref="Dispose"/>
    public async ValueTask DisposeAsync()
    {
        _queue.Writer.TryComplete();
        if (_writer is not null) await _writer.WaitAsync(TimeSpan.FromSeconds(10)).ConfigureAwait(ConfigureAwaitOptions.SuppressThrowing);
    }
}
