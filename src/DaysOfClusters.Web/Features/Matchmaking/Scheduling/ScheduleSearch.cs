using System.Diagnostics;

namespace DaysOfClusters.Web.Features.Matchmaking.Scheduling;

/// <summary>
/// Slot-level search state. Tables are only a per-slot capacity here (plus exclusivity of pinned tables);
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
    private readonly int _capacity;

    private readonly int[] _slotOf;
    private readonly int[] _at;        // participant*T + slot -> meeting or -1
    private readonly int[] _pinAt;     // slot*(N+1) + table -> meeting or -1
    private readonly int[] _load;      // general tables in use per slot
    private readonly List<int>[] _members; // movable meetings using a general table, per slot (capacity ejection candidates)
    private readonly int[] _memberPos;
    private readonly int[] _unscheduled;
    private readonly int[] _unscheduledPos;
    private int _unscheduledCount;

    // Lexicographic objective: placed meetings per priority level, compared from the highest level down.
    private readonly int[] _level;
    private readonly int[] _levelCount;
    private readonly int[] _bestLevelCount;
    private readonly int[] _bestSlotOf;
    private int _scheduled;

    private readonly List<(int Meeting, int Previous)> _journal = [];
    private bool _journaling;
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
        _capacity = p.TableCount - p.ReservedCount;
        var m = p.MeetingCount;
        _slotOf = new int[m];
        Array.Fill(_slotOf, -1);
        _at = new int[p.ParticipantCount * _t];
        Array.Fill(_at, -1);
        _pinAt = new int[_t * (p.TableCount + 1)];
        Array.Fill(_pinAt, -1);
        _load = new int[_t];
        _members = new List<int>[_t];
        for (var t = 0; t < _t; t++) _members[t] = [];
        _memberPos = new int[m];
        _unscheduled = new int[m];
        _unscheduledPos = new int[m];
        for (var i = 0; i < m; i++)
        {
            _unscheduled[i] = i;
            _unscheduledPos[i] = i;
        }
        _unscheduledCount = m;
        var priorities = p.Priority.Distinct().Order().ToArray();
        _level = p.Priority.Select(x => Array.BinarySearch(priorities, x)).ToArray();
        _levelCount = new int[Math.Max(1, priorities.Length)];
        _bestLevelCount = new int[_levelCount.Length];
        _bestSlotOf = new int[m];
        Array.Fill(_bestSlotOf, -1);
        _visited = new int[m];
        _protectedUntil = new long[m];
    }

    public int[] Run(Stopwatch clock, TimeSpan limit, long maxIterations)
    {
        Greedy();
        for (var i = 0; i < _unscheduledCount && !clock.IsOverLimit(limit); i++)
        {
            var m = _unscheduled[i];
            if (_p.FeasibleSlots[m].Length == 0) continue;
            _stamp++;
            _budget = AugmentBudget;
            if (Augment(m, AugmentDepth, -1)) i--; // the swap-removal moved another meeting into position i
        }
        SaveBest();

        long lastBest = 0;
        var stallLimit = Math.Max(2_000, 4L * _p.MeetingCount);
        while (!ReachedOptimum() && Iterations < maxIterations)
        {
            if ((Iterations & 31) == 0 && clock.IsOverLimit(limit)) break;
            Iterations++;
            var m = _unscheduled[_rng.Next(_unscheduledCount)];
            if (_p.FeasibleSlots[m].Length == 0) continue;

            _stamp++;
            _budget = AugmentBudget;
            if (!Augment(m, AugmentDepth, -1)) PlateauMove(m);

            if (IsBetterThanBest())
            {
                SaveBest();
                lastBest = Iterations;
            }
            else if (Iterations - lastBest > stallLimit)
            {
                // Long without progress: go back to the best schedule; the tabu state and RNG take the walk elsewhere.
                RestoreBest();
                lastBest = Iterations;
            }
        }
        if (IsBetterThanBest()) SaveBest();
        return _bestSlotOf;
    }

    /// <summary>Most constrained first; each meeting takes the fitting slot its two sides' other meetings need least.</summary>
    private void Greedy()
    {
        var m = _p.MeetingCount;
        for (var i = 0; i < m; i++)
        {
            if (_p.LockedSlot[i] < 0) continue;
            if (!Fits(i, _p.LockedSlot[i]))
                throw new ArgumentException($"Locked meeting '{_p.Source.Meetings[i].Id}' clashes with another locked meeting.");
            Move(i, _p.LockedSlot[i]);
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
                if (!Fits(i, t)) continue;
                var score = (long)(demand[a * _t + t] + demand[b * _t + t]) * (_p.TableCount + 1) + _load[t];
                if (score < bestScore)
                {
                    bestScore = score;
                    best = t;
                }
            }
            if (best >= 0) Move(i, best);
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
            if (t != forbiddenSlot && Fits(m, t))
            {
                Move(m, t);
                return true;
            }
        }
        if (depth == 0) return false;

        Span<int> conflicts = stackalloc int[3];
        for (var i = 0; i < k; i++)
        {
            var t = feasible[(offset + i) % k];
            if (t == forbiddenSlot) continue;
            var n = Conflicts(m, t, conflicts, out var needsCapacity);
            int victim;
            if (n == 1 && !needsCapacity) victim = conflicts[0];
            else if (n == 0 && needsCapacity) victim = CapacityVictim(t, conflicts[..0], protect: false);
            else continue;
            if (victim < 0 || _visited[victim] == _stamp) continue;

            Move(victim, -1);
            Move(m, t);
            if (Augment(victim, depth - 1, t)) return true;
            Move(m, -1);
            Move(victim, t);
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
            var n = Conflicts(m, t, conflicts, out var needsCapacity);
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

        _journal.Clear();
        _journaling = true;
        for (var j = 0; j < chosenCount; j++) Move(chosen[j], -1);
        Move(m, chosenSlot);
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
        _journaling = false;

        var accept = true;
        if (lostCount > 0)
        {
            var allLower = true;
            for (var j = 0; j < lostCount; j++) allLower &= _p.Priority[lost[j]] < _p.Priority[m];
            accept = allLower || (lostCount == 1 && _p.Priority[lost[0]] == _p.Priority[m]);
        }
        if (!accept) Rollback();
    }

    private void Rollback()
    {
        for (var i = _journal.Count - 1; i >= 0; i--)
        {
            var (meeting, previous) = _journal[i];
            Move(meeting, previous);
        }
        _journal.Clear();
    }

    /// <summary>A movable meeting using a general table in slot t, not among the given conflicts; -1 if none qualifies.</summary>
    private int CapacityVictim(int t, ReadOnlySpan<int> exclude, bool protect, int forMeeting = -1)
    {
        var members = _members[t];
        var count = members.Count;
        if (count == 0) return -1;
        var start = _rng.Next(count);
        var tries = Math.Min(count, 8);
        for (var i = 0; i < tries; i++)
        {
            var c = members[(start + i) % count];
            if (exclude.Contains(c)) continue;
            if (protect ? _protectedUntil[c] > Iterations || _p.Priority[c] > _p.Priority[forMeeting] : _visited[c] == _stamp) continue;
            return c;
        }
        return -1;
    }

    private bool Fits(int m, int t)
    {
        if (_at[_p.SideA[m] * _t + t] >= 0 || _at[_p.SideB[m] * _t + t] >= 0) return false;
        var pin = _p.PinnedTable[m];
        if (pin != 0 && _pinAt[t * (_p.TableCount + 1) + pin] >= 0) return false;
        return !_p.ConsumesGeneralTable(m) || _load[t] < _capacity;
    }

    /// <summary>
    /// Meetings that must leave slot t for m to enter (side clashes, pinned-table clash); -1 when a locked meeting is in the way.
    /// needsCapacity: one more general-table user must also leave.
    /// </summary>
    private int Conflicts(int m, int t, Span<int> buffer, out bool needsCapacity)
    {
        needsCapacity = false;
        var n = 0;
        var c = _at[_p.SideA[m] * _t + t];
        if (c >= 0) buffer[n++] = c;
        c = _at[_p.SideB[m] * _t + t];
        if (c >= 0 && (n == 0 || buffer[0] != c)) buffer[n++] = c;
        var pin = _p.PinnedTable[m];
        if (pin != 0)
        {
            c = _pinAt[t * (_p.TableCount + 1) + pin];
            if (c >= 0 && !buffer[..n].Contains(c)) buffer[n++] = c;
        }
        var freed = 0;
        for (var i = 0; i < n; i++)
        {
            if (_p.LockedSlot[buffer[i]] >= 0) return -1;
            if (_p.ConsumesGeneralTable(buffer[i])) freed++;
        }
        if (_p.ConsumesGeneralTable(m) && _load[t] - freed >= _capacity)
        {
            needsCapacity = true;
            if (_capacity == 0) return -1;
        }
        return n;
    }

    private void Move(int m, int t)
    {
        var old = _slotOf[m];
        if (old == t) return;
        if (_journaling) _journal.Add((m, old));
        if (old >= 0) Detach(m, old);
        else RemoveUnscheduled(m);
        if (t >= 0) Attach(m, t);
        else AddUnscheduled(m);
        _slotOf[m] = t;
    }

    private void Attach(int m, int t)
    {
        Debug.Assert(Fits(m, t));
        _at[_p.SideA[m] * _t + t] = m;
        _at[_p.SideB[m] * _t + t] = m;
        var pin = _p.PinnedTable[m];
        if (pin != 0) _pinAt[t * (_p.TableCount + 1) + pin] = m;
        if (_p.ConsumesGeneralTable(m))
        {
            _load[t]++;
            if (_p.LockedSlot[m] < 0)
            {
                _memberPos[m] = _members[t].Count;
                _members[t].Add(m);
            }
        }
        _levelCount[_level[m]]++;
        _scheduled++;
    }

    private void Detach(int m, int t)
    {
        _at[_p.SideA[m] * _t + t] = -1;
        _at[_p.SideB[m] * _t + t] = -1;
        var pin = _p.PinnedTable[m];
        if (pin != 0) _pinAt[t * (_p.TableCount + 1) + pin] = -1;
        if (_p.ConsumesGeneralTable(m))
        {
            _load[t]--;
            if (_p.LockedSlot[m] < 0)
            {
                var list = _members[t];
                var pos = _memberPos[m];
                var last = list[^1];
                list[pos] = last;
                _memberPos[last] = pos;
                list.RemoveAt(list.Count - 1);
            }
        }
        _levelCount[_level[m]]--;
        _scheduled--;
    }

    private void RemoveUnscheduled(int m)
    {
        var pos = _unscheduledPos[m];
        var last = _unscheduled[--_unscheduledCount];
        _unscheduled[pos] = last;
        _unscheduledPos[last] = pos;
    }

    private void AddUnscheduled(int m)
    {
        _unscheduled[_unscheduledCount] = m;
        _unscheduledPos[m] = _unscheduledCount++;
    }

    private bool IsBetterThanBest()
    {
        for (var l = _levelCount.Length - 1; l >= 0; l--)
        {
            if (_levelCount[l] != _bestLevelCount[l]) return _levelCount[l] > _bestLevelCount[l];
        }
        return false;
    }

    private void SaveBest()
    {
        Array.Copy(_slotOf, _bestSlotOf, _slotOf.Length);
        Array.Copy(_levelCount, _bestLevelCount, _levelCount.Length);
    }

    private void RestoreBest()
    {
        for (var m = 0; m < _slotOf.Length; m++)
        {
            if (_slotOf[m] != _bestSlotOf[m] && _slotOf[m] >= 0) Move(m, -1);
        }
        for (var m = 0; m < _slotOf.Length; m++)
        {
            if (_slotOf[m] != _bestSlotOf[m]) Move(m, _bestSlotOf[m]);
        }
    }

    /// <summary>
    /// At the bound, no schedule has more meetings; if also nothing unscheduled outranks the lowest placed priority,
    /// no schedule is lexicographically better either.
    /// </summary>
    private bool ReachedOptimum()
    {
        if (_scheduled < _upperBound) return false;
        if (_levelCount.Length == 1 || _unscheduledCount == 0) return true;
        var minPlaced = int.MaxValue;
        var maxUnplaced = int.MinValue;
        for (var m = 0; m < _slotOf.Length; m++)
        {
            if (_slotOf[m] >= 0) minPlaced = Math.Min(minPlaced, _p.Priority[m]);
            else if (_p.FeasibleSlots[m].Length > 0) maxUnplaced = Math.Max(maxUnplaced, _p.Priority[m]);
        }
        return maxUnplaced <= minPlaced;
    }
}

internal static class StopwatchExtensions
{
    public static bool IsOverLimit(this Stopwatch clock, TimeSpan limit) => clock.Elapsed >= limit;
}
