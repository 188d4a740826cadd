using DaysOfClusters.Web.Data;
using Microsoft.EntityFrameworkCore;
using static DaysOfClusters.Web.Features.Matchmaking.MatchmakingText;

namespace DaysOfClusters.Web.Features.Matchmaking;

/// <summary>
/// What a matchmaking runs on: the edition's rules (meeting cap, request expiry), its blocks and their slots, its tables,
/// and when each participant can meet.
/// </summary>
public sealed class MatchmakingSetup(IDbContextFactory<AppDbContext> dbFactory)
{
    public static readonly int[] AllowedSlotMinutes = [15, 20, 30];

    public async Task<MatchmakingSettings> SettingsAsync(int editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.MatchmakingSettings.AsNoTracking().FirstOrDefaultAsync(s => s.EditionId == editionId, ct)
            ?? new MatchmakingSettings { EditionId = editionId };
    }

    public async Task SaveSettingsAsync(int editionId, int? maxMeetings, int expiryHours, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var settings = await db.MatchmakingSettings.FirstOrDefaultAsync(s => s.EditionId == editionId, ct);
        if (settings is null) db.Add(settings = new MatchmakingSettings { EditionId = editionId });
        settings.MaxMeetingsPerParticipant = maxMeetings is > 0 ? maxMeetings : null;
        settings.RequestExpiryHours = Math.Clamp(expiryHours, 1, 24 * 60);
        await db.SaveChangesAsync(ct);
    }

    public async Task<IReadOnlyList<MatchmakingBlock>> BlocksAsync(int editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.MatchmakingBlocks.AsNoTracking().Where(b => b.EditionId == editionId).OrderBy(b => b.StartUtc).ToListAsync(ct);
    }

    public async Task<MatchmakingResult> AddBlockAsync(int editionId, DateTime startUtc, DateTime endUtc, int slotMinutes, CancellationToken ct = default)
    {
        if (!AllowedSlotMinutes.Contains(slotMinutes)) return MatchmakingResult.Refused("Slots last 15, 20 or 30 minutes.");
        if (endUtc < startUtc.AddMinutes(slotMinutes)) return MatchmakingResult.Refused("The block must hold at least one slot.");
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.MatchmakingBlocks.AnyAsync(b => b.EditionId == editionId && b.StartUtc < endUtc && startUtc < b.EndUtc, ct))
            return MatchmakingResult.Refused("The block overlaps another one.");
        var block = new MatchmakingBlock { EditionId = editionId, StartUtc = startUtc, EndUtc = endUtc, SlotMinutes = slotMinutes };
        db.Add(block);
        await db.SaveChangesAsync(ct);
        return MatchmakingResult.Success(block.Id);
    }

    public async Task RemoveBlockAsync(int blockId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.MatchmakingBlocks.Where(b => b.Id == blockId).ExecuteDeleteAsync(ct);
    }

    /// <summary>Slots of the edition, each as (start, end) in UTC, in time order.</summary>
    public async Task<IReadOnlyList<(DateTime Start, DateTime End)>> SlotsAsync(int editionId, CancellationToken ct = default) =>
        SlotsOf(await BlocksAsync(editionId, ct));

    public static IReadOnlyList<(DateTime Start, DateTime End)> SlotsOf(IEnumerable<MatchmakingBlock> blocks)
    {
        var slots = new List<(DateTime, DateTime)>();
        foreach (var block in blocks.OrderBy(b => b.StartUtc))
        {
            for (var start = block.StartUtc; start.AddMinutes(block.SlotMinutes) <= block.EndUtc; start = start.AddMinutes(block.SlotMinutes))
                slots.Add((start, start.AddMinutes(block.SlotMinutes)));
        }
        return slots;
    }

    public async Task<IReadOnlyList<MatchmakingTable>> TablesAsync(int editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.MatchmakingTables.AsNoTracking().Where(t => t.EditionId == editionId).OrderBy(t => t.Number).ToListAsync(ct);
    }

    /// <summary>Adds <paramref name="count"/> numbered tables after the highest number.</summary>
    public async Task AddTablesAsync(int editionId, int count, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var max = await db.MatchmakingTables.Where(t => t.EditionId == editionId).MaxAsync(t => (int?)t.Number, ct) ?? 0;
        for (var i = 1; i <= Math.Clamp(count, 0, 500); i++) db.Add(new MatchmakingTable { EditionId = editionId, Number = max + i });
        await db.SaveChangesAsync(ct);
    }

    public async Task<MatchmakingResult> UpdateTableAsync(int tableId, string? name, int? fixedRegistrationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var table = await db.MatchmakingTables.FirstOrDefaultAsync(t => t.Id == tableId, ct);
        if (table is null) return MatchmakingResult.Refused("Table not found.");
        if (fixedRegistrationId is { } rid && !await db.Registrations.AnyAsync(r => r.Id == rid && r.EditionId == table.EditionId, ct))
            return MatchmakingResult.Refused("No such registration in this edition.");
        table.Name = Clip(name, 100);
        table.FixedRegistrationId = fixedRegistrationId;
        await db.SaveChangesAsync(ct);
        return MatchmakingResult.Success(table.Id);
    }

    public async Task RemoveTableAsync(int tableId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.MatchmakingTables.Where(t => t.Id == tableId).ExecuteDeleteAsync(ct);
    }

    public async Task<IReadOnlySet<DateTime>> AvailabilityAsync(int registrationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.MatchmakingAvailabilities.Where(a => a.RegistrationId == registrationId).Select(a => a.SlotStartUtc).ToListAsync(ct)).ToHashSet();
    }

    /// <summary>Replaces the participant's availability with the given slot starts (those that are not slots of the edition are ignored).</summary>
    public async Task<MatchmakingResult> SetAvailabilityAsync(int registrationId, IEnumerable<DateTime> slotStartsUtc, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var editionId = await db.Registrations.Where(r => r.Id == registrationId).Select(r => (int?)r.EditionId).FirstOrDefaultAsync(ct);
        if (editionId is null) return MatchmakingResult.Refused("Registration not found.", "Mm_Err_RegistrationNotFound");
        var valid = (await SlotsAsync(editionId.Value, ct)).Select(s => s.Start).ToHashSet();
        var wanted = slotStartsUtc.Select(s => DateTime.SpecifyKind(s, DateTimeKind.Utc)).Where(valid.Contains).ToHashSet();
        var existing = await db.MatchmakingAvailabilities.Where(a => a.RegistrationId == registrationId).ToListAsync(ct);
        db.RemoveRange(existing.Where(a => !wanted.Contains(a.SlotStartUtc)));
        foreach (var start in wanted.Where(w => existing.All(a => a.SlotStartUtc != w)))
            db.Add(new MatchmakingAvailability { RegistrationId = registrationId, SlotStartUtc = start });
        await db.SaveChangesAsync(ct);
        return MatchmakingResult.Success();
    }
}
