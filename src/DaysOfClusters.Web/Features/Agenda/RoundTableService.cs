using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

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

public sealed record MySeat(int SessionId, string Title, DateTime StartUtc, DateTime EndUtc, SeatBookingStatus Status, int? WaitlistPosition, int WaitingAhead);

/// <summary>Round-table seats: booking from the manage link, waiting lists, cancellations that promote the first waiting.</summary>
public sealed class RoundTableService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
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

    /// <summary>Gives a seat (or waiting place) back; a freed seat goes to the first person waiting.</summary>
    public async Task<bool> CancelAsync(int registrationId, int sessionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await db.Sessions.Where(s => s.Id == sessionId).ExecuteUpdateAsync(u => u.SetProperty(s => s.SeatLockVersion, s => s.SeatLockVersion + 1), ct);
        var booking = await db.SeatBookings.FirstOrDefaultAsync(b => b.RegistrationId == registrationId && b.SessionId == sessionId, ct);
        if (booking is null) return false;
        db.SeatBookings.Remove(booking);
        await db.SaveChangesAsync(ct);
        if (booking.Status == SeatBookingStatus.Booked)
        {
            var capacity = await db.Sessions.Where(s => s.Id == sessionId).Select(s => s.SeatCapacity).FirstAsync(ct) ?? 0;
            var booked = await db.SeatBookings.CountAsync(b => b.SessionId == sessionId && b.Status == SeatBookingStatus.Booked, ct);
            if (booked < capacity)
            {
                var first = await db.SeatBookings.Where(b => b.SessionId == sessionId && b.Status == SeatBookingStatus.Waitlisted)
                    .OrderBy(b => b.WaitlistPosition).FirstOrDefaultAsync(ct);
                if (first is not null) first.Status = SeatBookingStatus.Booked; // keeps its position number: positions are never reused
                await db.SaveChangesAsync(ct);
            }
        }
        await tx.CommitAsync(ct);
        return true;
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
