namespace DaysOfClusters.Web.Features.Matchmaking.Scheduling;

/// <summary>A participant and the slots (0..T-1) in which they can meet.</summary>
public sealed record SchedulingParticipant(string Id, IReadOnlyList<int> AvailableSlots);

/// <summary>
/// An accepted meeting between participants <paramref name="A"/> and <paramref name="B"/>.
/// Higher <paramref name="Priority"/> wins lexicographically: one more meeting of a higher priority beats any number of lower ones.
/// <paramref name="FixedTable"/> is set when a side owns a fixed table; <paramref name="Locked"/> pins the meeting where it is.
/// </summary>
public sealed record SchedulingMeeting(string Id, string A, string B, int Priority = 0, int? FixedTable = null, MeetingPlacement? Locked = null);

/// <summary>A slot (0-based) and a table (1-based).</summary>
public sealed record MeetingPlacement(int Slot, int Table);

/// <summary>
/// Slots 0..<paramref name="Slots"/>-1 and tables 1..<paramref name="Tables"/>.
/// <paramref name="ReservedTables"/> are only used by meetings whose fixed (or locked) table they are.
/// </summary>
public sealed record SchedulingProblem(
    int Slots,
    int Tables,
    IReadOnlyList<SchedulingParticipant> Participants,
    IReadOnlyList<SchedulingMeeting> Meetings,
    IReadOnlyCollection<int>? ReservedTables = null);

/// <summary>Run settings; <paramref name="MaxIterations"/> makes a run reproducible independently of machine speed.</summary>
public sealed record SchedulerOptions(TimeSpan TimeLimit, int Seed = 0, long MaxIterations = long.MaxValue);

/// <summary>The placed meetings (unscheduled ones are absent) and the upper bound on how many could be placed.</summary>
public sealed record SchedulingResult(IReadOnlyDictionary<string, MeetingPlacement> Assignments, int UpperBound, TimeSpan Elapsed)
{
    public int Scheduled => Assignments.Count;

    /// <summary>Local-search iterations run after the greedy construction.</summary>
    public long Iterations { get; init; }
}
