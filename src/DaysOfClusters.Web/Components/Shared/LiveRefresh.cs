using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace DaysOfClusters.Web.Components.Shared;

/// <summary>
/// Keeps a page's data current: a refresh for every hint from <see cref="Source"/> about <see cref="Scope"/> (throttled by
/// <see cref="Gate"/>) and one every <see cref="Every"/> as a safety net for lost hints. With a relay the browser listens
/// to the other instances too and hands their hints to this circuit. Renders nothing; starts after the first interactive
/// render (not while prerendering) and stops when the page goes.
/// </summary>
public sealed class LiveRefresh : ComponentBase, IAsyncDisposable
{
    private Timer? _timer;
    private IJSObjectReference? _module;
    private IJSObjectReference? _watch;
    private DotNetObjectReference<LiveRefresh>? _self;

    [Inject] private IJSRuntime JS { get; set; } = default!;

    /// <summary>The page's refresh, shared with its own actions so that refreshes never overlap. Closed when this goes.</summary>
    [Parameter, EditorRequired] public RefreshGate Gate { get; set; } = default!;

    [Parameter, EditorRequired] public ILiveSource Source { get; set; } = default!;

    /// <summary>The scope whose hints count (an edition id).</summary>
    [Parameter] public int Scope { get; set; }

    /// <summary>The safety-net refresh interval, read once at the start.</summary>
    [Parameter, EditorRequired] public TimeSpan Every { get; set; }

    /// <summary>Renders the page again when only <see cref="Connected"/> or the relay's reachability changed.</summary>
    [Parameter, EditorRequired] public Action StateChanged { get; set; } = default!;

    /// <summary>Whether the browser's connection to the relay is up (false until it says so).</summary>
    public bool Connected { get; private set; }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        if (!firstRender) return;
        // Hints from this process arrive directly, also while the relay is down.
        Source.Changed += OnChanged;
        var every = Every;
        _timer = new Timer(_ => _ = InvokeAsync(Gate.RefreshAsync), null, every, every);
        if (Source.RelayModule is not { } module) return;
        Source.RelayReachableChanged += OnRelayReachableChanged;
        try
        {
            _self = DotNetObjectReference.Create(this);
            _module = await JS.InvokeAsync<IJSObjectReference>("import", module);
            _watch = await _module.InvokeAsync<IJSObjectReference>("watch", _self, Source.RelayHub, Scope);
        }
        catch (JSDisconnectedException) { }
        catch (TaskCanceledException) { }
    }

    /// <summary>A hint relayed from some instance; this process's own ones came in-process already.</summary>
    [JSInvokable]
    public void OnRemoteScan(int scope, string origin)
    {
        if (origin != Source.InstanceId) OnChanged(scope);
    }

    [JSInvokable]
    public async Task OnLiveState(bool connected, bool reconnected = false)
    {
        Connected = connected;
        // Hints sent while the connection was down are lost: catch up once.
        if (reconnected) await Gate.RefreshAsync();
        else await InvokeAsync(StateChanged);
    }

    // The relay came back: hints sent while it was away are lost, so catch up once; either way the page's state changed.
    private void OnRelayReachableChanged() => _ = InvokeAsync(async () =>
    {
        if (Source.RelayReachable) await Gate.RefreshAsync();
        else StateChanged();
    });

    private void OnChanged(int scope)
    {
        if (scope == Scope) Gate.Hint(InvokeAsync);
    }

    public async ValueTask DisposeAsync()
    {
        Source.Changed -= OnChanged;
        Source.RelayReachableChanged -= OnRelayReachableChanged;
        if (_timer is not null) await _timer.DisposeAsync();
        try
        {
            if (_watch is not null) await _watch.InvokeVoidAsync("stop");
            if (_watch is not null) await _watch.DisposeAsync();
            if (_module is not null) await _module.DisposeAsync();
        }
        catch (JSDisconnectedException) { }
        catch (TaskCanceledException) { }
        _self?.Dispose();
        Gate.Close();
    }
}
