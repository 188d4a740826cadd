using DaysOfClusters.Web.Features.Editions;
using Microsoft.AspNetCore.Components;
using Microsoft.AspNetCore.Components.Authorization;
using Microsoft.AspNetCore.Components.Web;
using MudBlazor;

namespace DaysOfClusters.Web.Features.Agenda.Pages;

/// <summary>
/// The organisers' timetable: a grid per day (rooms across, time down, <see cref="TimetableLayout"/>), where a session is
/// created by clicking a slot, moved or resized by dragging (or the buttons of the selected session), and the conflicts
/// are listed to resolve or accept before publishing.
/// </summary>
public partial class TimetableEditor
{
    private const int SlotMinutes = TimetableLayout.SlotMinutes;

    [Inject] private AgendaService Agenda { get; set; } = default!;
    [Inject] private IDialogService Dialogs { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private AuthenticationStateProvider Auth { get; set; } = default!;

    [Parameter] public int EditionId { get; set; }
    private AgendaEditorState? _state;
    private List<AgendaPublication> _publications = [];
    private IReadOnlyList<AgendaChange> _pending = [];
    private List<DateOnly> _days = [];
    private int _dayIndex;
    private bool _missing;
    private bool _busy;
    private Session? _selected;
    private int? _dragId;
    private int? _resizeId;
    private double? _grabPageY;

    private string Zone => _state!.Edition.TimeZoneId;
    private DateTime Local(DateTime utc) => EditionRules.ToLocal(utc, Zone);
    private DateOnly DayOf(Session s) => DateOnly.FromDateTime(Local(s.StartUtc));
    private int CountOn(DateOnly day) => _state!.Sessions.Count(s => DayOf(s) == day);

    /// <summary>Columns: the rooms, then one for sessions without a room.</summary>
    private IEnumerable<(int? Id, string Name)> Columns =>
        _state!.Rooms.Select(r => ((int?)r.Id, $"{r.Name} ({r.Capacity})")).Append((null, "No room"));

    protected override async Task OnParametersSetAsync()
    {
        await ReloadAsync();
        if (_state is not null) _dayIndex = 0;
    }

    private async Task ReloadAsync()
    {
        _state = await Agenda.EditorStateAsync(EditionId);
        _missing = _state is null;
        if (_state is null) return;
        _days = AgendaRules.Days(_state.Edition.StartDate, _state.Edition.EndDate).ToList();
        _publications = await Agenda.PublicationsAsync(EditionId);
        var previous = _state.LastPublication is null ? [] : AgendaService.ReadSnapshot(_state.LastPublication.SnapshotJson);
        _pending = AgendaRules.Diff(previous, AgendaRules.Snapshot(_state.Sessions, previous.Select(p => p.Id).ToHashSet()), Zone);
        if (_selected is not null) _selected = _state.Sessions.FirstOrDefault(s => s.Id == _selected.Id);
    }

    private void Select(int sessionId)
    {
        _selected = _state!.Sessions.FirstOrDefault(s => s.Id == sessionId);
        if (_selected is not null && _days.IndexOf(DayOf(_selected)) is var i and >= 0) _dayIndex = i;
    }

    /// <summary>
    /// The session follows the pointer: it moves (or its end moves, when resizing) by as many slots as the pointer travelled
    /// since it was grabbed, so a card grabbed in its middle keeps that grip instead of jumping its start to the pointer.
    /// The room is the column it is dropped in. Without a grab position (no mousedown seen) the drop slot is the new start.
    /// </summary>
    private async Task DropAsync(DragEventArgs e, DateTime slotStart, int? roomId)
    {
        var session = _state!.Sessions.FirstOrDefault(s => s.Id == (_dragId ?? _resizeId));
        var resizing = _resizeId is not null;
        var steps = TimetableLayout.Steps(_grabPageY, e.PageY);
        _dragId = null;
        _resizeId = null;
        _grabPageY = null;
        if (session is null) return;
        var start = Local(session.StartUtc);
        var length = (int)(session.EndUtc - session.StartUtc).TotalMinutes;
        if (resizing)
        {
            await Agenda.MoveSessionAsync(session.Id, start, session.RoomId, TimetableLayout.ResizedMinutes(start, length, steps, slotStart));
        }
        else
        {
            var newStart = TimetableLayout.MovedStart(start, steps, slotStart);
            if (newStart == start && roomId == session.RoomId) return;
            await Agenda.MoveSessionAsync(session.Id, newStart, roomId);
        }
        _selected = session;
        await ReloadAsync();
    }

    private async Task NudgeAsync(int minutes, int roomStep, int lengthStep)
    {
        if (_selected is null) return;
        var rooms = _state!.Rooms.Select(r => (int?)r.Id).Append(null).ToList();
        var index = rooms.IndexOf(_selected.RoomId);
        var room = rooms[Math.Clamp(index + roomStep, 0, rooms.Count - 1)];
        var length = (int)(_selected.EndUtc - _selected.StartUtc).TotalMinutes + lengthStep;
        if (length < SlotMinutes) return;
        await Agenda.MoveSessionAsync(_selected.Id, Local(_selected.StartUtc).AddMinutes(minutes), room, length);
        await ReloadAsync();
    }

    private async Task KeyAsync(KeyboardEventArgs e, Session session)
    {
        _selected = session;
        if (e.Key is "Enter" or " ") await EditAsync(session);
    }

    private async Task CreateAsync(DateTime? localStart, int? roomId)
    {
        var start = localStart ?? (_days.Count > 0 ? _days[Math.Clamp(_dayIndex, 0, _days.Count - 1)].ToDateTime(new TimeOnly(9, 0)) : DateTime.Today.AddHours(9));
        await OpenDialogAsync(new SessionInput { LocalStart = start, RoomId = roomId, DurationMinutes = 60 }, "New session");
    }

    private Task EditAsync(Session s) => OpenDialogAsync(AgendaService.ToInput(s, Zone), "Edit session");

    private async Task OpenDialogAsync(SessionInput input, string title)
    {
        var parameters = new DialogParameters<SessionDialog>
        {
            { x => x.Input, input }, { x => x.Days, _days }, { x => x.Rooms, _state!.Rooms }, { x => x.Tracks, _state.Tracks }, { x => x.Speakers, _state.Speakers },
        };
        var dialog = await Dialogs.ShowAsync<SessionDialog>(title, parameters, new DialogOptions { MaxWidth = MaxWidth.Medium, FullWidth = true, CloseButton = true });
        var result = await dialog.Result;
        if (result is null || result.Canceled || result.Data is not SessionDialog.Outcome outcome) return;
        if (outcome.Delete && outcome.Input.Id is { } id)
        {
            await Agenda.DeleteSessionAsync(id);
            _selected = null;
            Snackbar.Add("Session removed (cancelled if it was already published).", Severity.Info);
        }
        else
        {
            var (savedId, errors) = await Agenda.SaveSessionAsync(EditionId, outcome.Input);
            if (savedId is null) { Snackbar.Add(string.Join(" ", errors.Values), Severity.Error); return; }
            await ReloadAsync();
            Select(savedId.Value);
            return;
        }
        await ReloadAsync();
    }

    private async Task AcceptAsync(string key)
    {
        var user = (await Auth.GetAuthenticationStateAsync()).User.Identity?.Name;
        await Agenda.AcceptConflictAsync(EditionId, key, user);
        await ReloadAsync();
    }

    private async Task RevokeAsync(string key)
    {
        await Agenda.RevokeAcceptanceAsync(EditionId, key);
        await ReloadAsync();
    }

    private async Task PublishAsync()
    {
        _busy = true;
        try
        {
            var user = (await Auth.GetAuthenticationStateAsync()).User.Identity?.Name;
            var result = await Agenda.PublishAsync(EditionId, user);
            if (result.Succeeded)
                Snackbar.Add($"Published version {result.Publication!.Version}: {result.Changes.Count} change(s), {result.Notified} attendee(s) notified.", Severity.Success);
            else
                Snackbar.Add(result.Error ?? "Not published.", Severity.Error);
            await ReloadAsync();
        }
        finally { _busy = false; }
    }
}
