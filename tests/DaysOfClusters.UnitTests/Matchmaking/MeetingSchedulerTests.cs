using DaysOfClusters.Web.Features.Matchmaking.Scheduling;
using static DaysOfClusters.UnitTests.Matchmaking.SchedulingTestKit;

namespace DaysOfClusters.UnitTests.Matchmaking;

public sealed class MeetingSchedulerTests
{
    [Theory]
    [InlineData(3)]
    [InlineData(5)]
    [InlineData(7)]
    public void Schedule_WhenCompleteBipartiteWithEnoughTables_SchedulesAllMeetings(int size)
    {
        var left = Enumerable.Range(0, size).Select(i => AlwaysAvailable($"l{i}", size)).ToList();
        var right = Enumerable.Range(0, size).Select(i => AlwaysAvailable($"r{i}", size)).ToList();
        var meetings = (from l in left from r in right select new SchedulingMeeting($"{l.Id}-{r.Id}", l.Id, r.Id)).ToList();
        var problem = new SchedulingProblem(size, size, [.. left, .. right], meetings);

        var result = ScheduleAndCheck(problem);

        Assert.Equal(size * size, result.UpperBound);
        Assert.Equal(size * size, result.Scheduled);
    }

    [Fact]
    public void Schedule_WhenTriangleInTwoSlots_SchedulesTwo()
    {
        var problem = new SchedulingProblem(2, 5,
            [AlwaysAvailable("a", 2), AlwaysAvailable("b", 2), AlwaysAvailable("c", 2)],
            [new("ab", "a", "b"), new("bc", "b", "c"), new("ca", "c", "a")]);

        var result = ScheduleAndCheck(problem);

        Assert.Equal(2, result.Scheduled);
        Assert.Equal(2, result.UpperBound);
    }

    [Fact]
    public void Schedule_WhenHubHasFewerSlotsThanMeetings_SchedulesOnePerHubSlot()
    {
        var guests = Enumerable.Range(0, 6).Select(i => AlwaysAvailable($"g{i}", 5)).ToList();
        var problem = new SchedulingProblem(5, 10,
            [Person("hub", 1, 2, 4), .. guests],
            guests.Select(g => new SchedulingMeeting($"hub-{g.Id}", "hub", g.Id)).ToList());

        var result = ScheduleAndCheck(problem);

        Assert.Equal(3, result.Scheduled);
        Assert.Equal(3, result.UpperBound);
    }

    [Theory]
    [InlineData(1)]
    [InlineData(2)]
    [InlineData(3)]
    public void Schedule_WhenTablesBind_FillsEveryTableInEverySlot(int seed)
    {
        var problem = SchedulingInstanceGenerator.Generate(60, 600, 6, 5, seed);

        var result = ScheduleAndCheck(problem, seed);

        Assert.Equal(5 * 6, result.UpperBound);
        Assert.Equal(5 * 6, result.Scheduled);
    }

    [Fact]
    public void Schedule_WhenSmallRandomInstances_MatchesBruteForceOptimum()
    {
        for (var seed = 0; seed < 40; seed++)
        {
            var problem = RandomTiny(seed);
            var optimum = BruteForceOptimum(problem);

            var result = ScheduleAndCheck(problem, seed);

            Assert.True(optimum <= result.UpperBound, $"seed {seed}: optimum {optimum} above bound {result.UpperBound}");
            Assert.True(optimum == result.Scheduled, $"seed {seed}: scheduled {result.Scheduled}, optimum {optimum}");
        }
    }

    [Fact]
    public void Schedule_WhenSameSeed_ReturnsSameSchedule()
    {
        var problem = SchedulingInstanceGenerator.Generate(120, 900, 12, 40, 7);
        var options = new SchedulerOptions(TimeSpan.FromMinutes(1), Seed: 42, MaxIterations: 3_000);

        var first = new MeetingScheduler().Schedule(problem, options);
        var second = new MeetingScheduler().Schedule(problem, options);

        AssertInvariants(problem, first);
        Assert.Equal(first.Assignments.OrderBy(a => a.Key), second.Assignments.OrderBy(a => a.Key));
    }

    [Fact]
    public void Schedule_WhenMeetingsLockedOrFixed_KeepsTheirPlacesAndTables()
    {
        var baseProblem = SchedulingInstanceGenerator.Generate(40, 250, 8, 10, 3);
        var meetings = baseProblem.Meetings.ToList();
        var byId = baseProblem.Participants.ToDictionary(p => p.Id);
        // Lock a few meetings into a shared slot at distinct tables, and give one participant a fixed table for all its meetings.
        var lockedIds = new List<string>();
        var usedParticipants = new HashSet<string>();
        for (var i = 0; i < meetings.Count && lockedIds.Count < 3; i++)
        {
            var m = meetings[i];
            var slot = byId[m.A].AvailableSlots.Intersect(byId[m.B].AvailableSlots).Where(s => s == 3).FirstOrDefault(-1);
            if (slot < 0 || !usedParticipants.Add(m.A) || !usedParticipants.Add(m.B)) continue;
            meetings[i] = m with { Locked = new MeetingPlacement(slot, lockedIds.Count + 1) };
            lockedIds.Add(m.Id);
        }
        var owner = meetings.First(m => m.Locked is null).A;
        for (var i = 0; i < meetings.Count; i++)
        {
            if (meetings[i].Locked is null && (meetings[i].A == owner || meetings[i].B == owner)) meetings[i] = meetings[i] with { FixedTable = 10 };
        }
        var problem = baseProblem with { Meetings = meetings, ReservedTables = [10] };

        var result = ScheduleAndCheck(problem);

        Assert.Equal(3, lockedIds.Count);
        foreach (var id in lockedIds) Assert.Equal(meetings.Single(m => m.Id == id).Locked, result.Assignments[id]);
        Assert.All(result.Assignments.Where(a => a.Value.Table == 10), a => Assert.Equal(10, meetings.Single(m => m.Id == a.Key).FixedTable));
        Assert.Contains(result.Assignments, a => a.Value.Table == 10);
    }

    [Fact]
    public void Schedule_WhenPriorityCompetesForOneSlot_PrefersThePriorityMeeting()
    {
        var problem = new SchedulingProblem(1, 5,
            [Person("hub", 0), Person("x", 0), Person("y", 0)],
            [new("plain", "hub", "x"), new("important", "hub", "y", Priority: 1)]);

        var result = ScheduleAndCheck(problem);

        Assert.Equal(["important"], result.Assignments.Keys);
    }

    [Fact]
    public void Schedule_WhenTwoLowPriorityMeetingsBlockOneHighPriority_TradesThemForIt()
    {
        // "vip" needs a and b in the only slot; scheduling it costs both a-c and b-d, which is still lexicographically better.
        var problem = new SchedulingProblem(1, 5,
            [Person("a", 0), Person("b", 0), Person("c", 0), Person("d", 0)],
            [new("ac", "a", "c"), new("bd", "b", "d"), new("vip", "a", "b", Priority: 2)]);

        var result = ScheduleAndCheck(problem);

        Assert.Equal(["vip"], result.Assignments.Keys);
    }

    [Fact]
    public void Schedule_WhenLockedMeetingsClash_Throws()
    {
        var problem = new SchedulingProblem(2, 5,
            [AlwaysAvailable("a", 2), AlwaysAvailable("b", 2), AlwaysAvailable("c", 2)],
            [new("ab", "a", "b", Locked: new(0, 1)), new("ac", "a", "c", Locked: new(0, 2))]);

        Assert.Throws<ArgumentException>(() => new MeetingScheduler().Schedule(problem, Limit, 1));
    }

    [Fact]
    public void Schedule_WhenNoMeetingsOrNoTables_ReturnsEmptySchedule()
    {
        var people = new[] { AlwaysAvailable("a", 3), AlwaysAvailable("b", 3) };

        var empty = ScheduleAndCheck(new SchedulingProblem(3, 2, people, []));
        var noTables = ScheduleAndCheck(new SchedulingProblem(3, 0, people, [new("ab", "a", "b")]));

        Assert.Empty(empty.Assignments);
        Assert.Empty(noTables.Assignments);
        Assert.Equal(0, noTables.UpperBound);
    }

    [Fact]
    public void Schedule_WhenSidesShareNoSlot_LeavesMeetingUnscheduled()
    {
        var problem = new SchedulingProblem(4, 5,
            [Person("a", 0, 1), Person("b", 2, 3), Person("c", 1, 2)],
            [new("ab", "a", "b"), new("ac", "a", "c"), new("bc", "b", "c")]);

        var result = ScheduleAndCheck(problem);

        Assert.Equal(2, result.Scheduled);
        Assert.False(result.Assignments.ContainsKey("ab"));
    }

    [Fact]
    public void Schedule_WhenMediumGeneratedInstance_StaysValidAndNearTheBound()
    {
        var problem = SchedulingInstanceGenerator.Generate(150, 1200, 15, 50, 11);

        var result = new MeetingScheduler().Schedule(problem, new SchedulerOptions(TimeSpan.FromSeconds(30), 1, MaxIterations: 6_000));

        AssertInvariants(problem, result);
        Assert.True(result.Scheduled >= 0.97 * result.UpperBound, $"{result.Scheduled} of bound {result.UpperBound}");
    }
}
