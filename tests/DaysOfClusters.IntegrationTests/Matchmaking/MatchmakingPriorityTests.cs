using DaysOfClusters.Web.Features.Matchmaking;

namespace DaysOfClusters.IntegrationTests.Matchmaking;

public sealed class MatchmakingPriorityTests(MatchmakingFixture fx) : IClassFixture<MatchmakingFixture>
{
    private MeetingRequests Requests => fx.Requests;
    private MatchmakingSetup Setup => fx.Setup;
    private MeetingSchedule Schedule => fx.Schedule;

    /// <summary>One slot and one table for two accepted meetings between four people: only one can be held.</summary>
    private async Task<(int Edition, int First, int Second)> ScarceAsync()
    {
        var edition = await fx.NewEditionAsync();
        await Setup.AddBlockAsync(edition, MatchmakingFixture.BlockStart, MatchmakingFixture.BlockStart.AddMinutes(20), 20);
        await Setup.AddTablesAsync(edition, 1);
        var slot = (await Setup.SlotsAsync(edition)).Single().Start;
        var people = new List<int>();
        foreach (var name in new[] { "ana", "bojan", "ec-officer", "delegate" })
        {
            var id = await fx.ParticipantAsync(edition, name);
            await Setup.SetAvailabilityAsync(id, [slot]);
            people.Add(id);
        }
        return (edition, await fx.AcceptedMeetingAsync(people[0], people[1]), await fx.AcceptedMeetingAsync(people[2], people[3]));
    }

    [Fact]
    public async Task ScheduleAll_WhenOneSlotAndTableAndOneMeetingIsPriority_SchedulesThePriorityMeeting()
    {
        var (edition, first, second) = await ScarceAsync();
        var unmarked = await Schedule.ScheduleAllAsync(edition, 0.5);
        Assert.Equal(1, unmarked.Scheduled);
        var winner = (await Schedule.GridAsync(edition)).Single().RequestId;
        var loser = winner == first ? second : first;

        // The organiser marks the meeting that lost: Schedule all now gives it the only slot and table.
        Assert.True((await Requests.SetPriorityAsync(loser, true)).Ok);
        var outcome = await Schedule.ScheduleAllAsync(edition, 0.5);
        Assert.Equal(1, outcome.Scheduled);
        var grid = Assert.Single(await Schedule.GridAsync(edition));
        Assert.Equal(loser, grid.RequestId);
        Assert.True(grid.Priority);
        var unscheduled = Assert.Single(await Schedule.UnscheduledAsync(edition));
        Assert.Equal(winner, unscheduled.RequestId);
        Assert.False(unscheduled.Priority);

        // Unmarked again: the other one may win again, and the lists show no priority.
        Assert.True((await Requests.SetPriorityAsync(loser, false)).Ok);
        Assert.DoesNotContain(await Requests.EditionRequestsAsync(edition), r => r.Priority);
    }

    [Fact]
    public async Task EditionRequests_WhenPriorityMarked_ListsItFirstAndShowsScheduled()
    {
        var (edition, first, second) = await ScarceAsync();
        Assert.True((await Requests.SetPriorityAsync(second, true)).Ok);
        await Schedule.ScheduleAllAsync(edition, 0.5);

        var requests = await Requests.EditionRequestsAsync(edition);
        Assert.Equal([second, first], requests.Select(r => r.Id));
        Assert.True(requests[0].Priority && requests[0].Scheduled);
        Assert.False(requests[1].Priority || requests[1].Scheduled);
        Assert.Equal([second], (await Requests.EditionRequestsAsync(edition, text: "ec-officer")).Select(r => r.Id));
        Assert.Empty(await Requests.EditionRequestsAsync(edition, MeetingRequestStatus.Pending));
    }

    [Fact]
    public async Task SetPriority_WhenRequestClosedOrMissing_IsRefusedAndChangesNothing()
    {
        var (edition, first, _) = await ScarceAsync();
        var requests = await Requests.RequestsOfAsync((await Requests.EditionRequestsAsync(edition)).First(r => r.Id == first).FromRegistrationId);
        var from = requests.Single().FromRegistrationId;
        Assert.True((await Requests.CancelAsync(from, first)).Ok);

        var refused = await Requests.SetPriorityAsync(first, true);
        Assert.False(refused.Ok);
        Assert.Contains("pending or accepted", refused.Error, StringComparison.Ordinal);
        Assert.False((await Requests.EditionRequestsAsync(edition)).Single(r => r.Id == first).Priority);
        Assert.Equal("Request not found.", (await Requests.SetPriorityAsync(int.MaxValue, true)).Error);
    }
}
