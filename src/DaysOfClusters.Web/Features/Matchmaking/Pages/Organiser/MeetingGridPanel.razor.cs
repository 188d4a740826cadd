using Microsoft.AspNetCore.Components;
using Microsoft.JSInterop;

namespace DaysOfClusters.Web.Features.Matchmaking.Pages.Organiser;

/// <summary>
/// The schedule as a grid of slots (rows) and tables (columns): meetings are moved by dragging (matchmaking-grid.js) or with
/// their move button, placed from the unscheduled list, locked, unscheduled and marked as priority.
/// </summary>
public sealed partial class MeetingGridPanel
{
    /// <summary>The scheduled meeting chosen for moving (cells then offer “Move here”).</summary>
    [Parameter] public GridMeeting? Moving { get; set; }
    [Parameter] public EventCallback<GridMeeting> MoveChosen { get; set; }

    /// <summary>The unscheduled meeting chosen for placing (free cells then offer “Place here”).</summary>
    [Parameter] public UnscheduledMeeting? Placing { get; set; }

    private IReadOnlyList<MatchmakingTable> _tables = [];
    private IReadOnlyList<(DateTime Start, DateTime End)> _slots = [];
    private IReadOnlyList<GridMeeting> _grid = [];
    private ElementReference _gridRoot;
    private IJSObjectReference? _module, _dragHandle;
    private DotNetObjectReference<MeetingGridPanel>? _self;
    private bool _gridMounted;

    private bool HasGrid => _slots.Count > 0 && _tables.Count > 0;

    protected override async Task LoadAsync()
    {
        _slots = MatchmakingSetup.SlotsOf(await Setup.BlocksAsync(Edition.Id));
        _tables = await Setup.TablesAsync(Edition.Id);
        _grid = await Schedule.GridAsync(Edition.Id);
    }

    protected override async Task OnAfterRenderAsync(bool firstRender)
    {
        // The grid element appears once blocks and tables exist; mount the drag module on it then (once per element).
        if (!HasGrid && _gridMounted)
        {
            await UnmountAsync();
        }
        else if (HasGrid && !_gridMounted)
        {
            _gridMounted = true;
            _module ??= await JS.InvokeAsync<IJSObjectReference>("import", "/matchmaking/matchmaking-grid.js");
            _self ??= DotNetObjectReference.Create(this);
            _dragHandle = await _module.InvokeAsync<IJSObjectReference>("mount", _gridRoot, _self);
        }
    }

    private async Task UnmountAsync()
    {
        _gridMounted = false;
        if (_dragHandle is not null)
        {
            try { await _dragHandle.InvokeVoidAsync("dispose"); await _dragHandle.DisposeAsync(); } catch (JSDisconnectedException) { }
            _dragHandle = null;
        }
    }

    /// <summary>Called by matchmaking-grid.js when a meeting card is dropped on a cell.</summary>
    [JSInvokable]
    public async Task DropAsync(string kind, int id, int slotIndex, int tableId)
    {
        if (slotIndex < 0 || slotIndex >= _slots.Count) return;
        var slot = _slots[slotIndex].Start;
        var result = kind == "request" ? await Schedule.PlaceAsync(id, slot, tableId) : await Schedule.MoveAsync(id, slot, tableId);
        await ReportAsync(result, kind == "request" ? "Placed." : "Moved.", MatchmakingChanges.Meetings);
        StateHasChanged();
    }

    public async ValueTask DisposeAsync()
    {
        await UnmountAsync();
        if (_module is not null)
        {
            try { await _module.DisposeAsync(); } catch (JSDisconnectedException) { }
        }
        _self?.Dispose();
    }

    private async Task ToggleLockAsync(GridMeeting m) =>
        await ReportAsync(await Schedule.SetLockedAsync(m.AssignmentId, !m.Locked), m.Locked ? "Unlocked." : "Locked.", MatchmakingChanges.MeetingState);

    private async Task UnscheduleAsync(GridMeeting m) =>
        await ReportAsync(await Schedule.UnscheduleAsync(m.AssignmentId), "Unscheduled.", MatchmakingChanges.Meetings);

    private async Task PlaceHereAsync(DateTime slot, int tableId)
    {
        if (Placing is null) return;
        await ReportAsync(await Schedule.PlaceAsync(Placing.RequestId, slot, tableId), "Placed.", MatchmakingChanges.Meetings);
    }

    private async Task MoveHereAsync(DateTime slot, int tableId)
    {
        if (Moving is null) return;
        await ReportAsync(await Schedule.MoveAsync(Moving.AssignmentId, slot, tableId), "Moved.", MatchmakingChanges.Meetings);
    }
}
