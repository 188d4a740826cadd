namespace DaysOfClusters.Web.Features.Matchmaking.Scheduling;

/// <summary>Checks a result against every hard rule; an empty list means the schedule is valid.</summary>
public static class ScheduleValidator
{
    public static IReadOnlyList<string> Violations(SchedulingProblem problem, SchedulingResult result)
    {
        ArgumentNullException.ThrowIfNull(result);
        return Violations(problem, result.Assignments);
    }

    public static IReadOnlyList<string> Violations(SchedulingProblem problem, IReadOnlyDictionary<string, MeetingPlacement> assignments)
    {
        ArgumentNullException.ThrowIfNull(assignments);
        var p = new IndexedProblem(problem);
        var violations = new List<string>();
        var T = p.SlotCount;
        var participantBusy = new Dictionary<(int Participant, int Slot), string>();
        var tableBusy = new Dictionary<(int Slot, int Table), string>();

        foreach (var (meetingId, placement) in assignments.OrderBy(kv => kv.Key, StringComparer.Ordinal))
        {
            if (!p.MeetingIndex.TryGetValue(meetingId, out var m))
            {
                violations.Add($"Unknown meeting '{meetingId}' is scheduled.");
                continue;
            }
            var (slot, table) = (placement.Slot, placement.Table);
            if (slot < 0 || slot >= T)
            {
                violations.Add($"Meeting '{meetingId}' is in slot {slot}, outside 0..{T - 1}.");
                continue;
            }
            if (table < 1 || table > p.TableCount) violations.Add($"Meeting '{meetingId}' is at table {table}, outside 1..{p.TableCount}.");
            foreach (var side in new[] { p.SideA[m], p.SideB[m] })
            {
                var participantId = problem.Participants[side].Id;
                if (!p.Available[side * T + slot]) violations.Add($"Meeting '{meetingId}' is in slot {slot}, where '{participantId}' is unavailable.");
                if (!participantBusy.TryAdd((side, slot), meetingId))
                    violations.Add($"'{participantId}' has both '{participantBusy[(side, slot)]}' and '{meetingId}' in slot {slot}.");
            }
            if (!tableBusy.TryAdd((slot, table), meetingId))
                violations.Add($"Table {table} holds both '{tableBusy[(slot, table)]}' and '{meetingId}' in slot {slot}.");
            var meeting = problem.Meetings[m];
            if (meeting.FixedTable is { } fixedTable && table != fixedTable)
                violations.Add($"Meeting '{meetingId}' is at table {table} instead of its fixed table {fixedTable}.");
            if (meeting.Locked is { } locked && locked != placement)
                violations.Add($"Locked meeting '{meetingId}' moved from slot {locked.Slot}, table {locked.Table}.");
            if (table >= 1 && table <= p.TableCount && p.Reserved[table] && meeting.FixedTable != table && meeting.Locked?.Table != table)
                violations.Add($"Meeting '{meetingId}' uses reserved table {table}.");
        }

        foreach (var meeting in problem.Meetings)
        {
            if (meeting.Locked is not null && !assignments.ContainsKey(meeting.Id))
                violations.Add($"Locked meeting '{meeting.Id}' is not scheduled.");
        }
        return violations;
    }
}
