using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Registration.Mail;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Registration;

internal enum SeatResult { Taken, EditionFull, CategoryFull }

/// <summary>
/// Seats and the waiting list. Seats are counted in <see cref="EditionSeatCounter"/>/<see cref="CategorySeatCounter"/>
/// rows that each transaction updates first with a conditional UPDATE (WHERE Confirmed &lt; Capacity): on SQLite the
/// transaction is IMMEDIATE and the write lock serialises registrations; on PostgreSQL the row lock does. A freed seat is
/// offered to the waiting list in order and held for the edition's offer hours; an offer that expires passes on.
/// </summary>
public sealed class RegistrationSeats(
    IDbContextFactory<AppDbContext> dbFactory,
    TimeProvider clock,
    RegistrationTransactions transactions,
    RegistrationAuditTrail auditTrail,
    RegistrationMailer mailer)
{
    /// <summary>Per edition, the categories known to have a counter row.</summary>
    private readonly Dictionary<int, HashSet<int>> _countedCategories = [];

    /// <summary>Statuses that hold a seat in the counters.</summary>
    internal static readonly RegistrationStatus[] SeatHolding = [RegistrationStatus.Confirmed, RegistrationStatus.Offered];

    private DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    /// <summary>Takes a seat if both the edition and the category have one; the first write of the transaction.</summary>
    internal static async Task<SeatResult> TryTakeSeatAsync(AppDbContext db, int editionId, int categoryId, CancellationToken ct)
    {
        var edition = await db.EditionSeatCounters
            .Where(c => c.EditionId == editionId && db.Editions.Any(e => e.Id == editionId && (e.Capacity == null || c.Confirmed < e.Capacity)))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Confirmed, c => c.Confirmed + 1), ct);
        if (edition == 0) return SeatResult.EditionFull;
        var category = await db.CategorySeatCounters
            .Where(c => c.CategoryId == categoryId && db.RegistrationCategories.Any(k => k.Id == categoryId && (k.Capacity == null || c.Confirmed < k.Capacity)))
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.Confirmed, c => c.Confirmed + 1), ct);
        if (category == 1) return SeatResult.Taken;
        await db.EditionSeatCounters.Where(c => c.EditionId == editionId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Confirmed, c => c.Confirmed - 1), ct);
        return SeatResult.CategoryFull;
    }

    /// <summary>Invitations and hand promotion: a seat even beyond capacity, still counted.</summary>
    internal static async Task ForceTakeSeatAsync(AppDbContext db, int editionId, int categoryId, CancellationToken ct)
    {
        await db.EditionSeatCounters.Where(c => c.EditionId == editionId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Confirmed, c => c.Confirmed + 1), ct);
        await db.CategorySeatCounters.Where(c => c.CategoryId == categoryId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Confirmed, c => c.Confirmed + 1), ct);
    }

    internal static async Task ReleaseSeatAsync(AppDbContext db, int editionId, int categoryId, CancellationToken ct)
    {
        await db.EditionSeatCounters.Where(c => c.EditionId == editionId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Confirmed, c => c.Confirmed - 1), ct);
        await db.CategorySeatCounters.Where(c => c.CategoryId == categoryId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Confirmed, c => c.Confirmed - 1), ct);
    }

    internal static async Task<int> NextWaitlistNumberAsync(AppDbContext db, int editionId, CancellationToken ct)
    {
        await db.EditionSeatCounters.Where(c => c.EditionId == editionId)
            .ExecuteUpdateAsync(s => s.SetProperty(c => c.NextWaitlistNumber, c => c.NextWaitlistNumber + 1), ct);
        return await db.EditionSeatCounters.Where(c => c.EditionId == editionId).Select(c => c.NextWaitlistNumber).FirstAsync(ct) - 1;
    }

    /// <summary>
    /// Creates the counter rows of an edition, and of its categories added since, from the registrations already stored.
    /// Remembers which categories have a row, not only which editions were counted: a category written after a pass
    /// (the minute job can count an edition between its row and its categories' rows) gets its row before its first seat.
    /// </summary>
    public async Task EnsureCountersAsync(int editionId, int? categoryId = null, CancellationToken ct = default)
    {
        lock (_countedCategories)
        {
            if (_countedCategories.TryGetValue(editionId, out var counted) && (categoryId is not { } id || counted.Contains(id))) return;
        }
        for (var attempt = 1; ; attempt++)
        {
            try
            {
                var counted = await CreateMissingCountersAsync(editionId, ct);
                lock (_countedCategories) _countedCategories[editionId] = counted;
                return;
            }
            catch (DbUpdateException) when (attempt < 3)
            {
                // Another caller created them at the same moment (a server database lets both transactions look first):
                // the next attempt sees its rows.
            }
        }
    }

    private async Task<HashSet<int>> CreateMissingCountersAsync(int editionId, CancellationToken ct) =>
        await transactions.RunAsync(async db =>
        {
            var held = await db.Registrations.Where(r => r.EditionId == editionId && SeatHolding.Contains(r.Status))
                .GroupBy(r => r.CategoryId).Select(g => new { CategoryId = g.Key, Count = g.Count() }).ToListAsync(ct);
            if (!await db.EditionSeatCounters.AnyAsync(c => c.EditionId == editionId, ct))
            {
                var lastNumber = await db.Registrations.Where(r => r.EditionId == editionId).MaxAsync(r => r.WaitlistNumber, ct) ?? 0;
                db.Add(new EditionSeatCounter { EditionId = editionId, Confirmed = held.Sum(h => h.Count), NextWaitlistNumber = lastNumber + 1 });
            }
            var counted = await db.CategorySeatCounters.Where(c => c.EditionId == editionId).Select(c => c.CategoryId).ToListAsync(ct);
            var missing = await db.RegistrationCategories.Where(c => c.EditionId == editionId && !counted.Contains(c.Id)).Select(c => c.Id).ToListAsync(ct);
            foreach (var categoryId in missing)
                db.Add(new CategorySeatCounter { CategoryId = categoryId, EditionId = editionId, Confirmed = held.FirstOrDefault(h => h.CategoryId == categoryId)?.Count ?? 0 });
            await db.SaveChangesAsync(ct);
            return counted.Concat(missing).ToHashSet();
        }, ct);

    /// <summary>Forget that an edition's counters are complete (a category was added).</summary>
    public void CategoriesChanged(int editionId)
    {
        lock (_countedCategories) _countedCategories.Remove(editionId);
    }

    /// <summary>Offers every free seat to the waiting list in order; inside the caller's transaction. Returns who got an offer.</summary>
    private async Task<List<int>> OfferFreeSeatsInTransactionAsync(AppDbContext db, int editionId, string actor, CancellationToken ct)
    {
        var offered = new List<int>();
        // Lock first: the edition's counter row (a write that changes nothing) before the list is read. Two passes (two
        // instances on PostgreSQL) then run one after the other, and the second reads the list the first one left.
        await db.EditionSeatCounters.Where(c => c.EditionId == editionId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Confirmed, c => c.Confirmed), ct);
        var hold = await db.Editions.Where(e => e.Id == editionId).Select(e => e.OfferHoldHours).FirstAsync(ct);
        var waiting = await db.Registrations.Where(r => r.EditionId == editionId && r.Status == RegistrationStatus.Waitlisted)
            .OrderBy(r => r.WaitlistNumber).Select(r => new { r.Id, r.CategoryId }).ToListAsync(ct);
        var now = UtcNow;
        foreach (var person in waiting)
        {
            var seat = await TryTakeSeatAsync(db, editionId, person.CategoryId, ct);
            if (seat == SeatResult.EditionFull) break;
            if (seat == SeatResult.CategoryFull) continue;
            var expires = now.AddHours(Math.Max(1, hold));
            // Re-checked under the lock: still waiting (not cancelled or offered meanwhile), else the seat goes back.
            var changed = await db.Registrations.Where(r => r.Id == person.Id && r.Status == RegistrationStatus.Waitlisted).ExecuteUpdateAsync(s => s
                .SetProperty(r => r.Status, RegistrationStatus.Offered).SetProperty(r => r.OfferExpiresUtc, expires).SetProperty(r => r.UpdatedUtc, now), ct);
            if (changed == 0)
            {
                await ReleaseSeatAsync(db, editionId, person.CategoryId, ct);
                continue;
            }
            auditTrail.Add(db, person.Id, actor, "SeatOffered", $"Held until {expires:yyyy-MM-dd HH:mm} UTC");
            offered.Add(person.Id);
        }
        await db.SaveChangesAsync(ct);
        return offered;
    }

    /// <summary>Offers seats freed by a raised capacity (edition or category); also run by the background job every minute.</summary>
    public async Task<int> OfferFreeSeatsAsync(int editionId, string actor, CancellationToken ct = default)
    {
        await EnsureCountersAsync(editionId, ct: ct);
        var offered = await transactions.RunAsync(db => OfferFreeSeatsInTransactionAsync(db, editionId, actor, ct), ct);
        foreach (var id in offered) await mailer.SendAsync(id, RegistrationMailKind.Offer, ct);
        return offered.Count;
    }

    /// <summary>Frees a seat inside the caller's transaction and offers it (with any other free seat) to the waiting list.</summary>
    internal async Task<List<int>> ReleaseAndOfferAsync(AppDbContext db, int editionId, int categoryId, string actor, CancellationToken ct)
    {
        await ReleaseSeatAsync(db, editionId, categoryId, ct);
        return await OfferFreeSeatsInTransactionAsync(db, editionId, actor, ct);
    }

    /// <summary>Expired offers pass on: the person's offer lapses (Cancelled) and the seat goes to the next on the list.</summary>
    public async Task<int> ProcessExpiredOffersAsync(CancellationToken ct = default)
    {
        var now = UtcNow;
        List<(int Id, int EditionId)> expired;
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            expired = (await db.Registrations.Where(r => r.Status == RegistrationStatus.Offered && r.OfferExpiresUtc <= now)
                .Select(r => new { r.Id, r.EditionId }).ToListAsync(ct)).Select(r => (r.Id, r.EditionId)).ToList();
        }
        var count = 0;
        foreach (var group in expired.GroupBy(e => e.EditionId))
        {
            await EnsureCountersAsync(group.Key, ct: ct);
            var offered = await transactions.RunAsync(async db =>
            {
                foreach (var (id, editionId) in group)
                {
                    var categoryId = await db.Registrations.Where(r => r.Id == id).Select(r => r.CategoryId).FirstAsync(ct);
                    var lapsed = await db.Registrations.Where(r => r.Id == id && r.Status == RegistrationStatus.Offered && r.OfferExpiresUtc <= now)
                        .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, RegistrationStatus.Cancelled).SetProperty(r => r.CancelledUtc, now).SetProperty(r => r.UpdatedUtc, now), ct);
                    if (lapsed == 0) continue;
                    await ReleaseSeatAsync(db, editionId, categoryId, ct);
                    await RegistrationAnswers.ReleasePlacesOfAsync(db, id, ct);
                    auditTrail.Add(db, id, "system", "OfferExpired", null);
                    count++;
                }
                await db.SaveChangesAsync(ct);
                return await OfferFreeSeatsInTransactionAsync(db, group.Key, "system", ct);
            }, ct);
            foreach (var id in offered) await mailer.SendAsync(id, RegistrationMailKind.Offer, ct);
        }
        return count;
    }
}
