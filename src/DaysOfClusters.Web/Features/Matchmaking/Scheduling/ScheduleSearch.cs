using System.Diagnostics;

namespace DaysOfClusters.Web.Features.Matchmaking.Scheduling;

/// <summary>
/// The search over slots: greedy construction, then augmenting ejection chains and tabu-guarded plateau moves on a
/// <see cref="SlotPlacement"/>. Tables are only a per-slot capacity here (plus exclusivity of pinned tables);
/// numbers are handed out afterwards by <see cref="TableAssigner"/>.
/// </summary>
internal sealed class ScheduleSearch
{
    private const int AugmentDepth = 64;
    private const int AugmentBudget = 400;
    private const int RepairBudget = 150;

    private readonly IndexedProblem _p;
    private readonly int _upperBound;
    private readonly Random _rng;
    private readonly int _t;
    private readonly SlotPlacement _placement;

    private readonly int[] _visited;
    private int _stamp;
    private int _budget;
    private readonly long[] _protectedUntil;

    public long Iterations { get; private set; }

    public ScheduleSearch(IndexedProblem p, int upperBound, int seed)
    {
        _p = p;
        _upperBound = upperBound;
        _rng = new Random(seed);
        _t = p.SlotCount;
        _placement = new SlotPlacement(p);
        _visited = new int[p.MeetingCount];
        _protectedUntil = new long[p.MeetingCount];
    }

    public int[] Run(Stopwatch clock, TimeSpan limit, long maxIterations)
    {
        Greedy();
        for (var i = 0; i < _placement.UnscheduledCount && !clock.IsOverLimit(limit); i++)
        {
            var m = _placement.UnscheduledAt(i);
            if (_p.FeasibleSlots[m].Length == 0) continue;
            _stamp++;
            _budget = AugmentBudget;
            if (Augment(m, AugmentDepth, -1)) i--; // the swap-removal moved another meeting into position i
        }
        _placement.SaveBest();

        long lastBest = 0;
        var stallLimit = Math.Max(2_000, 4L * _p.MeetingCount);
        while (!_placement.ReachedOptimum(_upperBound) && Iterations < maxIterations)
        {
            if ((Iterations & 31) == 0 && clock.IsOverLimit(limit)) break;
            Iterations++;
            var m = _placement.UnscheduledAt(_rng.Next(_placement.UnscheduledCount));
            if (_p.FeasibleSlots[m].Length == 0) continue;

            _stamp++;
            _budget = AugmentBudget;
            if (!Augment(m, AugmentDepth, -1)) PlateauMove(m);

            if (_placement.IsBetterThanBest())
            {
                _placement.SaveBest();
                lastBest = Iterations;
            }
            else if (Iterations - lastBest > stallLimit)
            {
                // Long without progress: go back to the best schedule; the tabu state and RNG take the walk elsewhere.
                _placement.RestoreBest();
                lastBest = Iterations;
            }
        }
        if (_placement.IsBetterThanBest()) _placement.SaveBest();
        return _placement.Best;
    }

    /// <summary>Most constrained first; each meeting takes the fitting slot its two sides' other meetings need least.</summary>
    private void Greedy()
    {
        var m = _p.MeetingCount;
        for (var i = 0; i < m; i++)
        {
            if (_p.LockedSlot[i] < 0) continue;
            if (!_placement.Fits(i, _p.LockedSlot[i]))
                throw new ArgumentException($"Locked meeting '{_p.Source.Meetings[i].Id}' clashes with another locked meeting.");
            _placement.Move(i, _p.LockedSlot[i]);
        }

        var degree = new int[_p.ParticipantCount];
        var demand = new int[_p.ParticipantCount * _t];
        for (var i = 0; i < m; i++)
        {
            if (_p.LockedSlot[i] >= 0) continue;
            degree[_p.SideA[i]]++;
            degree[_p.SideB[i]]++;
            foreach (var t in _p.FeasibleSlots[i])
            {
                demand[_p.SideA[i] * _t + t]++;
                demand[_p.SideB[i] * _t + t]++;
            }
        }
        var order = Enumerable.Range(0, m)
            .Where(i => _p.LockedSlot[i] < 0 && _p.FeasibleSlots[i].Length > 0)
            .OrderByDescending(i => _p.Priority[i])
            .ThenBy(i => _p.FeasibleSlots[i].Length)
            .ThenByDescending(i => degree[_p.SideA[i]] + degree[_p.SideB[i]])
            .ThenBy(i => i)
            .ToArray();
        foreach (var i in order)
        {
            int a = _p.SideA[i], b = _p.SideB[i];
            foreach (var t in _p.FeasibleSlots[i])
            {
                demand[a * _t + t]--;
                demand[b * _t + t]--;
            }
            var best = -1;
            var bestScore = long.MaxValue;
            foreach (var t in _p.FeasibleSlots[i])
            {
                if (!_placement.Fits(i, t)) continue;
                var score = (long)(demand[a * _t + t] + demand[b * _t + t]) * (_p.TableCount + 1) + _placement.Load(t);
                if (score < bestScore)
                {
                    bestScore = score;
                    best = t;
                }
            }
            if (best >= 0) _placement.Move(i, best);
        }
    }

    /// <summary>
    /// Kuhn-style augmenting path: place m directly, or eject one meeting (a side's clash or a capacity victim) and re-place it recursively.
    /// On failure the state is unchanged and m stays unscheduled. Each meeting is expanded once per search (visited stamp).
    /// </summary>
    private bool Augment(int m, int depth, int forbiddenSlot)
    {
        if (--_budget < 0) return false;
        _visited[m] = _stamp;
        var feasible = _p.FeasibleSlots[m];
        var k = feasible.Length;
        if (k == 0) return false;
        var offset = _rng.Next(k);
        for (var i = 0; i < k; i++)
        {
            var t = feasible[(offset + i) % k];
            if (t != forbiddenSlot && _placement.Fits(m, t))
            {
                _placement.Move(m, t);
                return true;
            }
        }
        if (depth == 0) return false;

        Span<int> conflicts = stackalloc int[3];
        for (var i = 0; i < k; i++)
        {
            var t = feasible[(offset + i) % k];
            if (t == forbiddenSlot) continue;
            var n = _placement.Conflicts(m, t, conflicts, out var needsCapacity);
            int victim;
            if (n == 1 && !needsCapacity) victim = conflicts[0];
            else if (n == 0 && needsCapacity) victim = CapacityVictim(t, conflicts[..0], protect: false);
            else continue;
            if (victim < 0 || _visited[victim] == _stamp) continue;

            _placement.Move(victim, -1);
            _placement.Move(m, t);
            if (Augment(victim, depth - 1, t)) return true;
            _placement.Move(m, -1);
            _placement.Move(victim, t);
            if (_budget < 0) return false;
        }
        return false;
    }

    /// <summary>
    /// Forces m into its least-conflicting slot, tries to re-place what it ejected, and keeps the result unless it is lexicographically worse
    /// (a same-priority swap is kept so the walk can cross plateaus). Recently forced meetings are protected from ejection for a while.
    /// </summary>
    private void PlateauMove(int m)
    {
        var feasible = _p.FeasibleSlots[m];
        var k = feasible.Length;
        var offset = _rng.Next(k);
        Span<int> conflicts = stackalloc int[4];
        Span<int> chosen = stackalloc int[4];
        var chosenCount = -1;
        var chosenSlot = -1;
        var bestCost = int.MaxValue;
        for (var i = 0; i < k; i++)
        {
            var t = feasible[(offset + i) % k];
            var n = _placement.Conflicts(m, t, conflicts, out var needsCapacity);
            if (n < 0) continue;
            var allowed = true;
            for (var j = 0; j < n; j++)
            {
                var c = conflicts[j];
                if (_protectedUntil[c] > Iterations || _p.Priority[c] > _p.Priority[m]) allowed = false;
            }
            if (!allowed) continue;
            if (needsCapacity)
            {
                var victim = CapacityVictim(t, conflicts[..n], protect: true, m);
                if (victim < 0) continue;
                conflicts[n++] = victim;
            }
            if (n < bestCost)
            {
                bestCost = n;
                chosenSlot = t;
                conflicts[..n].CopyTo(chosen);
                chosenCount = n;
                if (n <= 1) break;
            }
        }
        if (chosenSlot < 0) return;

        _placement.StartJournal();
        for (var j = 0; j < chosenCount; j++) _placement.Move(chosen[j], -1);
        _placement.Move(m, chosenSlot);
        _protectedUntil[m] = Iterations + 10 + _rng.Next(20);

        Span<int> lost = stackalloc int[4];
        var lostCount = 0;
        for (var j = 0; j < chosenCount; j++)
        {
            var c = chosen[j];
            _stamp++;
            _visited[m] = _stamp;
            _budget = RepairBudget;
            if (!Augment(c, AugmentDepth, chosenSlot)) lost[lostCount++] = c;
        }
        _placement.StopJournal();

        var accept = true;
        if (lostCount > 0)
        {
            var allLower = true;
            for (var j = 0; j < lostCount; j++) allLower &= _p.Priority[lost[j]] < _p.Priority[m];
            accept = allLower || (lostCount == 1 && _p.Priority[lost[0]] == _p.Priority[m]);
        }
        if (!accept) _placement.Rollback();
    }

    /// <summary>A movable meeting using a general table in slot t, not among the given conflicts; -1 if none qualifies.</summary>
    private int CapacityVictim(int t, ReadOnlySpan<int> exclude, bool protect, int forMeeting = -1)
    {
        var count = _placement.MemberCount(t);
        if (count == 0) return -1;
        var start = _rng.Next(count);
        var tries = Math.Min(count, 8);
        for (var i = 0; i < tries; i++)
        {
            var c = _placement.MemberAt(t, (start + i) % count);
            if (exclude.Contains(c)) continue;
            if (protect ? _protectedUntil[c] > Iterations || _p.Priority[c] > _p.Priority[forMeeting] : _visited[c] == _stamp) continue;
            return c;
        }
        return -1;
    }
}

internal static class StopwatchExtensions
{
    public static bool IsOverLimit(this Stopwatch clock, TimeSpan limit) => clock.Elapsed >= limit;
}
