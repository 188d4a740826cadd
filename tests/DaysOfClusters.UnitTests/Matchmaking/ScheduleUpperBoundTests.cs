using DaysOfClusters.Web.Features.Matchmaking.Scheduling;
using static DaysOfClusters.UnitTests.Matchmaking.SchedulingTestKit;

namespace DaysOfClusters.UnitTests.Matchmaking;

public sealed class ScheduleUpperBoundTests
{
    [Fact]
    public void Compute_WhenTriangleInOneSlot_HalvesTheDoubleCoverFlow()
    {
        // The double cover carries a flow of 3 (a fractional matching of 1.5); only one meeting fits.
        var problem = new SchedulingProblem(1, 5,
            [Person("a", 0), Person("b", 0), Person("c", 0)],
            [new("ab", "a", "b"), new("bc", "b", "c"), new("ca", "c", "a")]);

        Assert.Equal(1, ScheduleUpperBound.Compute(problem));
    }

    [Fact]
    public void Compute_WhenTablesAreScarce_IsTablesTimesSlots()
    {
        var people = Enumerable.Range(0, 10).Select(i => AlwaysAvailable($"p{i}", 3)).ToList();
        var meetings = (from a in people from b in people where string.CompareOrdinal(a.Id, b.Id) < 0 select new SchedulingMeeting($"{a.Id}-{b.Id}", a.Id, b.Id)).ToList();

        Assert.Equal(2 * 3, ScheduleUpperBound.Compute(new SchedulingProblem(3, 2, people, meetings)));
    }

    [Fact]
    public void Compute_WhenSidesShareNoSlot_IgnoresTheMeeting()
    {
        var problem = new SchedulingProblem(2, 5, [Person("a", 0), Person("b", 1)], [new("ab", "a", "b")]);

        Assert.Equal(0, ScheduleUpperBound.Compute(problem));
    }

    [Fact]
    public void Compute_WhenSmallRandomInstances_IsNeverBelowTheOptimum()
    {
        for (var seed = 100; seed < 160; seed++)
        {
            var problem = RandomTiny(seed, participants: 5, meetings: 7, slots: 3, tables: 2);

            Assert.True(BruteForceOptimum(problem) <= ScheduleUpperBound.Compute(problem), $"seed {seed}");
        }
    }
}
