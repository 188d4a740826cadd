using Bunit;
using DaysOfClusters.Web.Components.Shared;

namespace DaysOfClusters.ComponentTests.Shared;

public sealed class LiveRefreshTests : BunitContext
{
    private const int Edition = 7;
    private static readonly TimeSpan Wait = TimeSpan.FromSeconds(10);
    private static readonly TimeSpan Never = TimeSpan.FromHours(1);

    public LiveRefreshTests() => JSInterop.Mode = JSRuntimeMode.Loose;

    private sealed class FakeSource(string? relayModule = null) : ILiveSource
    {
        private Action<int>? _changed;
        private Action? _reachableChanged;

        public event Action<int>? Changed { add => _changed += value; remove => _changed -= value; }
        public event Action? RelayReachableChanged { add => _reachableChanged += value; remove => _reachableChanged -= value; }

        public string InstanceId => "here";
        public string? RelayModule => relayModule;
        public string RelayHub => "hub/live";
        public bool RelayReachable { get; set; } = true;
        public bool Listening => _changed is not null || _reachableChanged is not null;

        public void Raise(int scope) => _changed?.Invoke(scope);

        public void SetReachable(bool reachable)
        {
            RelayReachable = reachable;
            _reachableChanged?.Invoke();
        }
    }

    /// <summary>Counts the refreshes and lets a test wait for the next ones.</summary>
    private sealed class Refreshes
    {
        private int _count;

        public int Count => Volatile.Read(ref _count);

        public Task RefreshAsync()
        {
            Interlocked.Increment(ref _count);
            return Task.CompletedTask;
        }

        public async Task AtLeastAsync(int count)
        {
            var deadline = DateTime.UtcNow + Wait;
            while (Count < count && DateTime.UtcNow < deadline) await Task.Delay(10);
            Assert.True(Count >= count, $"{Count} refresh(es), expected {count}.");
        }
    }

    private IRenderedComponent<LiveRefresh> RenderLive(FakeSource source, RefreshGate gate, TimeSpan every, Action? stateChanged = null) =>
        Render<LiveRefresh>(p => p
            .Add(x => x.Gate, gate)
            .Add(x => x.Source, source)
            .Add(x => x.Scope, Edition)
            .Add(x => x.Every, every)
            .Add(x => x.StateChanged, stateChanged ?? (() => { })));

    [Fact]
    public async Task Changed_WhenTheScopeChanges_Refreshes()
    {
        var refreshes = new Refreshes();
        var source = new FakeSource();
        RenderLive(source, new RefreshGate(refreshes.RefreshAsync), Never);

        source.Raise(Edition);

        await refreshes.AtLeastAsync(1);
    }

    [Fact]
    public async Task Changed_WhenAnotherScopeChanges_DoesNotRefresh()
    {
        var refreshes = new Refreshes();
        var source = new FakeSource();
        RenderLive(source, new RefreshGate(refreshes.RefreshAsync), Never);

        source.Raise(Edition + 1);
        await Task.Delay(200);

        Assert.Equal(0, refreshes.Count);
    }

    [Fact]
    public async Task Every_WhenNoHintsCome_RefreshesOnTheTimer()
    {
        var refreshes = new Refreshes();
        RenderLive(new FakeSource(), new RefreshGate(refreshes.RefreshAsync), TimeSpan.FromMilliseconds(50));

        await refreshes.AtLeastAsync(2);
    }

    [Fact]
    public void Render_WhenSingleInstance_OpensNoRelay()
    {
        RenderLive(new FakeSource(), new RefreshGate(() => Task.CompletedTask), Never);

        Assert.Empty(JSInterop.Invocations);
    }

    [Fact]
    public void Render_WhenRelayed_WatchesTheScopeThroughTheRelayModule()
    {
        var module = JSInterop.SetupModule("./js/live.js");
        module.SetupModule("watch", _ => true);

        var cut = RenderLive(new FakeSource("./js/live.js"), new RefreshGate(() => Task.CompletedTask), Never);

        var watch = Assert.Single(module.Invocations, i => i.Identifier == "watch");
        Assert.Equal("hub/live", watch.Arguments[1]);
        Assert.Equal(Edition, watch.Arguments[2]);
        Assert.False(cut.Instance.Connected);
    }

    [Fact]
    public async Task OnRemoteScan_WhenFromAnotherInstance_Refreshes()
    {
        var refreshes = new Refreshes();
        var cut = RenderLive(new FakeSource(), new RefreshGate(refreshes.RefreshAsync), Never);

        await cut.InvokeAsync(() => cut.Instance.OnRemoteScan(Edition, "there"));

        await refreshes.AtLeastAsync(1);
    }

    [Fact]
    public async Task OnRemoteScan_WhenRelayedFromThisInstance_DoesNotRefreshAgain()
    {
        var refreshes = new Refreshes();
        var cut = RenderLive(new FakeSource(), new RefreshGate(refreshes.RefreshAsync), Never);

        await cut.InvokeAsync(() => cut.Instance.OnRemoteScan(Edition, "here"));
        await Task.Delay(200);

        Assert.Equal(0, refreshes.Count);
    }

    [Fact]
    public async Task OnLiveState_WhenConnected_RendersThePageWithoutRefreshing()
    {
        var refreshes = new Refreshes();
        var rendered = 0;
        var cut = RenderLive(new FakeSource(), new RefreshGate(refreshes.RefreshAsync), Never, () => rendered++);

        await cut.InvokeAsync(() => cut.Instance.OnLiveState(true));

        Assert.True(cut.Instance.Connected);
        Assert.Equal(1, rendered);
        Assert.Equal(0, refreshes.Count);
    }

    [Fact]
    public async Task OnLiveState_WhenReconnected_CatchesUpOnce()
    {
        var refreshes = new Refreshes();
        var rendered = 0;
        var cut = RenderLive(new FakeSource(), new RefreshGate(refreshes.RefreshAsync), Never, () => rendered++);

        await cut.InvokeAsync(() => cut.Instance.OnLiveState(true, reconnected: true));

        Assert.True(cut.Instance.Connected);
        Assert.Equal(1, refreshes.Count);
        Assert.Equal(0, rendered);
    }

    [Fact]
    public async Task RelayReachableChanged_WhenTheRelayComesBack_CatchesUp()
    {
        JSInterop.SetupModule("./js/live.js").SetupModule("watch", _ => true);
        var refreshes = new Refreshes();
        var source = new FakeSource("./js/live.js") { RelayReachable = false };
        RenderLive(source, new RefreshGate(refreshes.RefreshAsync), Never);

        source.SetReachable(true);

        await refreshes.AtLeastAsync(1);
    }

    [Fact]
    public async Task RelayReachableChanged_WhenTheRelayGoes_RendersThePage()
    {
        JSInterop.SetupModule("./js/live.js").SetupModule("watch", _ => true);
        var rendered = new TaskCompletionSource();
        var refreshes = new Refreshes();
        var source = new FakeSource("./js/live.js");
        RenderLive(source, new RefreshGate(refreshes.RefreshAsync), Never, () => rendered.TrySetResult());

        source.SetReachable(false);

        await rendered.Task.WaitAsync(Wait);
        Assert.Equal(0, refreshes.Count);
    }

    [Fact]
    public async Task DisposeAsync_WhenThePageGoes_StopsListeningAndClosesTheGate()
    {
        var module = JSInterop.SetupModule("./js/live.js");
        module.SetupModule("watch", _ => true);
        var refreshes = new Refreshes();
        var source = new FakeSource("./js/live.js");
        var gate = new RefreshGate(refreshes.RefreshAsync);
        var cut = RenderLive(source, gate, TimeSpan.FromMilliseconds(20));

        await cut.InvokeAsync(() => cut.Instance.DisposeAsync().AsTask());
        var after = refreshes.Count;
        await gate.RefreshAsync();
        await Task.Delay(200);

        Assert.False(source.Listening);
        Assert.Equal(after, refreshes.Count);
    }
}
