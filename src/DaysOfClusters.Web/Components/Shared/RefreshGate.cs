namespace DaysOfClusters.Web.Components.Shared;

/// <summary>
/// One refresh of a page's live data at a time, and hints that the data changed turned into refreshes no closer together
/// than <see cref="Throttle"/>, however fast they come (<see cref="LiveRefresh"/> drives it; the page's own actions call
/// <see cref="RefreshAsync"/> too). A refresh asked for while one runs is dropped; a hint while a hinted refresh waits joins it.
/// </summary>
/// <param name="refresh">Loads the data and renders it.</param>
public sealed class RefreshGate(Func<Task> refresh, TimeProvider? clock = null)
{
    private readonly TimeProvider _clock = clock ?? TimeProvider.System;
    private int _running;
    private int _pending;
    private int _closed;
    private long _lastRefreshTicks; // UTC ticks of the last refresh's end; 0: none yet

    public TimeSpan Throttle { get; init; } = TimeSpan.FromSeconds(1);

    /// <summary>Refreshes now, unless a refresh is running already (or the page is gone).</summary>
    public async Task RefreshAsync()
    {
        if (Volatile.Read(ref _closed) == 1 || Interlocked.Exchange(ref _running, 1) == 1) return;
        try
        {
            await refresh();
            Interlocked.Exchange(ref _lastRefreshTicks, _clock.GetUtcNow().UtcTicks);
        }
        catch (ObjectDisposedException)
        {
            // The circuit ended while loading: nothing is left to show the data on.
        }
        finally
        {
            Volatile.Write(ref _running, 0);
        }
    }

    /// <summary>
    /// The data changed: refresh at once, or as soon as <see cref="Throttle"/> has passed since the last refresh, unless a
    /// hinted refresh is waiting already. Callable from any thread.
    /// </summary>
    /// <param name="dispatch">Runs the refresh where the page renders (the component's <c>InvokeAsync</c>).</param>
    public void Hint(Func<Func<Task>, Task> dispatch)
    {
        ArgumentNullException.ThrowIfNull(dispatch);
        if (Interlocked.Exchange(ref _pending, 1) == 1) return;
        var wait = DelayBeforeRefresh(_clock.GetUtcNow(), new DateTimeOffset(Interlocked.Read(ref _lastRefreshTicks), TimeSpan.Zero), Throttle);
        _ = Task.Delay(wait, _clock).ContinueWith(_ =>
        {
            Interlocked.Exchange(ref _pending, 0);
            return dispatch(RefreshAsync);
        }, TaskScheduler.Default);
    }

    /// <summary>Ends the gate with its page: later refreshes and hints (a timer tick or a late hint) do nothing.</summary>
    public void Close() => Volatile.Write(ref _closed, 1);

    /// <summary>How long a hint at <paramref name="now"/> waits so that refreshes keep <paramref name="throttle"/> apart.</summary>
    public static TimeSpan DelayBeforeRefresh(DateTimeOffset now, DateTimeOffset lastRefresh, TimeSpan throttle)
    {
        var wait = throttle - (now - lastRefresh);
        return wait > TimeSpan.Zero ? wait : TimeSpan.Zero;
    }
}
