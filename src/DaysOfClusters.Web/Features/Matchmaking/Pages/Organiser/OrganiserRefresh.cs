namespace DaysOfClusters.Web.Features.Matchmaking.Pages.Organiser;

/// <summary>What an organiser's action changed.</summary>
[Flags]
public enum MatchmakingChanges
{
    None = 0,
    /// <summary>Blocks added or removed, hence the slots.</summary>
    Blocks = 1,
    /// <summary>Tables added, renamed, reserved or removed.</summary>
    Tables = 2,
    /// <summary>Meetings placed, moved or unscheduled.</summary>
    Meetings = 4,
    /// <summary>Scheduled meetings locked, unlocked or published.</summary>
    MeetingState = 8,
    /// <summary>Requests' status (expired) or priority.</summary>
    Requests = 16,
}

/// <summary>The panels of the organiser's matchmaking page that load data.</summary>
[Flags]
public enum OrganiserPanels
{
    None = 0,
    Blocks = 1,
    Tables = 2,
    Unscheduled = 4,
    Grid = 8,
    Requests = 16,
    Statistics = 32,
}

/// <summary>Which panels show what changed, so the page reloads those and leaves the others as they are.</summary>
public static class OrganiserRefresh
{
    public static OrganiserPanels PanelsShowing(MatchmakingChanges changes)
    {
        var panels = OrganiserPanels.None;
        // The grid's rows are the slots, its columns the tables.
        if (changes.HasFlag(MatchmakingChanges.Blocks)) panels |= OrganiserPanels.Blocks | OrganiserPanels.Grid;
        if (changes.HasFlag(MatchmakingChanges.Tables)) panels |= OrganiserPanels.Tables | OrganiserPanels.Grid;
        // Whether a meeting is scheduled shows in the grid, the unscheduled list, the request list and the statistics.
        if (changes.HasFlag(MatchmakingChanges.Meetings))
            panels |= OrganiserPanels.Grid | OrganiserPanels.Unscheduled | OrganiserPanels.Requests | OrganiserPanels.Statistics;
        // Locked and published show on the grid's cards; the statistics count the published ones.
        if (changes.HasFlag(MatchmakingChanges.MeetingState)) panels |= OrganiserPanels.Grid | OrganiserPanels.Statistics;
        // A request's priority shows wherever the request does; its status is counted in the statistics.
        if (changes.HasFlag(MatchmakingChanges.Requests))
            panels |= OrganiserPanels.Requests | OrganiserPanels.Unscheduled | OrganiserPanels.Grid | OrganiserPanels.Statistics;
        return panels;
    }
}
