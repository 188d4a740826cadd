using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Matchmaking.Scheduling;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Matchmaking;

/// <summary>
/// The schedule of accepted meetings: placing them all (<see cref="MeetingScheduler"/>) or one by hand, moving, locking,
/// publishing, the organiser's grid and each participant's published meetings.
/// </summary>
public sealed class MeetingSchedule(IDbContextFactory<AppDbContext> dbFactory)
{
    private sealed record Context(IReadOnlyList<DateTime> Slots, IReadOnlyList<MatchmakingTable> Tables, List<MeetingRequest> Accepted,
        Dictionary<int, HashSet<DateTime>> Availability, List<MeetingAssignment> Assignments);

    private static async Task<Context> LoadAsync(AppDbContext db, int editionId, CancellationToken ct)
    {
        var blocks = await db.MatchmakingBlocks.AsNoTracking().Where(b => b.EditionId == editionId).ToListAsync(ct);
        var tables = await db.MatchmakingTables.AsNoTracking().Where(t => t.EditionId == editionId).OrderBy(t => t.Number).ToListAsync(ct);
        var accepted = await db.MeetingRequests.AsNoTracking()
            .Where(m => m.EditionId == editionId && m.Status == MeetingRequestStatus.Accepted).OrderBy(m => m.Id).ToListAsync(ct);
        var people = accepted.SelectMany(m => new[] { m.FromRegistrationId, m.ToRegistrationId }).Distinct().ToList();
        var availability = (await db.MatchmakingAvailabilities.AsNoTracking().Where(a => people.Contains(a.RegistrationId)).ToListAsync(ct))
            .GroupBy(a => a.RegistrationId).ToDictionary(g => g.Key, g => g.Select(a => a.SlotStartUtc).ToHashSet());
        var assignments = await db.MeetingAssignments.Where(a => a.EditionId == editionId).ToListAsync(ct);
        return new Context(MatchmakingSetup.SlotsOf(blocks).Select(s => s.Start).ToList(), tables, accepted, availability, assignments);
    }

    /// <summary>
    /// Schedules every accepted meeting it can: locked assignments stay, the others are placed afresh by <see cref="MeetingScheduler"/>.
    /// The result is checked by <see cref="ScheduleValidator"/> and stored only when valid.
    /// </summary>
    public async Task<ScheduleOutcome> ScheduleAllAsync(int editionId, double seconds, int seed = 1, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var c = await LoadAsync(db, editionId, ct);
        var slotIndex = c.Slots.Select((s, i) => (s, i)).ToDictionary(x => x.s, x => x.i);
        var tableIndex = c.Tables.Select((t, i) => (t.Id, i + 1)).ToDictionary(x => x.Id, x => x.Item2);
        var locked = c.Assignments.Where(a => a.Locked).ToDictionary(a => a.RequestId);
        var fixedTables = c.Tables.Where(t => t.FixedRegistrationId != null).ToList();

        var participants = c.Accepted.SelectMany(m => new[] { m.FromRegistrationId, m.ToRegistrationId }).Distinct()
            .Select(id => new SchedulingParticipant(id.ToString(System.Globalization.CultureInfo.InvariantCulture),
                c.Availability.TryGetValue(id, out var set) ? set.Where(slotIndex.ContainsKey).Select(s => slotIndex[s]).Order().ToList() : []))
            .ToList();
        var meetings = c.Accepted.Select(m =>
        {
            var fixedTable = fixedTables.FirstOrDefault(t => t.FixedRegistrationId == m.FromRegistrationId || t.FixedRegistrationId == m.ToRegistrationId) is { } ft
                ? tableIndex[ft.Id] : (int?)null;
            var pinned = locked.TryGetValue(m.Id, out var a) && slotIndex.TryGetValue(a.SlotStartUtc, out var si) && tableIndex.TryGetValue(a.TableId, out var ti)
                ? new MeetingPlacement(si, ti) : (MeetingPlacement?)null;
            return new SchedulingMeeting(Key(m.Id), Key(m.FromRegistrationId), Key(m.ToRegistrationId), m.Priority ? 1 : 0, fixedTable, pinned);
        }).ToList();
        var problem = new SchedulingProblem(c.Slots.Count, c.Tables.Count, participants, meetings, fixedTables.Select(t => tableIndex[t.Id]).ToList());

        if (c.Slots.Count == 0 || c.Tables.Count == 0 || meetings.Count == 0)
            return new ScheduleOutcome(0, c.Accepted.Count, 0, [], TimeSpan.Zero);

        var result = new MeetingScheduler().Schedule(problem, TimeSpan.FromSeconds(Math.Clamp(seconds, 0.1, 60)), seed);
        var violations = ScheduleValidator.Violations(problem, result);
        if (violations.Count > 0) return new ScheduleOutcome(0, c.Accepted.Count, result.UpperBound, violations, result.Elapsed);

        var tableIds = c.Tables.Select(t => t.Id).ToList();
        db.RemoveRange(c.Assignments.Where(a => !a.Locked || !result.Assignments.ContainsKey(Key(a.RequestId))));
        foreach (var (key, placement) in result.Assignments)
        {
            var requestId = int.Parse(key, System.Globalization.CultureInfo.InvariantCulture);
            if (locked.TryGetValue(requestId, out var kept) && kept.SlotStartUtc == c.Slots[placement.Slot] && kept.TableId == tableIds[placement.Table - 1]) continue;
            var wasLocked = locked.TryGetValue(requestId, out var moved);
            if (moved is not null) db.Remove(moved);
            db.Add(new MeetingAssignment
            {
                RequestId = requestId, EditionId = editionId, SlotStartUtc = c.Slots[placement.Slot], TableId = tableIds[placement.Table - 1],
                Locked = wasLocked,
            });
        }
        await db.SaveChangesAsync(ct);
        return new ScheduleOutcome(result.Scheduled, c.Accepted.Count, result.UpperBound, [], result.Elapsed);
    }

    private static string Key(int id) => id.ToString(System.Globalization.CultureInfo.InvariantCulture);

    /// <summary>Moves a meeting to another slot and table, refused when someone is busy or unavailable or the table is taken.</summary>
    public async Task<MatchmakingResult> MoveAsync(int assignmentId, DateTime slotStartUtc, int tableId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var assignment = await db.MeetingAssignments.FirstOrDefaultAsync(a => a.Id == assignmentId, ct);
        if (assignment is null) return MatchmakingResult.Refused("Meeting not found.", "Mm_Err_MeetingNotFound");
        var error = await ConflictAsync(db, assignment.EditionId, assignment.RequestId, slotStartUtc, tableId, assignmentId, ct);
        if (error is not null) return MatchmakingResult.Refused(error);
        assignment.SlotStartUtc = slotStartUtc;
        assignment.TableId = tableId;
        await db.SaveChangesAsync(ct);
        return MatchmakingResult.Success(assignment.Id);
    }

    /// <summary>Places an accepted, unscheduled meeting by hand (same checks as a move).</summary>
    public async Task<MatchmakingResult> PlaceAsync(int requestId, DateTime slotStartUtc, int tableId, bool locked = true, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var request = await db.MeetingRequests.AsNoTracking().FirstOrDefaultAsync(m => m.Id == requestId, ct);
        if (request is null || request.Status != MeetingRequestStatus.Accepted) return MatchmakingResult.Refused("Only accepted meetings can be scheduled.");
        if (await db.MeetingAssignments.AnyAsync(a => a.RequestId == requestId, ct)) return MatchmakingResult.Refused("The meeting is already scheduled.");
        var error = await ConflictAsync(db, request.EditionId, requestId, slotStartUtc, tableId, null, ct);
        if (error is not null) return MatchmakingResult.Refused(error);
        var assignment = new MeetingAssignment { RequestId = requestId, EditionId = request.EditionId, SlotStartUtc = slotStartUtc, TableId = tableId, Locked = locked };
        db.Add(assignment);
        await db.SaveChangesAsync(ct);
        return MatchmakingResult.Success(assignment.Id);
    }

    private static async Task<string?> ConflictAsync(AppDbContext db, int editionId, int requestId, DateTime slotStartUtc, int tableId, int? ignoreAssignmentId, CancellationToken ct)
    {
        var request = await db.MeetingRequests.AsNoTracking().FirstAsync(m => m.Id == requestId, ct);
        var slots = MatchmakingSetup.SlotsOf(await db.MatchmakingBlocks.AsNoTracking().Where(b => b.EditionId == editionId).ToListAsync(ct));
        if (slots.All(s => s.Start != slotStartUtc)) return "That is not a matchmaking slot.";
        var table = await db.MatchmakingTables.AsNoTracking().FirstOrDefaultAsync(t => t.Id == tableId && t.EditionId == editionId, ct);
        if (table is null) return "Table not found.";
        int[] sides = [request.FromRegistrationId, request.ToRegistrationId];
        if (table.FixedRegistrationId is { } owner && !sides.Contains(owner)) return "That table is reserved for another participant.";
        var available = await db.MatchmakingAvailabilities.CountAsync(a => sides.Contains(a.RegistrationId) && a.SlotStartUtc == slotStartUtc, ct);
        if (available < 2) return "Both sides must be available in that slot.";
        var inSlot = db.MeetingAssignments.Where(a => a.EditionId == editionId && a.SlotStartUtc == slotStartUtc && a.Id != (ignoreAssignmentId ?? 0));
        if (await inSlot.AnyAsync(a => a.TableId == tableId, ct)) return "The table is taken in that slot.";
        var busy = await (from a in inSlot
                          join m in db.MeetingRequests on a.RequestId equals m.Id
                          where sides.Contains(m.FromRegistrationId) || sides.Contains(m.ToRegistrationId)
                          select a.Id).AnyAsync(ct);
        return busy ? "One of the participants already has a meeting in that slot." : null;
    }

    public async Task<MatchmakingResult> SetLockedAsync(int assignmentId, bool locked, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var n = await db.MeetingAssignments.Where(a => a.Id == assignmentId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Locked, locked), ct);
        return n == 0 ? MatchmakingResult.Refused("Meeting not found.", "Mm_Err_MeetingNotFound") : MatchmakingResult.Success(assignmentId);
    }

    public async Task<MatchmakingResult> UnscheduleAsync(int assignmentId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var n = await db.MeetingAssignments.Where(a => a.Id == assignmentId).ExecuteDeleteAsync(ct);
        return n == 0 ? MatchmakingResult.Refused("Meeting not found.", "Mm_Err_MeetingNotFound") : MatchmakingResult.Success();
    }

    /// <summary>Makes the current schedule visible to participants; returns how many meetings were published.</summary>
    public async Task<int> PublishAsync(int editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.MeetingAssignments.Where(a => a.EditionId == editionId).ExecuteUpdateAsync(s => s.SetProperty(a => a.Published, true), ct);
    }

    public async Task<IReadOnlyList<GridMeeting>> GridAsync(int editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (
            from a in db.MeetingAssignments
            join t in db.MatchmakingTables on a.TableId equals t.Id
            join m in db.MeetingRequests on a.RequestId equals m.Id
            join f in db.Registrations on m.FromRegistrationId equals f.Id
            join o in db.Registrations on m.ToRegistrationId equals o.Id
            where a.EditionId == editionId
            orderby a.SlotStartUtc, t.Number
            select new { a, t.Number, m.FromRegistrationId, m.ToRegistrationId, m.Priority, AName = f.FirstName + " " + f.LastName, BName = o.FirstName + " " + o.LastName })
            .ToListAsync(ct);
        var sides = await MeetingSides.OfAsync(db, rows.SelectMany(x => new[] { x.FromRegistrationId, x.ToRegistrationId }), ct);
        return rows.Select(x => new GridMeeting(x.a.Id, x.a.RequestId, x.a.SlotStartUtc, x.a.TableId, x.Number, x.AName, sides[x.FromRegistrationId].Organisation,
            x.BName, sides[x.ToRegistrationId].Organisation, x.a.Locked, x.a.Published, x.Priority, sides[x.FromRegistrationId].Kind, sides[x.ToRegistrationId].Kind)).ToList();
    }

    /// <summary>Accepted meetings without a slot and table yet (the grid offers them for placing by hand).</summary>
    public async Task<IReadOnlyList<UnscheduledMeeting>> UnscheduledAsync(int editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (
            from m in db.MeetingRequests
            join f in db.Registrations on m.FromRegistrationId equals f.Id
            join o in db.Registrations on m.ToRegistrationId equals o.Id
            where m.EditionId == editionId && m.Status == MeetingRequestStatus.Accepted && !db.MeetingAssignments.Any(a => a.RequestId == m.Id)
            orderby m.Priority descending, m.Id
            select new { m.Id, m.FromRegistrationId, m.ToRegistrationId, m.Priority, AName = f.FirstName + " " + f.LastName, BName = o.FirstName + " " + o.LastName })
            .ToListAsync(ct);
        var sides = await MeetingSides.OfAsync(db, rows.SelectMany(x => new[] { x.FromRegistrationId, x.ToRegistrationId }), ct);
        return rows.Select(x => new UnscheduledMeeting(x.Id, x.AName, sides[x.FromRegistrationId].Organisation, x.BName, sides[x.ToRegistrationId].Organisation, x.Priority,
            sides[x.FromRegistrationId].Kind, sides[x.ToRegistrationId].Kind)).ToList();
    }

    /// <summary>The participant's published meetings, in time order.</summary>
    public async Task<IReadOnlyList<MyMeeting>> MyScheduleAsync(int registrationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await (
            from a in db.MeetingAssignments
            join t in db.MatchmakingTables on a.TableId equals t.Id
            join m in db.MeetingRequests on a.RequestId equals m.Id
            join other in db.Registrations on (m.FromRegistrationId == registrationId ? m.ToRegistrationId : m.FromRegistrationId) equals other.Id
            where a.Published && m.Status == MeetingRequestStatus.Accepted && (m.FromRegistrationId == registrationId || m.ToRegistrationId == registrationId)
            orderby a.SlotStartUtc
            select new { a.EditionId, a.SlotStartUtc, t.Number, t.Name, Other = other.FirstName + " " + other.LastName, OtherId = other.Id, RequestId = m.Id,
                other.CountryCode }).ToListAsync(ct);
        if (rows.Count == 0) return [];
        var slots = MatchmakingSetup.SlotsOf(await db.MatchmakingBlocks.AsNoTracking().Where(b => b.EditionId == rows[0].EditionId).ToListAsync(ct))
            .ToDictionary(s => s.Start, s => s.End);
        var sides = await MeetingSides.OfAsync(db, rows.Select(r => r.OtherId).Append(registrationId), ct);
        var me = sides.GetValueOrDefault(registrationId, (Organisation: "", Kind: OrganisationType.Other));
        return rows.Select(r => new MyMeeting(r.SlotStartUtc, slots.GetValueOrDefault(r.SlotStartUtc, r.SlotStartUtc), r.Number, r.Name, r.Other,
            sides[r.OtherId].Organisation, r.RequestId, r.CountryCode, C2C.Of(me.Kind, sides[r.OtherId].Kind))).ToList();
    }

    /// <summary>The registration's organisation as the directory knows it (else as typed), for the personal schedule's heading.</summary>
    public async Task<(string Organisation, OrganisationType Kind)?> OrganisationOfAsync(int registrationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await MeetingSides.OfAsync(db, [registrationId], ct)).TryGetValue(registrationId, out var side) ? side : null;
    }
}
