using Microsoft.Extensions.Options;
using DaysOfClusters.Web.Components.Shared;
using DaysOfClusters.Web.Features.Editions;
using Microsoft.AspNetCore.Components;
using MudBlazor;

namespace DaysOfClusters.Web.Features.CheckIn.Pages;

/// <summary>
/// An edition's check-in at a glance (who is in, arrivals, points, last scans) and its check-in points; kept current by
/// <see cref="LiveRefresh"/>.
/// </summary>
public partial class CheckInDashboardPage
{
    [Inject] private CheckInAdminService Admin { get; set; } = default!;
    [Inject] private CheckInLiveSource LiveScans { get; set; } = default!;
    [Inject] private EditionService Editions { get; set; } = default!;
    [Inject] private ISnackbar Snackbar { get; set; } = default!;
    [Inject] private IOptionsMonitor<CheckInOptions> CheckInSettings { get; set; } = default!;
    [Inject] private BackplaneHealth Backplanes { get; set; } = default!;
    [Inject] private TimeProvider Clock { get; set; } = default!;

    [Parameter] public int EditionId { get; set; }

    private CheckInDashboard? _data;
    private string _editionTitle = "";
    // "Updated" in the edition's time, like the scans' times below it (the server's own clock may be UTC).
    private string _timeZoneId = "UTC";
    private DateTime _updated;
    private string _newName = "";
    private CheckInPointKind _newKind = CheckInPointKind.SessionDoor;
    private int? _newSession;
    private List<DoorSessionOption> _sessions = [];
    private RefreshGate _refresh = default!;
    private LiveRefresh? _live;
    private bool Backplane => Backplanes.Configured;

    private bool AcrossInstances => Connected && Backplanes.Reachable;
    private string LiveText => !Backplane ? "live"
        : !Backplanes.Reachable ? $"live on this instance; Redis is unreachable, so other instances' scans show with the {RefreshSeconds} s refresh"
        : Connected ? "live, all instances" : "live on this instance; connecting to the others…";
    // Read at every use, as a changed appsettings.json is.
    private int RefreshSeconds => CheckInSettings.CurrentValue.DashboardRefreshSeconds;

    /// <summary>The browser's hub connection to the other instances is up (only with Redis).</summary>
    private bool Connected => _live?.Connected == true;

    // Before the first render, so that the first load already goes through the gate the live updates use.
    protected override void OnInitialized() => _refresh = new RefreshGate(LoadAsync, Clock);

    protected override async Task OnInitializedAsync()
    {
        var edition = await Editions.FindAsync(EditionId);
        _editionTitle = edition?.Title ?? $"edition {EditionId}";
        _timeZoneId = edition?.TimeZoneId ?? "UTC";
        _sessions = await Admin.DoorSessionsAsync(EditionId);
        await RefreshAsync();
    }

    private Task RefreshAsync() => _refresh.RefreshAsync();

    private async Task LoadAsync()
    {
        _data = await Admin.DashboardAsync(EditionId);
        _updated = EditionRules.ToLocal(Clock.GetUtcNow().UtcDateTime, _timeZoneId);
        StateHasChanged();
    }

    private async Task AddPointAsync()
    {
        if (_newKind == CheckInPointKind.SessionDoor && _newSession is null)
        {
            Snackbar.Add("Choose the session this door is for.", Severity.Warning);
            return;
        }
        var point = await Admin.AddPointAsync(EditionId, new CheckInPointInput(_newName, _newKind, null, _newKind == CheckInPointKind.SessionDoor ? _newSession : null));
        if (point is null)
        {
            Snackbar.Add("A point needs a name not used yet in this edition.", Severity.Warning);
            return;
        }
        _newName = "";
        _newSession = null;
        _sessions = await Admin.DoorSessionsAsync(EditionId);
        await RefreshAsync();
    }

    private async Task AddDoorPerSessionAsync()
    {
        var added = await Admin.AddDoorPerSessionAsync(EditionId);
        Snackbar.Add(added == 0 ? "Every session already has a door." : $"{added} session door(s) added.", Severity.Success);
        _sessions = await Admin.DoorSessionsAsync(EditionId);
        await RefreshAsync();
    }

    private async Task AddEntrancesAsync()
    {
        var added = await Admin.AddEntrancePerDayAsync(EditionId);
        Snackbar.Add(added == 0 ? "Every day already has an entrance." : $"{added} entrance(s) added.", Severity.Success);
        await RefreshAsync();
    }

    private async Task ArchiveAsync(int pointId)
    {
        await Admin.ArchivePointAsync(EditionId, pointId);
        await RefreshAsync();
    }

    private static double Percent(int part, int whole) => whole == 0 ? 0 : part * 100.0 / whole;

    private static Color OutcomeColor(ScanOutcome outcome) => outcome switch
    {
        ScanOutcome.Accepted => Color.Success,
        ScanOutcome.Refused => Color.Error,
        _ => Color.Warning,
    };
}
