namespace DaysOfClusters.Web.Features.Matchmaking.Scheduling;

/// <summary>Integer-indexed, validated view of a <see cref="SchedulingProblem"/> shared by the scheduler, the bound and the validator.</summary>
internal sealed class IndexedProblem
{
    public int SlotCount { get; }
    public int TableCount { get; }
    public int ParticipantCount { get; }
    public int MeetingCount { get; }

    /// <summary>Participant p is available in slot t when Available[p * SlotCount + t].</summary>
    public bool[] Available { get; }
    public int[] AvailableCount { get; }
    public int[] SideA { get; }
    public int[] SideB { get; }
    /// <summary>Slots both sides share (only the locked slot for a locked meeting).</summary>
    public int[][] FeasibleSlots { get; }
    /// <summary>Table a meeting must use (fixed or locked), 0 when free.</summary>
    public int[] PinnedTable { get; }
    public int[] LockedSlot { get; }
    public int[] Priority { get; }
    /// <summary>Reserved[table] for tables 1..N.</summary>
    public bool[] Reserved { get; }
    public int ReservedCount { get; }
    public Dictionary<string, int> MeetingIndex { get; }
    public SchedulingProblem Source { get; }

    public IndexedProblem(SchedulingProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        Source = problem;
        if (problem.Slots < 0) throw new ArgumentException("Slots must not be negative.", nameof(problem));
        if (problem.Tables < 0) throw new ArgumentException("Tables must not be negative.", nameof(problem));
        SlotCount = problem.Slots;
        TableCount = problem.Tables;
        ParticipantCount = problem.Participants.Count;
        MeetingCount = problem.Meetings.Count;
        var T = SlotCount;

        var participantIndex = new Dictionary<string, int>(ParticipantCount, StringComparer.Ordinal);
        Available = new bool[ParticipantCount * T];
        AvailableCount = new int[ParticipantCount];
        for (var p = 0; p < ParticipantCount; p++)
        {
            var participant = problem.Participants[p];
            if (!participantIndex.TryAdd(participant.Id, p)) throw new ArgumentException($"Duplicate participant id '{participant.Id}'.", nameof(problem));
            foreach (var t in participant.AvailableSlots)
            {
                if (t < 0 || t >= T) throw new ArgumentException($"Participant '{participant.Id}' is available in slot {t}, outside 0..{T - 1}.", nameof(problem));
                if (!Available[p * T + t]) AvailableCount[p]++;
                Available[p * T + t] = true;
            }
        }

        Reserved = new bool[TableCount + 1];
        foreach (var table in problem.ReservedTables ?? [])
        {
            if (table < 1 || table > TableCount) throw new ArgumentException($"Reserved table {table} is outside 1..{TableCount}.", nameof(problem));
            if (!Reserved[table]) ReservedCount++;
            Reserved[table] = true;
        }

        MeetingIndex = new Dictionary<string, int>(MeetingCount, StringComparer.Ordinal);
        SideA = new int[MeetingCount];
        SideB = new int[MeetingCount];
        FeasibleSlots = new int[MeetingCount][];
        PinnedTable = new int[MeetingCount];
        LockedSlot = new int[MeetingCount];
        Priority = new int[MeetingCount];
        var shared = new List<int>(T);
        for (var m = 0; m < MeetingCount; m++)
        {
            var meeting = problem.Meetings[m];
            if (!MeetingIndex.TryAdd(meeting.Id, m)) throw new ArgumentException($"Duplicate meeting id '{meeting.Id}'.", nameof(problem));
            if (!participantIndex.TryGetValue(meeting.A, out var a) || !participantIndex.TryGetValue(meeting.B, out var b))
                throw new ArgumentException($"Meeting '{meeting.Id}' refers to an unknown participant.", nameof(problem));
            if (a == b) throw new ArgumentException($"Meeting '{meeting.Id}' has the same participant on both sides.", nameof(problem));
            SideA[m] = a;
            SideB[m] = b;
            Priority[m] = meeting.Priority;
            if (meeting.FixedTable is { } fixedTable && (fixedTable < 1 || fixedTable > TableCount))
                throw new ArgumentException($"Meeting '{meeting.Id}' has fixed table {fixedTable}, outside 1..{TableCount}.", nameof(problem));
            PinnedTable[m] = meeting.FixedTable ?? 0;
            LockedSlot[m] = -1;
            if (meeting.Locked is { } locked)
            {
                if (locked.Slot < 0 || locked.Slot >= T || locked.Table < 1 || locked.Table > TableCount)
                    throw new ArgumentException($"Meeting '{meeting.Id}' is locked outside the slot/table range.", nameof(problem));
                if (meeting.FixedTable is { } f && f != locked.Table)
                    throw new ArgumentException($"Meeting '{meeting.Id}' is locked at table {locked.Table} but has fixed table {f}.", nameof(problem));
                if (!Available[a * T + locked.Slot] || !Available[b * T + locked.Slot])
                    throw new ArgumentException($"Meeting '{meeting.Id}' is locked in slot {locked.Slot}, where a side is unavailable.", nameof(problem));
                LockedSlot[m] = locked.Slot;
                PinnedTable[m] = locked.Table;
                FeasibleSlots[m] = [locked.Slot];
                continue;
            }

            shared.Clear();
            for (var t = 0; t < T; t++)
            {
                if (Available[a * T + t] && Available[b * T + t]) shared.Add(t);
            }
            // With no table at all (or only reserved ones for a free meeting) nothing can be placed.
            var hasTable = PinnedTable[m] != 0 || TableCount - ReservedCount > 0;
            FeasibleSlots[m] = hasTable ? shared.ToArray() : [];
        }
    }

    /// <summary>Whether the meeting takes one of the N - reserved general-purpose tables in its slot.</summary>
    public bool ConsumesGeneralTable(int m) => PinnedTable[m] == 0 || !Reserved[PinnedTable[m]];
}
