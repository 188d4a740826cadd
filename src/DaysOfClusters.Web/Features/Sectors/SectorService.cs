using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Network;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Sectors;

public sealed record SectorResult(bool Ok, string? Error = null, int? Id = null)
{
    public static SectorResult Success(int id) => new(true, null, id);
    public static SectorResult Refused(string error) => new(false, error);
}

/// <summary>The organisers' sector list: add, rename, reorder, retire and restore. Global, not per edition.</summary>
public sealed class SectorService(IDbContextFactory<AppDbContext> dbFactory)
{
    public const int MaxNameLength = 100;

    /// <summary>All sectors in the organisers' order; retired ones only when asked for.</summary>
    public async Task<IReadOnlyList<Sector>> ListAsync(bool includeRetired = false, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var query = db.Sectors.AsNoTracking();
        if (!includeRetired) query = query.Where(s => !s.Retired);
        return await query.OrderBy(s => s.SortOrder).ThenBy(s => s.Name).ToListAsync(ct);
    }

    /// <summary>How many matchmaking profiles and directory organisations hold each sector.</summary>
    public async Task<IReadOnlyDictionary<int, (int Profiles, int Organisations)>> UsageAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var profiles = await db.MatchmakingProfileSectors.GroupBy(x => x.SectorId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        var organisations = await db.OrganisationSectors.GroupBy(x => x.SectorId).Select(g => new { g.Key, Count = g.Count() }).ToDictionaryAsync(x => x.Key, x => x.Count, ct);
        return profiles.Keys.Union(organisations.Keys).ToDictionary(id => id, id => (profiles.GetValueOrDefault(id), organisations.GetValueOrDefault(id)));
    }

    public async Task<SectorResult> AddAsync(string? name, CancellationToken ct = default)
    {
        var (clean, error) = Validate(name);
        if (error is not null) return SectorResult.Refused(error);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await DuplicateAsync(db, clean!, null, ct) is { } taken) return SectorResult.Refused($"“{taken}” is already in the list.");
        var last = await db.Sectors.MaxAsync(s => (int?)s.SortOrder, ct) ?? 0;
        var sector = new Sector { Name = clean!, NameKey = OrganisationSearch.Fold(clean), SortOrder = last + 10 };
        db.Add(sector);
        return await SaveAsync(db, sector, clean!, ct);
    }

    /// <summary>Renames the sector and keeps its Serbian name.</summary>
    public Task<SectorResult> RenameAsync(int id, string? name, CancellationToken ct = default) => RenameAsync(id, name, keepSerbian: true, null, ct);

    /// <summary>Renames the sector and sets its Serbian name (empty: attendees reading Serbian see the English name).</summary>
    public Task<SectorResult> RenameAsync(int id, string? name, string? serbianName, CancellationToken ct = default) => RenameAsync(id, name, keepSerbian: false, serbianName, ct);

    private async Task<SectorResult> RenameAsync(int id, string? name, bool keepSerbian, string? serbianName, CancellationToken ct)
    {
        var (clean, error) = Validate(name);
        if (error is not null) return SectorResult.Refused(error);
        string? serbian = null;
        if (!keepSerbian && !string.IsNullOrWhiteSpace(serbianName))
        {
            (serbian, error) = Validate(serbianName);
            if (error is not null) return SectorResult.Refused($"Serbian name: {error}");
        }
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sector = await db.Sectors.FirstOrDefaultAsync(s => s.Id == id, ct);
        if (sector is null) return SectorResult.Refused("Sector not found.");
        if (await DuplicateAsync(db, clean!, id, ct) is { } taken) return SectorResult.Refused($"“{taken}” is already in the list.");
        sector.Name = clean!;
        sector.NameKey = OrganisationSearch.Fold(clean);
        if (!keepSerbian) sector.NameSr = serbian;
        return await SaveAsync(db, sector, clean!, ct);
    }

    /// <summary>Moves the sector one place up (-1) or down (+1) and renumbers the list, in one transaction.</summary>
    public async Task<SectorResult> MoveAsync(int id, int direction, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        // The whole list is renumbered: on PostgreSQL two moves would each read the old order and overwrite each other's
        // places, so movers queue on the table (SQLite has one writer anyway). The read after the lock sees the last move.
        if (db.Database.IsNpgsql())
            await db.Database.ExecuteSqlRawAsync("LOCK TABLE \"Sector\" IN SHARE ROW EXCLUSIVE MODE", ct);
        var all = await db.Sectors.OrderBy(s => s.SortOrder).ThenBy(s => s.Name).ToListAsync(ct);
        var index = all.FindIndex(s => s.Id == id);
        if (index < 0) return SectorResult.Refused("Sector not found.");
        var target = index + Math.Sign(direction);
        if (direction == 0 || target < 0 || target >= all.Count) return SectorResult.Refused("The sector cannot move further.");
        (all[index], all[target]) = (all[target], all[index]);
        for (var i = 0; i < all.Count; i++) all[i].SortOrder = (i + 1) * 10;
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return SectorResult.Success(id);
    }

    /// <summary>Retires (or restores) a sector: profiles and organisations keep it, but it is no longer offered.</summary>
    public async Task<SectorResult> SetRetiredAsync(int id, bool retired, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var n = await db.Sectors.Where(s => s.Id == id).ExecuteUpdateAsync(x => x.SetProperty(s => s.Retired, retired), ct);
        return n == 0 ? SectorResult.Refused("Sector not found.") : SectorResult.Success(id);
    }

    /// <summary>
    /// The ids a profile or organisation may hold after an edit: every requested id must exist, and a retired one only
    /// when the record already had it. Returns an error (and no ids) otherwise.
    /// </summary>
    public static async Task<(List<int> Ids, string? Error)> CheckPickAsync(AppDbContext db, IEnumerable<int>? requested, IReadOnlyCollection<int> current, CancellationToken ct)
    {
        var wanted = (requested ?? []).Distinct().ToList();
        if (wanted.Count == 0) return ([], null);
        if (wanted.Count > 20) return ([], "Choose at most 20 sectors.");
        var found = await db.Sectors.AsNoTracking().Where(s => wanted.Contains(s.Id)).Select(s => new { s.Id, s.Name, s.Retired }).ToListAsync(ct);
        if (found.Count != wanted.Count) return ([], "One of the chosen sectors no longer exists.");
        if (found.FirstOrDefault(s => s.Retired && !current.Contains(s.Id)) is { } retired)
            return ([], $"The sector “{retired.Name}” is no longer offered.");
        return (wanted, null);
    }

    private static (string? Name, string? Error) Validate(string? name)
    {
        var clean = string.Join(' ', (name ?? "").Split((char[]?)null, StringSplitOptions.RemoveEmptyEntries));
        if (clean.Length == 0) return (null, "Enter the sector's name.");
        if (clean.Length > MaxNameLength) return (null, $"At most {MaxNameLength} characters.");
        if (clean.Contains(',', StringComparison.Ordinal)) return (null, "One sector per entry: a name without commas.");
        return (clean, null);
    }

    private static async Task<string?> DuplicateAsync(AppDbContext db, string name, int? exceptId, CancellationToken ct)
    {
        // The list is short: compare folded names here, so "agri-food" and "Agri-Food" or "Šume" and "sume" are one sector.
        var key = OrganisationSearch.Fold(name);
        var all = await db.Sectors.AsNoTracking().Where(s => s.Id != (exceptId ?? 0)).Select(s => new { s.Name, s.NameKey }).ToListAsync(ct);
        return all.FirstOrDefault(s => s.NameKey == key || OrganisationSearch.Fold(s.Name) == key)?.Name;
    }

    private static async Task<SectorResult> SaveAsync(AppDbContext db, Sector sector, string name, CancellationToken ct)
    {
        try
        {
            await db.SaveChangesAsync(ct);
            return SectorResult.Success(sector.Id);
        }
        catch (DbUpdateException)
        {
            // Another organiser stored the same name at the same moment: the unique index refused this one.
            return SectorResult.Refused($"“{name}” is already in the list.");
        }
    }
}
