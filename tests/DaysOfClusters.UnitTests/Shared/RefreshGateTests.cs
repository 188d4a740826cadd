using System.Diagnostics;
using DaysOfClusters.Web.Components.Shared;

namespace DaysOfClusters.UnitTests.Shared;

public sealed class RefreshGateTests
{
    private static readonly DateTimeOffset Now = new(2027, 9, 22, 10, 0, 0, TimeSpan.Zero);
    private static readonly TimeSpan Second = TimeSpan.FromSeconds(1);

    /// <summary>Runs a dispatched refresh at once and tells the test it came.</summary>
    private static Func<Func<Task>, Task> Dispatcher(Action arrived) => refresh =>
    {
        arrived();
        return refresh();
    };

    [Fact]
    public async Task RefreshAsync_WhenOneIsRunning_DropsTheSecond()
    {
        var release = new TaskCompletionSource();
        var calls = 0;
        var gate = new RefreshGate(async () => { calls++; await release.Task; });

        var first = gate.RefreshAsync();
        await gate.RefreshAsync();
        release.SetResult();
        await first;
        await gate.RefreshAsync();

        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task RefreshAsync_WhenClosed_DoesNothing()
    {
        var calls = 0;
        var gate = new RefreshGate(() => { calls++; return Task.CompletedTask; });

        gate.Close();
        await gate.RefreshAsync();

        Assert.Equal(0, calls);
    }

    [Fact]
    public async Task RefreshAsync_WhenTheCircuitIsGone_SwallowsObjectDisposedAndFreesTheGate()
    {
        var calls = 0;
        var gate = new RefreshGate(() => { calls++; throw new ObjectDisposedException("circuit"); });

        await gate.RefreshAsync();
        await gate.RefreshAsync();

        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task RefreshAsync_WhenTheRefreshFails_PassesTheErrorOnAndFreesTheGate()
    {
        var calls = 0;
        var gate = new RefreshGate(() => { calls++; throw new InvalidOperationException("broken"); });

        await Assert.ThrowsAsync<InvalidOperationException>(gate.RefreshAsync);
        await Assert.ThrowsAsync<InvalidOperationException>(gate.RefreshAsync);

        Assert.Equal(2, calls);
    }

    [Fact]
    public async Task Hint_WhenNothingRefreshedYet_RefreshesAtOnce()
    {
        var refreshed = new TaskCompletionSource();
        var gate = new RefreshGate(() => { refreshed.TrySetResult(); return Task.CompletedTask; });

        gate.Hint(Dispatcher(() => { }));

        await refreshed.Task.WaitAsync(TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task Hint_WhenRefreshedJustNow_WaitsForTheThrottle()
    {
        var throttle = TimeSpan.FromMilliseconds(400);
        var hinted = new TaskCompletionSource<TimeSpan>();
        var clock = Stopwatch.StartNew();
        var gate = new RefreshGate(() => Task.CompletedTask) { Throttle = throttle };
        await gate.RefreshAsync();
        var refreshedAt = clock.Elapsed;

        gate.Hint(Dispatcher(() => hinted.TrySetResult(clock.Elapsed)));

        var arrivedAt = await hinted.Task.WaitAsync(TimeSpan.FromSeconds(10));
        // A lower bound only: a loaded machine may run the refresh later, never sooner.
        Assert.True(arrivedAt - refreshedAt >= throttle / 2, $"The hinted refresh came {(arrivedAt - refreshedAt).TotalMilliseconds} ms after the last one.");
    }

    [Fact]
    public async Task Hint_WhenAHintedRefreshIsWaiting_JoinsIt()
    {
        var dispatched = 0;
        var refreshes = 0;
        var gate = new RefreshGate(() => { refreshes++; return Task.CompletedTask; }) { Throttle = TimeSpan.FromMilliseconds(300) };
        await gate.RefreshAsync();
        var done = new TaskCompletionSource();

        gate.Hint(refresh => { Interlocked.Increment(ref dispatched); return refresh().ContinueWith(_ => done.TrySetResult(), TaskScheduler.Default); });
        gate.Hint(refresh => { Interlocked.Increment(ref dispatched); return refresh(); });
        gate.Hint(refresh => { Interlocked.Increment(ref dispatched); return refresh(); });
        await done.Task.WaitAsync(TimeSpan.FromSeconds(10));

        Assert.Equal(1, dispatched);
        Assert.Equal(2, refreshes);
    }

    [Fact]
    public void DelayBeforeRefresh_WhenNeverRefreshed_IsZero()
    {
        Assert.Equal(TimeSpan.Zero, RefreshGate.DelayBeforeRefresh(Now, DateTimeOffset.MinValue, Second));
    }

    [Fact]
    public void DelayBeforeRefresh_WhenRefreshedRecently_WaitsTheRestOfTheThrottle()
    {
        Assert.Equal(TimeSpan.FromMilliseconds(700), RefreshGate.DelayBeforeRefresh(Now, Now.AddMilliseconds(-300), Second));
    }

    [Fact]
    public void DelayBeforeRefresh_WhenTheThrottleHasPassed_IsZero()
    {
        Assert.Equal(TimeSpan.Zero, RefreshGate.DelayBeforeRefresh(Now, Now.AddSeconds(-1), Second));
        Assert.Equal(TimeSpan.Zero, RefreshGate.DelayBeforeRefresh(Now, Now.AddSeconds(-5), Second));
    }
}
