using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Matchmaking.Pages.Organiser;
using Microsoft.AspNetCore.Components;

namespace DaysOfClusters.Web.Features.Matchmaking.Pages;

/// <summary>
/// The organiser's matchmaking page: it composes the panels, holds what crosses them (the meeting being moved or placed,
/// the last refusal) and, when a panel reports a change, reloads the panels that show it.
/// </summary>
public sealed partial class OrganiserMatchmaking
{
    [Parameter] public int Id { get; set; }

    private Edition? _edition;
    private BlocksPanel? _blocks;
    private TablesPanel? _tables;
    private UnscheduledMeetingsPanel? _unscheduled;
    private MeetingGridPanel? _grid;
    private RequestsPanel? _requests;
    private StatisticsPanel? _statistics;
    private GridMeeting? _moving;
    private UnscheduledMeeting? _placing;
    private string? _refusal;

    protected override async Task OnInitializedAsync() => _edition = await Editions.FindAsync(Id);

    private void ShowRefusal(string? refusal) => _refusal = refusal;

    private void ChooseMoving(GridMeeting meeting) => (_moving, _placing) = (meeting, null);

    private void ChoosePlacing(UnscheduledMeeting meeting) => (_placing, _moving) = (meeting, null);

    private async Task OnChangedAsync(MatchmakingChanges changes)
    {
        // Any change ends a move or a placement that was chosen but not done.
        (_moving, _placing) = (null, null);
        var panels = OrganiserRefresh.PanelsShowing(changes);
        foreach (var (kind, panel) in new (OrganiserPanels, OrganiserPanel?)[]
                 {
                     (OrganiserPanels.Blocks, _blocks), (OrganiserPanels.Tables, _tables), (OrganiserPanels.Unscheduled, _unscheduled),
                     (OrganiserPanels.Grid, _grid), (OrganiserPanels.Requests, _requests), (OrganiserPanels.Statistics, _statistics),
                 })
        {
            if (panel is not null && panels.HasFlag(kind)) await panel.ReloadAsync();
        }
    }
}
