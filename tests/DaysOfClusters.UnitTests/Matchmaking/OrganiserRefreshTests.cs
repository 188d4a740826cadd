using DaysOfClusters.Web.Features.Matchmaking.Pages.Organiser;

namespace DaysOfClusters.UnitTests.Matchmaking;

public sealed class OrganiserRefreshTests
{
    [Theory]
    [InlineData(MatchmakingChanges.Blocks, OrganiserPanels.Blocks | OrganiserPanels.Grid)]
    [InlineData(MatchmakingChanges.Tables, OrganiserPanels.Tables | OrganiserPanels.Grid)]
    [InlineData(MatchmakingChanges.Meetings, OrganiserPanels.Grid | OrganiserPanels.Unscheduled | OrganiserPanels.Requests | OrganiserPanels.Statistics)]
    [InlineData(MatchmakingChanges.MeetingState, OrganiserPanels.Grid | OrganiserPanels.Statistics)]
    [InlineData(MatchmakingChanges.Requests, OrganiserPanels.Grid | OrganiserPanels.Unscheduled | OrganiserPanels.Requests | OrganiserPanels.Statistics)]
    [InlineData(MatchmakingChanges.None, OrganiserPanels.None)]
    public void PanelsShowing_WhenOneThingChanged_AreThePanelsThatShowIt(MatchmakingChanges changes, OrganiserPanels expected) =>
        Assert.Equal(expected, OrganiserRefresh.PanelsShowing(changes));

    [Fact]
    public void PanelsShowing_WhenTableRemovedWithItsMeetings_AreBothSetsOfPanels() =>
        Assert.Equal(OrganiserPanels.Tables | OrganiserPanels.Grid | OrganiserPanels.Unscheduled | OrganiserPanels.Requests | OrganiserPanels.Statistics,
            OrganiserRefresh.PanelsShowing(MatchmakingChanges.Tables | MatchmakingChanges.Meetings));

    [Fact]
    public void PanelsShowing_WhenAnythingChanged_NeverReloadsTheBlocksForIt()
    {
        // Only adding or removing a block changes the block list; everything else leaves it alone.
        foreach (var change in Enum.GetValues<MatchmakingChanges>().Where(c => c != MatchmakingChanges.Blocks))
            Assert.False(OrganiserRefresh.PanelsShowing(change).HasFlag(OrganiserPanels.Blocks), change.ToString());
    }
}
