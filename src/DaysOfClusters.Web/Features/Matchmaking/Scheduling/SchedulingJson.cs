using System.Text.Json;
using System.Text.Json.Serialization;

namespace DaysOfClusters.Web.Features.Matchmaking.Scheduling;

/// <summary>
/// The bench/import format: {"slots":T,"tables":N,"participants":[{"id","available":[..]}],"meetings":[{"id","a","b","priority"?,"fixedTable"?,"locked"?}]}
/// and {"assignments":[{"meeting","slot","table"}]}.
/// </summary>
public static class SchedulingJson
{
    private static readonly JsonSerializerOptions Options = new(JsonSerializerDefaults.Web)
    {
        DefaultIgnoreCondition = JsonIgnoreCondition.WhenWritingNull,
    };

    public static SchedulingProblem ReadProblem(string json)
    {
        var dto = JsonSerializer.Deserialize<ProblemDto>(json, Options) ?? throw new JsonException("Empty scheduling instance.");
        return new SchedulingProblem(
            dto.Slots,
            dto.Tables,
            (dto.Participants ?? []).Select(p => new SchedulingParticipant(p.Id, p.Available ?? [])).ToList(),
            (dto.Meetings ?? []).Select(m => new SchedulingMeeting(
                m.Id, m.A, m.B, m.Priority ?? 0, m.FixedTable, m.Locked is { } l ? new MeetingPlacement(l.Slot, l.Table) : null)).ToList(),
            dto.ReservedTables);
    }

    public static string WriteProblem(SchedulingProblem problem)
    {
        ArgumentNullException.ThrowIfNull(problem);
        var dto = new ProblemDto(
            problem.Slots,
            problem.Tables,
            problem.Participants.Select(p => new ParticipantDto(p.Id, p.AvailableSlots.ToArray())).ToArray(),
            problem.Meetings.Select(m => new MeetingDto(
                m.Id, m.A, m.B, m.Priority == 0 ? null : m.Priority, m.FixedTable,
                m.Locked is { } l ? new PlacementDto(l.Slot, l.Table) : null)).ToArray(),
            problem.ReservedTables?.ToArray());
        return JsonSerializer.Serialize(dto, Options);
    }

    /// <summary>Assignments in the problem's meeting order, so the output is stable.</summary>
    public static string WriteAssignments(SchedulingProblem problem, IReadOnlyDictionary<string, MeetingPlacement> assignments)
    {
        ArgumentNullException.ThrowIfNull(problem);
        ArgumentNullException.ThrowIfNull(assignments);
        var rows = problem.Meetings
            .Where(m => assignments.ContainsKey(m.Id))
            .Select(m => new AssignmentDto(m.Id, assignments[m.Id].Slot, assignments[m.Id].Table))
            .ToArray();
        return JsonSerializer.Serialize(new AssignmentsDto(rows), Options);
    }

    public static IReadOnlyDictionary<string, MeetingPlacement> ReadAssignments(string json)
    {
        var dto = JsonSerializer.Deserialize<AssignmentsDto>(json, Options) ?? throw new JsonException("Empty schedule.");
        return (dto.Assignments ?? []).ToDictionary(a => a.Meeting, a => new MeetingPlacement(a.Slot, a.Table), StringComparer.Ordinal);
    }

    private sealed record ProblemDto(int Slots, int Tables, ParticipantDto[]? Participants, MeetingDto[]? Meetings, int[]? ReservedTables = null);
    private sealed record ParticipantDto(string Id, int[]? Available);
    private sealed record MeetingDto(string Id, string A, string B, int? Priority = null, int? FixedTable = null, PlacementDto? Locked = null);
    private sealed record PlacementDto(int Slot, int Table);
    private sealed record AssignmentsDto(AssignmentDto[]? Assignments);
    private sealed record AssignmentDto(string Meeting, int Slot, int Table);
}
