using DaysOfClusters.Web.Features.Registration;

namespace DaysOfClusters.UnitTests.Registration;

/// <summary>The registration form's group read: callers share a read only if it started after they arrived.</summary>
public sealed class RegistrationSharedReadsTests
{
    /// <summary>Reads that each wait for the test to finish them, numbered in the order they start.</summary>
    private sealed class HeldReads
    {
        private readonly List<TaskCompletionSource> _gates = [];
        private int _started;

        public int Started => Volatile.Read(ref _started);

        public async Task<int> ReadAsync(int key)
        {
            TaskCompletionSource gate;
            int number;
            lock (_gates)
            {
                number = ++_started;
                gate = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
                _gates.Add(gate);
            }
            await gate.Task;
            return number;
        }

        public async Task FinishAsync(int number)
        {
            // The read starts on the thread pool: wait for it to exist rather than for a fixed time.
            while (true)
            {
                lock (_gates)
                {
                    if (_gates.Count >= number)
                    {
                        _gates[number - 1].SetResult();
                        return;
                    }
                }
                await Task.Yield();
            }
        }
    }

    [Fact]
    public async Task ReadAsync_WhenCallersArriveDuringARead_TheyShareTheNextReadNotTheRunningOne()
    {
        var reads = new HeldReads();
        var shared = new SharedReads<int, int>();

        var first = shared.ReadAsync(1, reads.ReadAsync);
        var second = shared.ReadAsync(1, reads.ReadAsync);
        var third = shared.ReadAsync(1, reads.ReadAsync);
        await reads.FinishAsync(1);
        Assert.Equal(1, await first);
        await reads.FinishAsync(2);

        Assert.Equal(2, await second);
        Assert.Equal(2, await third);
        Assert.Equal(2, reads.Started);
    }

    [Fact]
    public async Task ReadAsync_WhenNoReadRuns_StartsAFreshOne()
    {
        var reads = new HeldReads();
        var shared = new SharedReads<int, int>();
        var first = shared.ReadAsync(1, reads.ReadAsync);
        await reads.FinishAsync(1);
        Assert.Equal(1, await first);

        var later = shared.ReadAsync(1, reads.ReadAsync);
        await reads.FinishAsync(2);

        Assert.Equal(2, await later);
    }

    [Fact]
    public async Task ReadAsync_WhenTheReadsEnd_ForgetsTheKey()
    {
        var shared = new SharedReads<int, int>();
        Assert.Equal(5, await shared.ReadAsync(5, key => Task.FromResult(key)));

        // The key goes right after the read's result is handed out; wait for it by yielding, not by a clock.
        for (var i = 0; i < 100_000 && shared.KeysHeld > 0; i++) await Task.Yield();

        Assert.Equal(0, shared.KeysHeld);
    }

    [Fact]
    public async Task ReadAsync_WhenKeysDiffer_ReadsEach()
    {
        var reads = new HeldReads();
        var shared = new SharedReads<int, int>();
        var one = shared.ReadAsync(1, reads.ReadAsync);
        var two = shared.ReadAsync(2, reads.ReadAsync);
        await reads.FinishAsync(1);
        await reads.FinishAsync(2);

        Assert.Equal(3, await one + await two);
        Assert.Equal(2, reads.Started);
    }

    [Fact]
    public async Task ReadAsync_WhenTheReadFails_EveryJoinedCallerSeesTheFailureAndTheNextCallerReadsAgain()
    {
        var calls = 0;
        var shared = new SharedReads<int, int>();
        Task<int> Failing(int key) => Interlocked.Increment(ref calls) == 1 ? Task.FromException<int>(new InvalidOperationException("down")) : Task.FromResult(7);

        await Assert.ThrowsAsync<InvalidOperationException>(() => shared.ReadAsync(1, Failing));

        Assert.Equal(7, await shared.ReadAsync(1, Failing));
    }

    [Fact]
    public async Task ReadAsync_WhenACallerCancels_OthersStillGetTheRead()
    {
        var reads = new HeldReads();
        var shared = new SharedReads<int, int>();
        var running = shared.ReadAsync(1, reads.ReadAsync);
        using var cancel = new CancellationTokenSource();
        var leaving = shared.ReadAsync(1, reads.ReadAsync, cancel.Token);
        var staying = shared.ReadAsync(1, reads.ReadAsync);

        await cancel.CancelAsync();
        await Assert.ThrowsAnyAsync<OperationCanceledException>(() => leaving);
        await reads.FinishAsync(1);
        await reads.FinishAsync(2);

        Assert.Equal(1, await running);
        Assert.Equal(2, await staying);
    }
}
