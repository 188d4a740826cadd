using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Badges;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.CheckIn;

/// <summary>
/// What a scanner reads besides the scan itself: the editions and their points, the signed offline list, the name search at a
/// desk and a point's head count. Reads only, so it stays out of <see cref="CheckInService"/>'s write path.
/// </summary>
public sealed class ScannerLookups(IDbContextFactory<AppDbContext> dbFactory, BadgeKeyService keys, TimeProvider clock)
{
    public async Task<List<ScannerEditionDto>> ScannerEditionsAsync(int? onlyEditionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var editions = await db.Editions.AsNoTracking()
            .Where(e => e.Status != EditionStatus.Archived && (onlyEditionId == null || e.Id == onlyEditionId))
            .OrderByDescending(e => e.StartDate).Select(e => new { e.Id, e.Slug, e.Title, e.TimeZoneId }).ToListAsync(ct);
        var ids = editions.Select(e => e.Id).ToList();
        var points = await db.CheckInPoints.AsNoTracking().Where(p => ids.Contains(p.EditionId) && !p.IsArchived)
            .OrderBy(p => p.SortOrder).ThenBy(p => p.Day).ThenBy(p => p.Name)
            .Select(p => new { p.EditionId, Dto = new CheckInPointDto(p.Id, p.Name, p.Kind, p.Day, p.SessionId, p.SortOrder) }).ToListAsync(ct);
        return editions.Select(e => new ScannerEditionDto(e.Id, e.Slug, e.Title, e.TimeZoneId,
            points.Where(p => p.EditionId == e.Id).Select(p => p.Dto).ToList())).ToList();
    }

    /// <summary>Confirmed attendees with a current badge, and the badges to refuse; null when there is no such edition.</summary>
    public async Task<OfflineAttendeeListDto?> OfflineListAsync(string slug, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var edition = await db.Editions.AsNoTracking().Where(e => e.Slug == slug).Select(e => new { e.Id, e.Slug, e.TimeZoneId }).FirstOrDefaultAsync(ct);
        if (edition is null) return null;
        var spki = await keys.SpkiBase64Async(edition.Id, ct);
        var rows = await (from b in db.IssuedBadges.AsNoTracking()
                          where b.EditionId == edition.Id
                          join r in db.Registrations on b.RegistrationId equals r.Id
                          join c in db.RegistrationCategories on r.CategoryId equals c.Id
                          join k in db.Countries on r.CountryCode equals k.Code
                          select new
                          {
                              b.TicketId, b.IssueNumber, b.RevokedUtc, b.RevokedReason, r.Id, r.Status, r.FirstName, r.LastName, r.Organisation,
                              Country = k.Name, Category = c.Name, c.BadgeColor,
                          }).ToListAsync(ct);
        var attendees = new List<OfflineAttendeeDto>();
        var revoked = new List<OfflineRevocationDto>();
        foreach (var row in rows)
        {
            var ticket = BadgeTicketId.ToHex(unchecked((ulong)row.TicketId));
            if (row.RevokedUtc is not null) revoked.Add(new OfflineRevocationDto(ticket, row.IssueNumber, row.RevokedReason ?? "revoked"));
            else if (row.Status != RegistrationStatus.Confirmed) revoked.Add(new OfflineRevocationDto(ticket, row.IssueNumber, row.Status.ToString().ToLowerInvariant()));
            else attendees.Add(new OfflineAttendeeDto(ticket, row.IssueNumber, row.Id, $"{row.FirstName} {row.LastName}".Trim(), row.Organisation, row.Country, row.Category, row.BadgeColor));
        }
        var points = (await ScannerEditionsAsync(edition.Id, ct)).FirstOrDefault()?.Points ?? [];
        return new OfflineAttendeeListDto(edition.Id, edition.Slug, edition.TimeZoneId, "ES256", spki, clock.GetUtcNow().UtcDateTime, points, attendees, revoked);
    }

    public async Task<List<AttendeeSearchHit>> SearchAsync(int pointId, string query, CancellationToken ct = default)
    {
        query = query.Trim().ToLowerInvariant();
        if (query.Length < 2) return [];
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var point = await db.CheckInPoints.AsNoTracking().Where(p => p.Id == pointId).Select(p => new { p.Id, p.EditionId }).FirstOrDefaultAsync(ct);
        if (point is null) return [];
        var hits = await (from r in db.Registrations.AsNoTracking()
                          where r.EditionId == point.EditionId && r.AnonymisedUtc == null
                                // Names and organisation only: matching e-mail substrings would let a scanner probe who registered with which address.
                                && ((r.FirstName + " " + r.LastName).ToLower().Contains(query) || r.Organisation.ToLower().Contains(query))
                          join c in db.RegistrationCategories on r.CategoryId equals c.Id
                          join k in db.Countries on r.CountryCode equals k.Code
                          orderby r.LastName, r.FirstName
                          select new
                          {
                              r.Id, r.FirstName, r.LastName, r.Organisation, Country = k.Name, Category = c.Name, c.BadgeColor, r.Status,
                              Inside = db.Presences.Any(p => p.PointId == point.Id && p.RegistrationId == r.Id && p.InsideSince != null),
                          }).Take(20).ToListAsync(ct);
        return hits.Select(h => new AttendeeSearchHit(h.Id, $"{h.FirstName} {h.LastName}", h.Organisation, h.Country, h.Category, h.BadgeColor,
            h.Status.ToString(), h.Inside)).ToList();
    }

    public async Task<int> InsideNowAsync(int pointId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.CheckInPoints.Where(p => p.Id == pointId).Select(p => p.InsideNow).FirstOrDefaultAsync(ct);
    }
}
