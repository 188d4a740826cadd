using DaysOfClusters.Web.Features.Matchmaking.Scheduling;

namespace DaysOfClusters.UnitTests.Matchmaking;

/// <summary>Instance builders, the shared invariants and an exhaustive solver for tiny instances.</summary>
internal static class SchedulingTestKit
{
    public static readonly TimeSpan Limit = TimeSpan.FromSeconds(5);

    public static SchedulingParticipant Person(string id, params int[] slots) => new(id, slots);

    public static SchedulingParticipant AlwaysAvailable(string id, int slots) => new(id, Enumerable.Range(0, slots).ToArray());

    public static SchedulingResult ScheduleAndCheck(SchedulingProblem problem, int seed = 1)
    {
        // An iteration cap keeps runs short (and clock-independent) when the bound is not reachable.
        var result = new MeetingScheduler().Schedule(problem, new SchedulerOptions(Limit, seed, MaxIterations: 5_000));
        AssertInvariants(problem, result);
        return result;
    }

    public static void AssertInvariants(SchedulingProblem problem, SchedulingResult result)
    {
        Assert.Empty(ScheduleValidator.Violations(problem, result));
        Assert.True(result.Scheduled <= result.UpperBound, $"scheduled {result.Scheduled} exceeds the bound {result.UpperBound}");
        Assert.Equal(ScheduleUpperBound.Compute(problem), result.UpperBound);
    }

    /// <summary>Random tiny instance; some meetings get a fixed table so the table rules are exercised too.</summary>
    public static SchedulingProblem RandomTiny(int seed, int participants = 6, int meetings = 8, int slots = 3, int tables = 2)
    {
        var rng = new Random(seed);
        var people = Enumerable.Range(0, participants)
            .Select(p => new SchedulingParticipant($"p{p}", Enumerable.Range(0, slots).Where(_ => rng.NextDouble() < 0.75).ToArray()))
            .ToList();
        var pairs = new HashSet<(int, int)>();
        var list = new List<SchedulingMeeting>();
        while (list.Count < meetings)
        {
            var a = rng.Next(participants);
            var b = rng.Next(participants);
            if (a == b || !pairs.Add((Math.Min(a, b), Math.Max(a, b)))) continue;
            int? fixedTable = rng.NextDouble() < 0.2 ? 1 + rng.Next(tables) : null;
            list.Add(new SchedulingMeeting($"m{list.Count}", $"p{a}", $"p{b}", FixedTable: fixedTable));
        }
        return new SchedulingProblem(slots, tables, people, list);
    }

    /// <summary>Exhaustive optimum (meeting count) by depth-first search over each meeting's slot or "unscheduled".</summary>
    public static int BruteForceOptimum(SchedulingProblem problem)
    {
        var T = problem.Slots;
        var index = problem.Participants.Select((p, i) => (p.Id, i)).ToDictionary(x => x.Id, x => x.i);
        var available = problem.Participants.Select(p => p.AvailableSlots.ToHashSet()).ToArray();
        var busy = new bool[problem.Participants.Count, T];
        var load = new int[T];
        var pinned = new bool[T, problem.Tables + 1];
        var meetings = problem.Meetings;
        var best = 0;

        void Search(int i, int placed)
        {
            if (placed + (meetings.Count - i) <= best) return;
            if (i == meetings.Count)
            {
                best = placed;
                return;
            }
            var m = meetings[i];
            int a = index[m.A], b = index[m.B];
            for (var t = 0; t < T; t++)
            {
                if (!available[a].Contains(t) || !available[b].Contains(t) || busy[a, t] || busy[b, t] || load[t] >= problem.Tables) continue;
                if (m.FixedTable is { } f && pinned[t, f]) continue;
                busy[a, t] = busy[b, t] = true;
                load[t]++;
                if (m.FixedTable is { } g) pinned[t, g] = true;
                Search(i + 1, placed + 1);
                busy[a, t] = busy[b, t] = false;
                load[t]--;
                if (m.FixedTable is { } h) pinned[t, h] = false;
            }
            Search(i + 1, placed);
        }

        Search(0, 0);
        return best;
    }
}
