using System.Diagnostics;

namespace DaysOfClusters.Web.Features.Matchmaking.Scheduling;

/// <summary>
/// The slot each meeting holds during the search, with indexes kept in step so the search's questions take constant time:
/// who is busy in a slot, which pinned table is taken, how many general tables are in use, which movable meetings hold one,
/// which meetings are unscheduled, and how many are placed per priority level. It also keeps the best placement seen so far,
/// and a journal of moves that can be rolled back.
/// </summary>
internal sealed class SlotPlacement
{
    private readonly IndexedProblem _p;
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

    public SlotPlacement(IndexedProblem p)
    {
        _p = p;
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
    }

    /// <summary>The best placement saved so far: each meeting's slot, -1 when unscheduled.</summary>
    public int[] Best => _bestSlotOf;

    public int UnscheduledCount => _unscheduledCount;

    /// <summary>The i-th unscheduled meeting (the order changes as meetings come and go).</summary>
    public int UnscheduledAt(int i) => _unscheduled[i];

    /// <summary>General tables in use in slot t.</summary>
    public int Load(int t) => _load[t];

    /// <summary>How many movable meetings use a general table in slot t (the candidates to make room).</summary>
    public int MemberCount(int t) => _members[t].Count;

    public int MemberAt(int t, int i) => _members[t][i];

    /// <summary>Whether m can enter slot t as things stand: both sides free, its pinned table free, a general table left if it needs one.</summary>
    public bool Fits(int m, int t)
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
    public int Conflicts(int m, int t, Span<int> buffer, out bool needsCapacity)
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

    /// <summary>Puts m into slot t (-1: unscheduled), keeping every index in step.</summary>
    public void Move(int m, int t)
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

    /// <summary>From now on each move is recorded, so <see cref="Rollback"/> can undo them.</summary>
    public void StartJournal()
    {
        _journal.Clear();
        _journaling = true;
    }

    public void StopJournal() => _journaling = false;

    public void Rollback()
    {
        for (var i = _journal.Count - 1; i >= 0; i--)
        {
            var (meeting, previous) = _journal[i];
            Move(meeting, previous);
        }
        _journal.Clear();
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

    public bool IsBetterThanBest()
    {
        for (var l = _levelCount.Length - 1; l >= 0; l--)
        {
            if (_levelCount[l] != _bestLevelCount[l]) return _levelCount[l] > _bestLevelCount[l];
        }
        return false;
    }

    public void SaveBest()
    {
        Array.Copy(_slotOf, _bestSlotOf, _slotOf.Length);
        Array.Copy(_levelCount, _bestLevelCount, _levelCount.Length);
    }

    public void RestoreBest()
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
    public bool ReachedOptimum(int upperBound)
    {
        if (_scheduled < upperBound) return false;
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
