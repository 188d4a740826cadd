using System.Diagnostics;

namespace DaysOfClusters.Web.Features.Matchmaking.Scheduling;

/// <summary>
/// Places accepted meetings into (slot, table) pairs, maximising the number of meetings (higher priorities first).
/// Greedy construction, then local search within the time limit: augmenting ejection chains and tabu-guarded plateau moves.
/// Stops early once the schedule reaches <see cref="ScheduleUpperBound"/>. Deterministic for a seed unless the clock ends the run.
/// </summary>
public sealed class MeetingScheduler
{
    public SchedulingResult Schedule(SchedulingProblem problem, TimeSpan timeLimit, int seed) =>
        Schedule(problem, new SchedulerOptions(timeLimit, seed));

    public SchedulingResult Schedule(SchedulingProblem problem, SchedulerOptions options)
    {
        ArgumentNullException.ThrowIfNull(options);
        var stopwatch = Stopwatch.StartNew();
        var indexed = new IndexedProblem(problem);
        var upperBound = ScheduleUpperBound.Compute(indexed);
        var search = new ScheduleSearch(indexed, upperBound, options.Seed);
        var slots = search.Run(stopwatch, options.TimeLimit, options.MaxIterations);
        var assignments = TableAssigner.Assign(indexed, slots);
        return new SchedulingResult(assignments, upperBound, stopwatch.Elapsed) { Iterations = search.Iterations };
    }
}

/// <summary>Gives every placed meeting a table: pinned (fixed or locked) tables first, then the lowest free general table.</summary>
internal static class TableAssigner
{
    public static Dictionary<string, MeetingPlacement> Assign(IndexedProblem p, int[] slotOf)
    {
        var result = new Dictionary<string, MeetingPlacement>(p.MeetingCount, StringComparer.Ordinal);
        var bySlot = new List<int>[p.SlotCount];
        for (var t = 0; t < p.SlotCount; t++) bySlot[t] = [];
        for (var m = 0; m < p.MeetingCount; m++)
        {
            if (slotOf[m] >= 0) bySlot[slotOf[m]].Add(m);
        }
        var used = new bool[p.TableCount + 1];
        for (var t = 0; t < p.SlotCount; t++)
        {
            Array.Clear(used);
            foreach (var m in bySlot[t])
            {
                if (p.PinnedTable[m] == 0) continue;
                used[p.PinnedTable[m]] = true;
                result[p.Source.Meetings[m].Id] = new MeetingPlacement(t, p.PinnedTable[m]);
            }
            var next = 1;
            foreach (var m in bySlot[t])
            {
                if (p.PinnedTable[m] != 0) continue;
                while (next <= p.TableCount && (used[next] || p.Reserved[next])) next++;
                // The search keeps each slot within the general-table capacity, so this cannot run out.
                if (next > p.TableCount) throw new InvalidOperationException($"Slot {t} holds more meetings than it has tables.");
                used[next] = true;
                result[p.Source.Meetings[m].Id] = new MeetingPlacement(t, next);
            }
        }
        return result;
    }
}
