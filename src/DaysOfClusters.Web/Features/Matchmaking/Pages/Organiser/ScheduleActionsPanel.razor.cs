using MudBlazor;

namespace DaysOfClusters.Web.Features.Matchmaking.Pages.Organiser;

/// <summary>The actions on the whole schedule: Schedule all (and how it went), Publish, and expiring overdue requests.</summary>
public sealed partial class ScheduleActionsPanel
{
    private double _seconds = 5;
    private bool _busy;
    private ScheduleOutcome? _outcome;

    private async Task ScheduleAllAsync()
    {
        _busy = true;
        await RefusalChanged.InvokeAsync(null);
        try
        {
            _outcome = await Schedule.ScheduleAllAsync(Edition.Id, _seconds);
            await ChangedAsync(MatchmakingChanges.Meetings);
        }
        finally { _busy = false; }
    }

    private async Task PublishAsync()
    {
        await RefusalChanged.InvokeAsync(null);
        Snackbar.Add($"Published {await Schedule.PublishAsync(Edition.Id)} meetings.", Severity.Success);
        await ChangedAsync(MatchmakingChanges.MeetingState);
    }

    private async Task ExpireAsync()
    {
        Snackbar.Add($"{await Requests.ExpirePendingAsync()} requests expired.", Severity.Info);
        await ChangedAsync(MatchmakingChanges.Requests);
    }
}
