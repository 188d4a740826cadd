using System.Security.Cryptography;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Geography;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.CheckIn;

public sealed record CheckInPointInput(string Name, CheckInPointKind Kind, DateOnly? Day, int? SessionId);

/// <summary>A session a door can be set up for, as the organiser picks it: title and local start.</summary>
public sealed record DoorSessionOption(int SessionId, string Label, bool HasDoor);

/// <summary>Organiser side of check-in: points, device tokens and the dashboard figures.</summary>
public sealed class CheckInAdminService(IDbContextFactory<AppDbContext> dbFactory, DeviceTokenService deviceTokens, CheckInCache cache, TimeProvider clock)
{
    public async Task<List<CheckInPointDto>> PointsAsync(int editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CheckInPoints.AsNoTracking().Where(p => p.EditionId == editionId && !p.IsArchived)
            .OrderBy(p => p.SortOrder).ThenBy(p => p.Day).ThenBy(p => p.Name)
            .Select(p => new CheckInPointDto(p.Id, p.Name, p.Kind, p.Day, p.SessionId, p.SortOrder)).ToListAsync(ct);
    }

    /// <summary>Adds a point; null when the name is empty or already used in the edition.</summary>
    public async Task<CheckInPointDto?> AddPointAsync(int editionId, CheckInPointInput input, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(input);
        var name = input.Name.Trim();
        if (name.Length is 0 or > 100) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Editions.AnyAsync(e => e.Id == editionId, ct)) return null;
        if (await db.CheckInPoints.AnyAsync(p => p.EditionId == editionId && p.Name == name, ct)) return null;
        var order = await db.CheckInPoints.Where(p => p.EditionId == editionId).Select(p => (int?)p.SortOrder).MaxAsync(ct) ?? 0;
        var point = new CheckInPoint
        {
            EditionId = editionId, Name = name, Kind = input.Kind, Day = input.Day, SessionId = input.SessionId, SortOrder = order + 1,
            CreatedUtc = clock.GetUtcNow().UtcDateTime,
        };
        db.CheckInPoints.Add(point);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return null;
        }
        // A scanner may have asked for this id before it existed.
        cache.ForgetPoint(point.Id);
        return new CheckInPointDto(point.Id, point.Name, point.Kind, point.Day, point.SessionId, point.SortOrder);
    }

    /// <summary>One entrance per day of the edition that has none yet.</summary>
    public async Task<int> AddEntrancePerDayAsync(int editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var edition = await db.Editions.AsNoTracking().FirstOrDefaultAsync(e => e.Id == editionId, ct);
        if (edition is null) return 0;
        var added = 0;
        var dayNumber = 1;
        for (var day = edition.StartDate; day <= edition.EndDate; day = day.AddDays(1), dayNumber++)
        {
            var d = day;
            if (await db.CheckInPoints.AnyAsync(p => p.EditionId == editionId && p.Kind == CheckInPointKind.Entrance && p.Day == d, ct)) continue;
            if (await AddPointAsync(editionId, new CheckInPointInput($"Entrance day {dayNumber} ({day:ddd d MMM})", CheckInPointKind.Entrance, day, null), ct) is not null)
                added++;
        }
        return added;
    }

    /// <summary>The edition's sessions a door scanner makes sense for (no breaks, none cancelled), in programme order.</summary>
    public async Task<List<DoorSessionOption>> DoorSessionsAsync(int editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var timeZone = await db.Editions.Where(e => e.Id == editionId).Select(e => e.TimeZoneId).FirstOrDefaultAsync(ct);
        if (timeZone is null) return [];
        var withDoor = await db.CheckInPoints.Where(p => p.EditionId == editionId && p.SessionId != null && !p.IsArchived).Select(p => p.SessionId!.Value).ToListAsync(ct);
        var sessions = await db.Sessions.AsNoTracking()
            .Where(s => s.EditionId == editionId && s.Status != Agenda.SessionStatus.Cancelled && s.Kind != Agenda.SessionKind.Break)
            .OrderBy(s => s.StartUtc).ThenBy(s => s.Title).Select(s => new { s.Id, s.Title, s.StartUtc }).ToListAsync(ct);
        return sessions.Select(s => new DoorSessionOption(s.Id,
            $"{EditionRules.ToLocal(s.StartUtc, timeZone):ddd d MMM HH:mm} · {s.Title}", withDoor.Contains(s.Id))).ToList();
    }

    /// <summary>A session door for every session that has none yet: a training's attendance is counted at these doors.</summary>
    public async Task<int> AddDoorPerSessionAsync(int editionId, CancellationToken ct = default)
    {
        var added = 0;
        foreach (var session in (await DoorSessionsAsync(editionId, ct)).Where(s => !s.HasDoor))
        {
            var name = session.Label.Length > 100 ? session.Label[..100] : session.Label;
            // Two sessions with the same title at the same time, or a closed door's old name: the session's number tells them apart.
            var suffix = $" · #{session.SessionId}";
            if (await AddPointAsync(editionId, new CheckInPointInput(name, CheckInPointKind.SessionDoor, null, session.SessionId), ct) is not null
                || await AddPointAsync(editionId, new CheckInPointInput((name.Length > 100 - suffix.Length ? name[..(100 - suffix.Length)] : name) + suffix,
                    CheckInPointKind.SessionDoor, null, session.SessionId), ct) is not null)
                added++;
        }
        return added;
    }

    /// <summary>Closes a point: it keeps its history but no longer accepts scans.</summary>
    public async Task<bool> ArchivePointAsync(int editionId, int pointId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var done = await db.CheckInPoints.Where(p => p.Id == pointId && p.EditionId == editionId)
            .ExecuteUpdateAsync(s => s.SetProperty(p => p.IsArchived, true), ct) == 1;
        cache.ForgetPoint(pointId);
        return done;
    }

    public async Task<List<ScannerDeviceDto>> DevicesAsync(int editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.ScannerDevices.AsNoTracking().Where(d => d.EditionId == editionId).OrderByDescending(d => d.Id)
            .Select(d => new ScannerDeviceDto(d.Id, d.Name, d.CreatedUtc, d.RevokedUtc, d.LastUsedUtc)).ToListAsync(ct);
    }

    /// <summary>Creates a device and returns its token; only the token's hash is stored, so this is the one time it is shown.</summary>
    public async Task<IssuedDeviceToken?> IssueDeviceAsync(int editionId, string name, string? userId, CancellationToken ct = default)
    {
        name = (name ?? "").Trim();
        if (name.Length is 0 or > 100) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!await db.Editions.AnyAsync(e => e.Id == editionId, ct)) return null;
        var token = DeviceTokenService.NewToken();
        var device = new ScannerDevice
        {
            EditionId = editionId, Name = name, TokenHash = DeviceTokenService.Hash(token), CreatedUtc = clock.GetUtcNow().UtcDateTime, CreatedByUserId = userId,
        };
        db.ScannerDevices.Add(device);
        await db.SaveChangesAsync(ct);
        return new IssuedDeviceToken(new ScannerDeviceDto(device.Id, device.Name, device.CreatedUtc, null, null), token);
    }

    public async Task<bool> RevokeDeviceAsync(int editionId, int deviceId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var done = await db.ScannerDevices.Where(d => d.Id == deviceId && d.EditionId == editionId && d.RevokedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(d => d.RevokedUtc, now), ct) == 1;
        deviceTokens.Forget(deviceId);
        return done;
    }

    public async Task<CheckInDashboard?> DashboardAsync(int editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var edition = await db.Editions.AsNoTracking().Where(e => e.Id == editionId).Select(e => new { e.Id, e.TimeZoneId }).FirstOrDefaultAsync(ct);
        if (edition is null) return null;
        var attended = CheckInQueries.AttendedRegistrationIds(db, editionId);

        var people = await (from r in db.Registrations.AsNoTracking()
                            where r.EditionId == editionId && r.Status == RegistrationStatus.Confirmed
                            join c in db.RegistrationCategories on r.CategoryId equals c.Id
                            join k in db.Countries on r.CountryCode equals k.Code
                            select new { Category = c.Name, c.BadgeColor, c.SortOrder, k.Continent, CheckedIn = attended.Contains(r.Id) })
            .ToListAsync(ct);
        var byCategory = people.GroupBy(p => (p.Category, p.BadgeColor, p.SortOrder)).OrderBy(g => g.Key.SortOrder)
            .Select(g => new CheckedInShare(g.Key.Category, g.Key.BadgeColor, g.Count(), g.Count(p => p.CheckedIn))).ToList();
        var byContinent = people.GroupBy(p => p.Continent).OrderByDescending(g => g.Count())
            .Select(g => new CheckedInShare(g.Key.DisplayName(), null, g.Count(), g.Count(p => p.CheckedIn))).ToList();

        // Arrivals: each person's first accepted entry anywhere in the edition.
        var firsts = await db.Presences.AsNoTracking().Where(p => p.EditionId == editionId && p.FirstEntryUtc != null)
            .GroupBy(p => p.RegistrationId).Select(g => g.Min(p => p.FirstEntryUtc)).ToListAsync(ct);
        var arrivals = firsts.Where(f => f is not null)
            .Select(f => EditionRules.ToLocal(f!.Value, edition.TimeZoneId))
            .GroupBy(t => new DateTime(t.Year, t.Month, t.Day, t.Hour, t.Minute / 15 * 15, 0, DateTimeKind.Unspecified))
            .OrderBy(g => g.Key).Select(g => new ArrivalBucket(g.Key, g.Count())).ToList();

        var points = await db.CheckInPoints.AsNoTracking().Where(p => p.EditionId == editionId && !p.IsArchived)
            .OrderBy(p => p.SortOrder).ThenBy(p => p.Name)
            .Select(p => new PointOccupancy(p.Id, p.Name, p.Kind, p.Day,
                db.Presences.Count(x => x.PointId == p.Id && x.InsideSince != null),
                db.Presences.Count(x => x.PointId == p.Id && x.EntryCount > 0)))
            .ToListAsync(ct);

        var recent = await (from s in db.ScanLog.AsNoTracking()
                            where s.EditionId == editionId
                            orderby s.Id descending
                            join p in db.CheckInPoints on s.PointId equals p.Id
                            join r in db.Registrations on s.RegistrationId equals r.Id into rs
                            from r in rs.DefaultIfEmpty()
                            select new { s.Id, s.ScannedUtc, Point = p.Name, s.Outcome, s.Direction, r.FirstName, r.LastName, s.ReasonCode, s.ReasonText, s.IsLateUpload })
            .Take(20).ToListAsync(ct);
        var lastScans = recent.OrderByDescending(s => s.Id).Select(s => new RecentScan(s.Id, EditionRules.ToLocal(s.ScannedUtc, edition.TimeZoneId), s.Point, s.Outcome, s.Direction,
            s.FirstName is null ? null : $"{s.FirstName} {s.LastName}", s.ReasonCode, s.ReasonText, s.IsLateUpload)).ToList();

        return new CheckInDashboard(editionId, edition.TimeZoneId, people.Count, people.Count(p => p.CheckedIn), arrivals, byCategory, byContinent, points, lastScans);
    }
}
