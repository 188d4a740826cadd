using DaysOfClusters.Web.Data;

namespace DaysOfClusters.UnitTests.Data;

public sealed class GroupCommitQueueTests
{
    private sealed class Item(int value)
    {
        public int Value { get; } = value;
        public bool Withdrawn { get; init; }
        public TaskCompletionSource<int> Done { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
    }

    private static readonly TimeSpan Patience = TimeSpan.FromSeconds(30);

    /// <summary>Queues <paramref name="items"/> while the gate is held, so the writer finds them all at once.</summary>
    private static async Task EnqueueBehindTheGateAsync(SqliteWriteGate gate, GroupCommitQueue<Item> queue, params Item[] items)
    {
        await gate.Semaphore.WaitAsync();
        try
        {
            foreach (var item in items) queue.Enqueue(item);
            using var patience = new CancellationTokenSource(Patience);
            while (queue.Count < items.Length) await Task.Delay(5, patience.Token);
        }
        finally
        {
            gate.Semaphore.Release();
        }
    }

    [Fact]
    public async Task Enqueue_WhenItemsArriveWhileTheGateIsHeld_WritesThemAsOneBatchInQueueOrder()
    {
        using var gate = new SqliteWriteGate();
        var batches = new List<int[]>();
        await using var queue = new GroupCommitQueue<Item>(gate, maxBatch: 10, batch =>
        {
            batches.Add(batch.Select(i => i.Value).ToArray());
            foreach (var item in batch) item.Done.SetResult(item.Value);
            return Task.CompletedTask;
        }, (_, _) => Task.CompletedTask);
        var items = Enumerable.Range(1, 5).Select(i => new Item(i)).ToList();

        await EnqueueBehindTheGateAsync(gate, queue, [.. items]);
        await Task.WhenAll(items.Select(i => i.Done.Task)).WaitAsync(Patience);

        Assert.Equal([[1, 2, 3, 4, 5]], batches);
    }

    [Fact]
    public async Task Enqueue_WhenMoreThanABatchIsQueued_SplitsAtTheBatchSize()
    {
        using var gate = new SqliteWriteGate();
        var sizes = new List<int>();
        await using var queue = new GroupCommitQueue<Item>(gate, maxBatch: 3, batch =>
        {
            sizes.Add(batch.Count);
            foreach (var item in batch) item.Done.SetResult(item.Value);
            return Task.CompletedTask;
        }, (_, _) => Task.CompletedTask);
        var items = Enumerable.Range(1, 7).Select(i => new Item(i)).ToList();

        await EnqueueBehindTheGateAsync(gate, queue, [.. items]);
        await Task.WhenAll(items.Select(i => i.Done.Task)).WaitAsync(Patience);

        Assert.Equal([3, 3, 1], sizes);
    }

    /// <summary>A queue whose owner is synchronous (its own thread) or asynchronous (the pool), doing the same work.</summary>
    private static GroupCommitQueue<Item> NewQueue(SqliteWriteGate gate, bool synchronous, Action<List<Item>> write, Action<List<Item>, Exception> fail) =>
        synchronous
            ? new GroupCommitQueue<Item>(gate, maxBatch: 10, write, fail)
            : new GroupCommitQueue<Item>(gate, maxBatch: 10, batch => { write(batch); return Task.CompletedTask; }, (batch, e) => { fail(batch, e); return Task.CompletedTask; });

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public async Task Enqueue_WhenABatchThrows_HandsEveryItemToTheFailureAndWritesTheNextBatch(bool synchronous)
    {
        using var gate = new SqliteWriteGate();
        var failed = new List<int>();
        await using var queue = NewQueue(gate, synchronous, batch =>
        {
            if (batch.Any(i => i.Value < 0)) throw new InvalidOperationException("bad batch");
            foreach (var item in batch) item.Done.SetResult(item.Value);
        }, (batch, error) =>
        {
            failed.AddRange(batch.Select(i => i.Value));
            foreach (var item in batch) item.Done.SetException(error);
        });
        var bad = new[] { new Item(1), new Item(-1) };

        await EnqueueBehindTheGateAsync(gate, queue, bad);
        await Assert.ThrowsAsync<InvalidOperationException>(() => bad[0].Done.Task.WaitAsync(Patience));
        var next = new Item(2);
        queue.Enqueue(next);

        Assert.Equal(2, await next.Done.Task.WaitAsync(Patience));
        Assert.Equal([1, -1], failed);
        // The gate was given back after the failure, or the second batch could not have run.
        Assert.Equal(1, gate.Semaphore.CurrentCount);
    }

    [Fact]
    public async Task Enqueue_WhenTheCallerWithdrewTheItem_LeavesItOutOfTheBatch()
    {
        using var gate = new SqliteWriteGate();
        var written = new List<int>();
        await using var queue = new GroupCommitQueue<Item>(gate, maxBatch: 10, batch =>
        {
            written.AddRange(batch.Select(i => i.Value));
            foreach (var item in batch) item.Done.SetResult(item.Value);
            return Task.CompletedTask;
        }, (_, _) => Task.CompletedTask, take: item => !item.Withdrawn);
        var kept = new Item(1);

        await EnqueueBehindTheGateAsync(gate, queue, new Item(9) { Withdrawn = true }, kept);
        await kept.Done.Task.WaitAsync(Patience);

        Assert.Equal([1], written);
    }

    [Fact]
    public async Task Enqueue_WhenTheOwnerIsSynchronous_RunsEveryBatchOnOneThreadOfItsOwnOutsideThePool()
    {
        // A synchronous owner (the registration writer) must not hold a pool thread, nor wait behind the pool's queue.
        using var gate = new SqliteWriteGate();
        var threads = new List<(int Id, bool Pooled)>();
        await using var queue = new GroupCommitQueue<Item>(gate, maxBatch: 1, (List<Item> batch) =>
        {
            threads.Add((Environment.CurrentManagedThreadId, Thread.CurrentThread.IsThreadPoolThread));
            foreach (var item in batch) item.Done.SetResult(item.Value);
        }, (_, _) => { });
        var items = Enumerable.Range(1, 3).Select(i => new Item(i)).ToList();

        await EnqueueBehindTheGateAsync(gate, queue, [.. items]);
        await Task.WhenAll(items.Select(i => i.Done.Task)).WaitAsync(Patience);

        Assert.Equal(3, threads.Count);
        Assert.All(threads, t => Assert.False(t.Pooled));
        Assert.Single(threads.Select(t => t.Id).Distinct());
    }

    [Fact]
    public async Task Dispose_WhenASynchronousOwnerHasItemsQueued_WritesThemBeforeReturning()
    {
        using var gate = new SqliteWriteGate();
        var written = new List<int>();
        var queue = new GroupCommitQueue<Item>(gate, maxBatch: 10, (List<Item> batch) =>
        {
            Thread.Sleep(50);
            lock (written) written.AddRange(batch.Select(i => i.Value));
        }, (_, _) => { });
        await gate.Semaphore.WaitAsync();
        foreach (var value in new[] { 1, 2, 3 }) queue.Enqueue(new Item(value));
        gate.Semaphore.Release();

        queue.Dispose();

        lock (written) Assert.Equal([1, 2, 3], written);
    }

    [Fact]
    public async Task Enqueue_WhenDisposed_IsRefused()
    {
        using var gate = new SqliteWriteGate();
        var queue = new GroupCommitQueue<Item>(gate, maxBatch: 10, _ => Task.CompletedTask, (_, _) => Task.CompletedTask);
        await queue.DisposeAsync();

        Assert.Throws<ObjectDisposedException>(() => queue.Enqueue(new Item(1)));
    }
}
