using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using DaysOfClusters.Web.Infrastructure;
using DaysOfClusters.Web.Infrastructure.Mail;
using MimeKit;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;

namespace DaysOfClusters.Web.Features.Agenda;

public enum SeatBookingOutcome
{
    Booked = 1,
    Waitlisted = 2,
    AlreadyHeld = 3,
    Overlaps = 4,
    NotBookable = 5,
    NotAllowed = 6,
}

public sealed record SeatBookingResult(SeatBookingOutcome Outcome, int? WaitlistPosition = null, string? ClashWith = null);

public sealed record SeatListRow(int BookingId, int RegistrationId, string Name, string Organisation, string CountryCode, SeatBookingStatus Status, int? WaitlistPosition, DateTime CreatedUtc);

/// <summary>A directory organisation with people holding seats at a round table.</summary>
public sealed record RoundTableOrganisation(int OrganisationId, string Name, string? ShortName, string CountryCode, bool NetworkMember, int Seats)
{
    public string Label => $"{Name}{(ShortName is { Length: > 0 } s ? $" ({s})" : "")} · {CountryCode}";
}

public sealed record MySeat(int SessionId, string Title, DateTime StartUtc, DateTime EndUtc, SeatBookingStatus Status, int? WaitlistPosition, int WaitingAhead);

/// <summary>Round-table seats: booking from the manage link, waiting lists, cancellations that promote the first waiting.</summary>
public sealed class RoundTableService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, IMailSender mail, IOptions<MailOptions> mailOptions,
    PublicUrls urls, ILogger<RoundTableService> logger)
{

    /// <summary>The registration behind a manage-link token (any status), or null.</summary>
    public async Task<Registration.Registration?> RegistrationByTokenAsync(string token, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 200) return null;
        var hash = Registration.RegistrationRules.Sha256Hex(token);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Registrations.AsNoTracking().FirstOrDefaultAsync(r => r.ManageTokenHash == hash, ct);
    }

    /// <summary>Books a seat, or a place on the waiting list when the table is full. The first statement of the transaction is a write
    /// on the session row, so SQLite takes its write lock before anything is read (and PostgreSQL locks the row): bookings of one
    /// session are serialised and counts read afterwards are exact.</summary>
    public async Task<SeatBookingResult> BookAsync(int registrationId, int sessionId, CancellationToken ct = default)
    {
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                return await TryBookAsync(registrationId, sessionId, ct);
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // A concurrent first booking of the same person created the lock row, or a double click hit the unique
                // (registration, session) index: start again; the second attempt sees the other transaction's result.
            }
        }
    }

    private async Task<SeatBookingResult> TryBookAsync(int registrationId, int sessionId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var locked = await db.Sessions.Where(s => s.Id == sessionId && s.Kind == SessionKind.RoundTable && s.SeatCapacity != null && s.Status != SessionStatus.Cancelled)
            .ExecuteUpdateAsync(u => u.SetProperty(s => s.SeatLockVersion, s => s.SeatLockVersion + 1), ct);
        if (locked == 0) return new SeatBookingResult(SeatBookingOutcome.NotBookable);
        var session = await db.Sessions.AsNoTracking().FirstAsync(s => s.Id == sessionId, ct);

        var registration = await db.Registrations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == registrationId, ct);
        if (registration is null || registration.EditionId != session.EditionId || registration.Status != RegistrationStatus.Confirmed)
            return new SeatBookingResult(SeatBookingOutcome.NotAllowed);

        // Second lock, per person (always after the session's, so the lock order is the same everywhere).
        var personLocked = await db.SeatHolders.Where(h => h.RegistrationId == registrationId)
            .ExecuteUpdateAsync(u => u.SetProperty(h => h.LockVersion, h => h.LockVersion + 1), ct);
        if (personLocked == 0)
        {
            db.SeatHolders.Add(new SeatHolder { RegistrationId = registrationId });
            await db.SaveChangesAsync(ct);
        }

        var held = await db.SeatBookings.AsNoTracking().Where(b => b.RegistrationId == registrationId)
            .Join(db.Sessions, b => b.SessionId, s => s.Id, (b, s) => new { s.Id, s.Title, s.StartUtc, s.EndUtc })
            .ToListAsync(ct);
        if (held.Any(h => h.Id == sessionId)) return new SeatBookingResult(SeatBookingOutcome.AlreadyHeld);
        var clash = held.FirstOrDefault(h => AgendaRules.Overlaps(h.StartUtc, h.EndUtc, session.StartUtc, session.EndUtc));
        if (clash is not null) return new SeatBookingResult(SeatBookingOutcome.Overlaps, ClashWith: clash.Title);

        var booked = await db.SeatBookings.CountAsync(b => b.SessionId == sessionId && b.Status == SeatBookingStatus.Booked, ct);
        var booking = new SeatBooking { RegistrationId = registrationId, SessionId = sessionId, CreatedUtc = clock.GetUtcNow().UtcDateTime };
        if (booked < session.SeatCapacity)
        {
            booking.Status = SeatBookingStatus.Booked;
        }
        else
        {
            var last = await db.SeatBookings.Where(b => b.SessionId == sessionId).MaxAsync(b => b.WaitlistPosition, ct);
            booking.Status = SeatBookingStatus.Waitlisted;
            booking.WaitlistPosition = (last ?? 0) + 1;
        }
        db.SeatBookings.Add(booking);
        await db.SaveChangesAsync(ct);
        await tx.CommitAsync(ct);
        return new SeatBookingResult(booking.Status == SeatBookingStatus.Booked ? SeatBookingOutcome.Booked : SeatBookingOutcome.Waitlisted, booking.WaitlistPosition);
    }

    /// <summary>Gives a seat (or waiting place) back; a freed seat goes to the first person waiting, who is told by e-mail.</summary>
    public async Task<bool> CancelAsync(int registrationId, int sessionId, CancellationToken ct = default)
    {
        List<int> promoted;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            await db.Sessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.SeatLockVersion, s => s.SeatLockVersion + 1), ct);
            var booking = await db.SeatBookings.FirstOrDefaultAsync(b => b.RegistrationId == registrationId && b.SessionId == sessionId, ct);
            if (booking is null) return false;
            db.SeatBookings.Remove(booking);
            await db.SaveChangesAsync(ct);
            promoted = booking.Status == SeatBookingStatus.Booked ? await PromoteAsync(db, sessionId, ct) : [];
            await tx.CommitAsync(ct);
        }
        await TellPromotedAsync(sessionId, promoted, ct);
        return true;
    }

    /// <summary>After an organiser raised a round table's seat count: the people waiting first get the new seats (and an e-mail).</summary>
    public async Task<int> FillFreeSeatsAsync(int sessionId, CancellationToken ct = default)
    {
        List<int> promoted;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            await using var tx = await db.Database.BeginTransactionAsync(ct);
            var locked = await db.Sessions.Where(s => s.Id == sessionId && s.Kind == SessionKind.RoundTable && s.SeatCapacity != null && s.Status != SessionStatus.Cancelled)
                .ExecuteUpdateAsync(u => u.SetProperty(s => s.SeatLockVersion, s => s.SeatLockVersion + 1), ct);
            if (locked == 0) return 0;
            promoted = await PromoteAsync(db, sessionId, ct);
            await tx.CommitAsync(ct);
        }
        await TellPromotedAsync(sessionId, promoted, ct);
        return promoted.Count;
    }

    /// <summary>
    /// Seats (and waiting places) of people whose registration was cancelled, rejected or erased go back: the freed seats go to
    /// the first people waiting, who are e-mailed. Registration does not know about seats, so <see cref="SeatReleaseWorker"/>
    /// calls this every minute; each table is handled under its own lock, like a cancellation from the manage page.
    /// </summary>
    public async Task<int> ReleaseEndedAsync(CancellationToken ct = default)
    {
        List<int> sessionIds;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            sessionIds = await EndedBookings(db).Select(b => b.SessionId).Distinct().ToListAsync(ct);
        }
        var released = 0;
        foreach (var sessionId in sessionIds)
        {
            List<int> promoted;
            await using (var db = await dbFactory.CreateDbContextAsync(ct))
            {
                await using var tx = await db.Database.BeginTransactionAsync(ct);
                await db.Sessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.SeatLockVersion, s => s.SeatLockVersion + 1), ct);
                var freed = await EndedBookings(db).Where(b => b.SessionId == sessionId).ExecuteDeleteAsync(ct);
                promoted = freed > 0 ? await PromoteAsync(db, sessionId, ct) : [];
                await tx.CommitAsync(ct);
                released += freed;
            }
            await TellPromotedAsync(sessionId, promoted, ct);
        }
        return released;
    }

    private static IQueryable<SeatBooking> EndedBookings(AppDbContext db) =>
        db.SeatBookings.Where(b => db.Registrations.Any(r => r.Id == b.RegistrationId
            && (r.Status == RegistrationStatus.Cancelled || r.Status == RegistrationStatus.Rejected || r.AnonymisedUtc != null)));

    /// <summary>Inside the caller's locked transaction: moves the first waiting people into free seats. Positions keep their numbers
    /// (they are never reused), so the order of the remaining list does not change.</summary>
    private static async Task<List<int>> PromoteAsync(AppDbContext db, int sessionId, CancellationToken ct)
    {
        var capacity = await db.Sessions.Where(s => s.Id == sessionId).Select(s => s.SeatCapacity).FirstAsync(ct) ?? 0;
        var booked = await db.SeatBookings.CountAsync(b => b.SessionId == sessionId && b.Status == SeatBookingStatus.Booked, ct);
        if (booked >= capacity) return [];
        var next = await db.SeatBookings.Where(b => b.SessionId == sessionId && b.Status == SeatBookingStatus.Waitlisted)
            .OrderBy(b => b.WaitlistPosition).Take(capacity - booked).ToListAsync(ct);
        foreach (var b in next) b.Status = SeatBookingStatus.Booked;
        await db.SaveChangesAsync(ct);
        return next.Select(b => b.RegistrationId).ToList();
    }

    /// <summary>After commit, so a mail failure never undoes a seat.</summary>
    private async Task TellPromotedAsync(int sessionId, List<int> registrationIds, CancellationToken ct)
    {
        if (registrationIds.Count == 0) return;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var session = await db.Sessions.AsNoTracking().Include(s => s.Room).FirstAsync(s => s.Id == sessionId, ct);
        var edition = await db.Editions.AsNoTracking().FirstAsync(e => e.Id == session.EditionId, ct);
        var people = await db.Registrations.AsNoTracking().Where(r => registrationIds.Contains(r.Id) && r.AnonymisedUtc == null).ToListAsync(ct);
        foreach (var person in people)
        {
            try
            {
                await mail.SendAsync(SeatMails.Promoted(person, edition, session, mailOptions.Value, urls.BaseUrl), ct);
            }
            catch (Exception ex)
            {
                logger.LogWarning(ex, "Seat promotion notice to registration {RegistrationId} failed", person.Id);
            }
        }
    }

    public async Task<List<SeatListRow>> SeatListAsync(int sessionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.SeatBookings.AsNoTracking().Where(b => b.SessionId == sessionId)
            .Join(db.Registrations, b => b.RegistrationId, r => r.Id, (b, r) => new { b, r.FirstName, r.LastName, r.Organisation, r.CountryCode })
            .ToListAsync(ct);
        return rows.OrderBy(x => x.b.Status).ThenBy(x => x.b.Status == SeatBookingStatus.Booked ? x.LastName : null).ThenBy(x => x.b.WaitlistPosition)
            .Select(x => new SeatListRow(x.b.Id, x.b.RegistrationId, $"{x.FirstName} {x.LastName}", x.Organisation, x.CountryCode, x.b.Status, x.b.WaitlistPosition, x.b.CreatedUtc))
            .ToList();
    }

    public async Task<List<MySeat>> MySeatsAsync(int registrationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.SeatBookings.AsNoTracking().Where(b => b.RegistrationId == registrationId)
            .Join(db.Sessions, b => b.SessionId, s => s.Id, (b, s) => new { b, s.Title, s.StartUtc, s.EndUtc })
            .ToListAsync(ct);
        var result = new List<MySeat>();
        foreach (var x in rows.OrderBy(r => r.StartUtc))
        {
            var ahead = x.b.Status == SeatBookingStatus.Waitlisted
                ? await db.SeatBookings.CountAsync(o => o.SessionId == x.b.SessionId && o.Status == SeatBookingStatus.Waitlisted && o.WaitlistPosition < x.b.WaitlistPosition, ct)
                : 0;
            result.Add(new MySeat(x.b.SessionId, x.Title, x.StartUtc, x.EndUtc, x.b.Status, x.b.WaitlistPosition, ahead));
        }
        return result;
    }

    /// <summary>
    /// The directory organisations (Features/Network) of the people holding a seat at each round table of an edition, with
    /// their seat counts, most seats first. <paramref name="listedOnly"/> (public and attendee pages) counts only people
    /// who agreed to be listed for networking, so an organisation never reveals a person who did not.
    /// </summary>
    public Task<Dictionary<int, List<RoundTableOrganisation>>> ParticipatingOrganisationsAsync(int editionId, bool listedOnly, CancellationToken ct = default) =>
        ParticipatingAsync(db => db.Sessions.Where(s => s.EditionId == editionId && s.Kind == SessionKind.RoundTable).Select(s => s.Id), listedOnly, ct);

    /// <summary>The directory organisations at one round table, every seat holder counted (the organisers' seat list).</summary>
    public async Task<List<RoundTableOrganisation>> ParticipatingOrganisationsOfAsync(int sessionId, CancellationToken ct = default) =>
        (await ParticipatingAsync(db => db.Sessions.Where(s => s.Id == sessionId).Select(s => s.Id), listedOnly: false, ct)).GetValueOrDefault(sessionId) ?? [];

    private async Task<Dictionary<int, List<RoundTableOrganisation>>> ParticipatingAsync(Func<AppDbContext, IQueryable<int>> sessions, bool listedOnly, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var sessionIds = sessions(db);
        var rows = await (from b in db.SeatBookings
                          where sessionIds.Contains(b.SessionId) && b.Status == SeatBookingStatus.Booked
                          join r in db.Registrations on b.RegistrationId equals r.Id
                          where !listedOnly || r.NetworkingConsent
                          join l in db.RegistrationOrganisations on r.Id equals l.RegistrationId
                          join o in db.Organisations on l.OrganisationId equals o.Id
                          group o by new { b.SessionId, o.Id, o.Name, o.ShortName, o.CountryCode, o.NetworkMemberSince } into g
                          select new { g.Key.SessionId, g.Key.Id, g.Key.Name, g.Key.ShortName, g.Key.CountryCode, g.Key.NetworkMemberSince, Seats = g.Count() })
            .ToListAsync(ct);
        return rows.GroupBy(x => x.SessionId).ToDictionary(g => g.Key, g => g
            .Select(x => new RoundTableOrganisation(x.Id, x.Name, x.ShortName, x.CountryCode, x.NetworkMemberSince is not null, x.Seats))
            .OrderByDescending(o => o.Seats).ThenBy(o => o.Name, StringComparer.CurrentCulture).ToList());
    }

    /// <summary>Booked and waiting counts per round table of an edition.</summary>
    public async Task<Dictionary<int, (int Booked, int Waiting)>> CountsAsync(int editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var rows = await db.SeatBookings.AsNoTracking()
            .Join(db.Sessions.Where(s => s.EditionId == editionId), b => b.SessionId, s => s.Id, (b, s) => new { b.SessionId, b.Status })
            .GroupBy(x => new { x.SessionId, x.Status }).Select(g => new { g.Key.SessionId, g.Key.Status, Count = g.Count() }).ToListAsync(ct);
        return rows.GroupBy(r => r.SessionId).ToDictionary(g => g.Key,
            g => (g.Where(x => x.Status == SeatBookingStatus.Booked).Sum(x => x.Count), g.Where(x => x.Status == SeatBookingStatus.Waitlisted).Sum(x => x.Count)));
    }
}

/// <summary>Plain-text seat messages in English and Serbian (Latin).</summary>
public static class SeatMails
{
    public static MimeMessage Promoted(Registration.Registration person, Edition edition, Session session, MailOptions from, string baseUrl)
    {
        var serbian = person.Language == "sr-Latn";
        var culture = System.Globalization.CultureInfo.GetCultureInfo(serbian ? "sr-Latn" : "en-GB");
        var when = $"{EditionRules.ToLocal(session.StartUtc, edition.TimeZoneId).ToString("dddd d MMMM yyyy, HH:mm", culture)}–{EditionRules.ToLocal(session.EndUtc, edition.TimeZoneId):HH:mm}"
                   + (session.Room is null ? "" : $", {session.Room.Name}");
        var agenda = $"{baseUrl}/e/{edition.Slug}/agenda";
        var message = new MimeMessage
        {
            Subject = serbian ? $"{edition.Title}: dobili ste mesto za okruglim stolom" : $"{edition.Title}: you have a seat at the round table",
        };
        message.From.Add(new MailboxAddress(from.FromName, from.FromAddress));
        message.To.Add(new MailboxAddress(person.FullName, person.Email));
        var text = serbian
            ? $"Poštovani/a {person.FullName},\n\nOslobodilo se mesto i sada je vaše: {session.Title} ({when}).\nAko ipak ne možete da dođete, otkažite mesto preko vašeg linka za upravljanje prijavom da bi ga dobio sledeći na listi čekanja.\n\nProgram: {agenda}\n"
            : $"Dear {person.FullName},\n\nA seat has become free and is now yours: {session.Title} ({when}).\nIf you cannot come after all, please cancel it from your manage link so that the next person waiting gets it.\n\nAgenda: {agenda}\n";
        message.Body = new TextPart("plain") { Text = text, ContentTransferEncoding = ContentEncoding.EightBit };
        return message;
    }
}

/// <summary>Every minute: gives back the round-table seats of registrations that ended (see <see cref="RoundTableService.ReleaseEndedAsync"/>).</summary>
public sealed class SeatReleaseWorker(RoundTableService seats, TimeProvider clock, IOptions<AgendaOptions> options, ILogger<SeatReleaseWorker> logger) : BackgroundService
{
    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        // Agenda:SeatReleaseMinutes: tests that call ReleaseEndedAsync themselves set it high so the worker does not race them.
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(options.Value.SeatReleaseMinutes), clock);
        do
        {
            try
            {
                var released = await seats.ReleaseEndedAsync(stoppingToken);
                if (released > 0) logger.LogInformation("Released {Count} round-table seat(s) of ended registrations", released);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogWarning(e, "Releasing round-table seats of ended registrations failed; trying again in a minute");
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
