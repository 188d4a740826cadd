using System.Globalization;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Badges;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.CheckIn;

/// <summary>Raised after every accepted scan so open dashboards refresh.</summary>
public sealed class CheckInNotifier
{
    public event Action<int>? ScanAccepted;

    public void Raise(int editionId) => ScanAccepted?.Invoke(editionId);
}

/// <summary>Scanning: verify the code, decide the outcome, keep presence and the append-only scan log. Used by the API and the pages.</summary>
public sealed class CheckInService(IDbContextFactory<AppDbContext> dbFactory, BadgeKeyService keys, CheckInNotifier notifier, TimeProvider clock)
{
    /// <summary>Scans uploaded more than this after they happened are marked as late uploads.</summary>
    public static readonly TimeSpan LateUploadAfter = TimeSpan.FromMinutes(2);

    private sealed record PointInfo(int Id, int EditionId, string Name, bool IsArchived, string TimeZoneId);

    private sealed record Identified(int? RegistrationId, long? TicketId, int? IssueNumber, string? RefusalCode, string? RefusalText);

    public async Task<ScanResult?> ScanAsync(ScanRequest request, ScanActor actor, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(request);
        ArgumentNullException.ThrowIfNull(actor);
        var now = clock.GetUtcNow().UtcDateTime;
        var nonce = string.IsNullOrWhiteSpace(request.Nonce) ? Guid.NewGuid().ToString("N") : request.Nonce.Trim();
        if (nonce.Length > 64) nonce = nonce[..64];

        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var replay = await db.ScanLog.AsNoTracking().FirstOrDefaultAsync(s => s.Nonce == nonce, ct);
        if (replay is not null) return await FromLogAsync(db, replay, ct);

        var point = await db.CheckInPoints.AsNoTracking().Where(p => p.Id == request.PointId)
            .Join(db.Editions, p => p.EditionId, e => e.Id, (p, e) => new PointInfo(p.Id, p.EditionId, p.Name, p.IsArchived, e.TimeZoneId))
            .FirstOrDefaultAsync(ct);
        if (point is null) return null;

        var scanned = request.ScannedAt?.UtcDateTime ?? now;
        if (scanned > now) scanned = now;
        var entry = new ScanLogEntry
        {
            EditionId = point.EditionId, PointId = point.Id, Nonce = nonce, Direction = request.Direction, ReasonCode = ScanReasons.Ok,
            CodeText = Truncate(request.RegistrationId is { } rid ? $"registration:{rid}" : request.Code?.Trim()),
            UserId = actor.UserId, DeviceId = actor.DeviceId, ScannedUtc = scanned, ReceivedUtc = now,
            IsLateUpload = request.Offline || now - scanned > LateUploadAfter,
        };

        var id = actor.DeviceEditionId is { } deviceEdition && deviceEdition != point.EditionId
            ? new Identified(null, null, null, ScanReasons.DeviceEdition, "This device is not registered for this edition")
            : point.IsArchived
                ? new Identified(null, null, null, ScanReasons.PointClosed, "This check-in point is closed")
                : await IdentifyAsync(db, request, point, ct);
        entry.TicketId = id.TicketId;
        entry.IssueNumber = id.IssueNumber;
        entry.RegistrationId = id.RegistrationId;

        AttendeeDisplay? attendee = null;
        if (id.RefusalCode is null && id.RegistrationId is { } registrationId)
        {
            var reg = await db.Registrations.AsNoTracking().Where(r => r.Id == registrationId)
                .Select(r => new { r.EditionId, r.Status }).FirstOrDefaultAsync(ct);
            if (reg is null || reg.EditionId != point.EditionId)
                id = id with { RefusalCode = reg is null ? ScanReasons.UnknownRegistration : ScanReasons.OtherEdition, RefusalText = reg is null ? "Unknown registration" : "Registered for another edition" };
            else if (reg.Status is RegistrationStatus.Cancelled or RegistrationStatus.Rejected)
                id = id with { RefusalCode = ScanReasons.Cancelled, RefusalText = $"Registration {reg.Status.ToString().ToLowerInvariant()}" };
            else if (reg.Status != RegistrationStatus.Confirmed)
                id = id with { RefusalCode = ScanReasons.NotConfirmed, RefusalText = $"Registration not confirmed ({reg.Status.ToString().ToLowerInvariant()})" };
        }
        if (id.RegistrationId is { } displayId) attendee = await DisplayAsync(db, displayId, ct);

        if (id.RefusalCode is not null)
        {
            entry.Outcome = ScanOutcome.Refused;
            entry.ReasonCode = id.RefusalCode;
            entry.ReasonText = id.RefusalText;
            return await AppendAsync(db, entry, point, attendee, ct);
        }

        var regId = id.RegistrationId!.Value;
        await using (var tx = await db.Database.BeginTransactionAsync(ct))
        {
            if (request.Direction == ScanDirection.Entry)
            {
                var won = await db.Presences.Where(p => p.PointId == point.Id && p.RegistrationId == regId && p.InsideSince == null)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.InsideSince, scanned)
                        .SetProperty(p => p.EntryCount, p => p.EntryCount + 1)
                        .SetProperty(p => p.FirstEntryUtc, p => p.FirstEntryUtc ?? scanned), ct) == 1;
                if (!won)
                {
                    var inside = await db.Presences.AsNoTracking().Where(p => p.PointId == point.Id && p.RegistrationId == regId)
                        .Select(p => new { p.InsideSince }).FirstOrDefaultAsync(ct);
                    if (inside is null)
                    {
                        var presence = new Presence
                        {
                            EditionId = point.EditionId, PointId = point.Id, RegistrationId = regId, InsideSince = scanned, FirstEntryUtc = scanned, EntryCount = 1,
                        };
                        db.Presences.Add(presence);
                        try
                        {
                            await db.SaveChangesAsync(ct);
                            won = true;
                        }
                        catch (DbUpdateException)
                        {
                            // A concurrent first entry inserted the row (databases that do not serialise writers): it won.
                            db.Entry(presence).State = EntityState.Detached;
                            await tx.RollbackAsync(ct);
                            return await ScanAsync(request with { Nonce = nonce }, actor, ct);
                        }
                    }
                    else
                    {
                        entry.CheckedInUtc = inside.InsideSince;
                    }
                }
                if (won)
                {
                    entry.Outcome = ScanOutcome.Accepted;
                    entry.CheckedInUtc = scanned;
                }
                else
                {
                    entry.Outcome = ScanOutcome.AlreadyInside;
                    entry.ReasonCode = ScanReasons.AlreadyInside;
                    entry.ReasonText = $"Already checked in at {Local(entry.CheckedInUtc!.Value, point.TimeZoneId)} at {point.Name}";
                }
            }
            else
            {
                var left = await db.Presences.Where(p => p.PointId == point.Id && p.RegistrationId == regId && p.InsideSince != null)
                    .ExecuteUpdateAsync(s => s.SetProperty(p => p.InsideSince, (DateTime?)null)
                        .SetProperty(p => p.LastExitUtc, scanned)
                        .SetProperty(p => p.ExitCount, p => p.ExitCount + 1), ct) == 1;
                entry.Outcome = left ? ScanOutcome.Accepted : ScanOutcome.NotInside;
                if (!left)
                {
                    entry.ReasonCode = ScanReasons.NotInside;
                    entry.ReasonText = $"Not checked in at {point.Name}";
                }
            }

            db.ScanLog.Add(entry);
            try
            {
                await db.SaveChangesAsync(ct);
                await tx.CommitAsync(ct);
            }
            catch (DbUpdateException)
            {
                // The same nonce was stored meanwhile (a re-sent scan racing its first copy): undo ours, answer theirs.
                await tx.RollbackAsync(ct);
                return await ReplayAsync(nonce, ct);
            }
        }
        if (entry.Outcome == ScanOutcome.Accepted) notifier.Raise(point.EditionId);
        return await ResultAsync(db, entry, point, attendee, replayed: false, ct);
    }

    /// <summary>Scans in order; each answer is what <see cref="ScanAsync"/> gives (a known nonce answers its stored outcome).</summary>
    public async Task<List<ScanResult?>> ScanBatchAsync(IReadOnlyList<ScanRequest> requests, ScanActor actor, CancellationToken ct = default)
    {
        var results = new List<ScanResult?>(requests.Count);
        foreach (var request in requests) results.Add(await ScanAsync(request, actor, ct));
        return results;
    }

    private async Task<Identified> IdentifyAsync(AppDbContext db, ScanRequest request, PointInfo point, CancellationToken ct)
    {
        if (request.RegistrationId is { } registrationId)
        {
            var badge = await db.IssuedBadges.AsNoTracking().Where(b => b.RegistrationId == registrationId)
                .OrderByDescending(b => b.IssueNumber).Select(b => new { b.TicketId, b.IssueNumber }).FirstOrDefaultAsync(ct);
            return new Identified(registrationId, badge?.TicketId, badge?.IssueNumber, null, null);
        }

        var code = request.Code?.Trim() ?? "";
        if (code.StartsWith("DOC", StringComparison.Ordinal))
        {
            var status = BadgeToken.TryParseUnverified(code, out var unverified, out _, out _);
            if (status == BadgeTokenReadStatus.UnsupportedVersion)
                return new Identified(null, null, null, ScanReasons.UnsupportedVersion, "Unsupported badge version");
            if (status != BadgeTokenReadStatus.Valid) return new Identified(null, null, null, ScanReasons.Invalid, "Not a valid code");
            var editionId = unverified!.EditionId;
            if (editionId != point.EditionId)
            {
                // Only an edition that has a key can have signed anything; a code naming another one is forged.
                var hasKey = await db.EditionSigningKeys.AnyAsync(k => k.EditionId == editionId, ct);
                if (!hasKey) return new Identified(null, null, null, ScanReasons.Forged, "Not a valid code (signature check failed)");
            }
            var read = BadgeToken.TryRead(code, await keys.VerificationKeyAsync(editionId, ct));
            if (!read.IsValid) return new Identified(null, null, null, ScanReasons.Forged, "Not a valid code (signature check failed)");
            var payload = read.Payload!;
            var ticket = unchecked((long)payload.TicketId);
            if (payload.EditionId != point.EditionId)
                return new Identified(null, ticket, payload.IssueNumber, ScanReasons.OtherEdition, "Badge of another edition");
            return await ByTicketAsync(db, point, ticket, payload.IssueNumber, ct);
        }

        if (BadgeTicketId.TryParseHex(code.ToLowerInvariant(), out var hexTicket) || BadgeTicketId.TryParseShortCode(code, out hexTicket))
            return await ByTicketAsync(db, point, unchecked((long)hexTicket), null, ct);

        return new Identified(null, null, null, ScanReasons.Invalid, "Not a valid code");
    }

    private static async Task<Identified> ByTicketAsync(AppDbContext db, PointInfo point, long ticket, int? issue, CancellationToken ct)
    {
        var badges = await db.IssuedBadges.AsNoTracking().Where(b => b.TicketId == ticket)
            .Select(b => new { b.EditionId, b.RegistrationId, b.IssueNumber, b.RevokedUtc, b.RevokedReason }).ToListAsync(ct);
        if (badges.Count == 0) return new Identified(null, ticket, issue, ScanReasons.UnknownTicket, "Unknown ticket");
        var latest = badges.MaxBy(b => b.IssueNumber)!;
        if (latest.EditionId != point.EditionId) return new Identified(null, ticket, issue, ScanReasons.OtherEdition, "Badge of another edition");
        var badge = issue is null ? latest : badges.FirstOrDefault(b => b.IssueNumber == issue);
        if (badge is null) return new Identified(latest.RegistrationId, ticket, issue, ScanReasons.UnknownTicket, "Unknown badge issue");
        if (badge.RevokedUtc is not null)
            return new Identified(badge.RegistrationId, ticket, badge.IssueNumber, ScanReasons.Revoked, $"Badge revoked: {badge.RevokedReason ?? "no reason given"}");
        if (badge.IssueNumber < latest.IssueNumber)
            return new Identified(badge.RegistrationId, ticket, badge.IssueNumber, ScanReasons.Revoked, "Badge revoked: superseded by a newer badge");
        return new Identified(badge.RegistrationId, ticket, badge.IssueNumber, null, null);
    }

    private async Task<ScanResult> AppendAsync(AppDbContext db, ScanLogEntry entry, PointInfo point, AttendeeDisplay? attendee, CancellationToken ct)
    {
        db.ScanLog.Add(entry);
        try
        {
            await db.SaveChangesAsync(ct);
        }
        catch (DbUpdateException)
        {
            return await ReplayAsync(entry.Nonce, ct);
        }
        return await ResultAsync(db, entry, point, attendee, replayed: false, ct);
    }

    private async Task<ScanResult> ReplayAsync(string nonce, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var stored = await db.ScanLog.AsNoTracking().FirstAsync(s => s.Nonce == nonce, ct);
        return await FromLogAsync(db, stored, ct);
    }

    private static async Task<ScanResult> FromLogAsync(AppDbContext db, ScanLogEntry stored, CancellationToken ct)
    {
        var point = await db.CheckInPoints.AsNoTracking().Where(p => p.Id == stored.PointId)
            .Join(db.Editions, p => p.EditionId, e => e.Id, (p, e) => new PointInfo(p.Id, p.EditionId, p.Name, p.IsArchived, e.TimeZoneId))
            .FirstAsync(ct);
        var attendee = stored.RegistrationId is { } id ? await DisplayAsync(db, id, ct) : null;
        return await ResultAsync(db, stored, point, attendee, replayed: true, ct);
    }

    private static async Task<ScanResult> ResultAsync(AppDbContext db, ScanLogEntry entry, PointInfo point, AttendeeDisplay? attendee, bool replayed, CancellationToken ct)
    {
        var insideNow = await db.Presences.CountAsync(p => p.PointId == point.Id && p.InsideSince != null, ct);
        return new ScanResult(entry.Outcome, entry.Direction, entry.ReasonCode, entry.ReasonText, attendee, entry.CheckedInUtc,
            entry.CheckedInUtc is { } at ? Local(at, point.TimeZoneId) : null, point.Id, point.Name, entry.Nonce, replayed, entry.IsLateUpload, insideNow);
    }

    private static Task<AttendeeDisplay?> DisplayAsync(AppDbContext db, int registrationId, CancellationToken ct) =>
        (from r in db.Registrations.AsNoTracking()
         where r.Id == registrationId
         join c in db.RegistrationCategories on r.CategoryId equals c.Id
         join k in db.Countries on r.CountryCode equals k.Code
         select new AttendeeDisplay(r.Id, r.FirstName + " " + r.LastName, r.Organisation, k.Name, k.Code, c.Name, c.BadgeColor))
        .FirstOrDefaultAsync(ct);

    private static string? Truncate(string? text) =>
        text is null ? null : text.Length <= ScanLogEntryConfiguration.CodeTextMax ? text : text[..ScanLogEntryConfiguration.CodeTextMax];

    public static string Local(DateTime utc, string timeZoneId) =>
        EditionRules.ToLocal(utc, timeZoneId).ToString("HH:mm", CultureInfo.InvariantCulture);

    // ---- Look-ups for the scanner ----

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
                                && ((r.FirstName + " " + r.LastName).ToLower().Contains(query) || r.Organisation.ToLower().Contains(query)
                                    || r.EmailNormalized.Contains(query))
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
        return await db.Presences.CountAsync(p => p.PointId == pointId && p.InsideSince != null, ct);
    }
}
