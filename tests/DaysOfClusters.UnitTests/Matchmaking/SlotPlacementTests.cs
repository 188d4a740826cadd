using DaysOfClusters.Web.Features.Matchmaking.Scheduling;
using static DaysOfClusters.UnitTests.Matchmaking.SchedulingTestKit;

namespace DaysOfClusters.UnitTests.Matchmaking;

public sealed class SlotPlacementTests
{
    // Meetings 0 "ab", 1 "ac", 2 "de" in two slots with one table; "de" has priority 1.
    private static SlotPlacement Placement() => new(new IndexedProblem(new SchedulingProblem(2, 1,
        [AlwaysAvailable("a", 2), AlwaysAvailable("b", 2), AlwaysAvailable("c", 2), AlwaysAvailable("d", 2), AlwaysAvailable("e", 2)],
        [new("ab", "a", "b"), new("ac", "a", "c"), new("de", "d", "e", Priority: 1)])));

    [Fact]
    public void Fits_WhenASideOrTheLastTableIsTaken_IsFalse()
    {
        var placement = Placement();
        placement.Move(0, 0);

        Assert.False(placement.Fits(1, 0)); // a is busy
        Assert.False(placement.Fits(2, 0)); // the only table is used
        Assert.True(placement.Fits(1, 1));
        Assert.Equal(1, placement.Load(0));
        Assert.Equal(1, placement.MemberCount(0));
        Assert.Equal(0, placement.MemberAt(0, 0));
    }

    [Fact]
    public void Conflicts_WhenSideClashes_NamesTheMeetingInTheWay()
    {
        var placement = Placement();
        placement.Move(0, 0);
        Span<int> buffer = stackalloc int[3];

        var n = placement.Conflicts(1, 0, buffer, out var needsCapacity);

        Assert.Equal(1, n);
        Assert.Equal(0, buffer[0]);
        Assert.False(needsCapacity); // ejecting "ab" frees its table
        Assert.Equal(0, placement.Conflicts(2, 0, buffer, out needsCapacity));
        Assert.True(needsCapacity);
    }

    [Fact]
    public void Move_WhenMeetingsComeAndGo_KeepsTheUnscheduledList()
    {
        var placement = Placement();
        Assert.Equal(3, placement.UnscheduledCount);

        placement.Move(0, 0);
        placement.Move(2, 1);
        Assert.Equal(1, placement.UnscheduledCount);
        Assert.Equal(1, placement.UnscheduledAt(0));

        placement.Move(0, -1);
        Assert.Equal(2, placement.UnscheduledCount);
        Assert.Equal([0, 1], new[] { placement.UnscheduledAt(0), placement.UnscheduledAt(1) }.Order());
        Assert.Equal(0, placement.Load(0));
    }

    [Fact]
    public void Rollback_WhenJournaled_UndoesTheMovesSinceTheStart()
    {
        var placement = Placement();
        placement.Move(0, 0);
        placement.StartJournal();
        placement.Move(0, -1);
        placement.Move(1, 0);
        placement.StopJournal();

        placement.Rollback();

        Assert.False(placement.Fits(1, 0));
        Assert.Equal(0, placement.MemberAt(0, 0));
        Assert.Equal(2, placement.UnscheduledCount);
    }

    [Fact]
    public void IsBetterThanBest_WhenAHigherPriorityMeetingReplacesAnother_IsTrueAndRestoreBestGoesBack()
    {
        var placement = Placement();
        placement.Move(0, 0);
        placement.Move(1, 1);
        placement.SaveBest();
        Assert.Equal([0, 1, -1], placement.Best);

        placement.Move(1, -1);
        placement.Move(2, 1);
        Assert.True(placement.IsBetterThanBest()); // one priority-1 meeting beats any number of priority-0 ones

        placement.RestoreBest();
        Assert.False(placement.IsBetterThanBest());
        Assert.False(placement.Fits(1, 1));
        Assert.False(placement.Fits(2, 1)); // "ac" holds the slot's one table again
    }

    [Fact]
    public void ReachedOptimum_WhenAtTheBoundButAHigherPriorityMeetingWaits_IsFalse()
    {
        var placement = Placement();
        placement.Move(0, 0);
        placement.Move(1, 1);

        Assert.False(placement.ReachedOptimum(upperBound: 2));

        placement.Move(1, -1);
        placement.Move(2, 1);
        Assert.True(placement.ReachedOptimum(upperBound: 2));
    }
}
