using DaysOfClusters.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Registration;

/// <summary>
/// A registration's audit trail: entries added to a change's own context (stored by its SaveChanges), entries other
/// features record on their own, and the trail read back for the desk.
/// </summary>
public sealed class RegistrationAuditTrail(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public void Add(AppDbContext db, int registrationId, string actor, string action, string? details) =>
        db.Add(new RegistrationAuditEntry { RegistrationId = registrationId, AtUtc = clock.GetUtcNow().UtcDateTime, Actor = actor, Action = action, Details = details });

    /// <summary>Records an action other features take on a registration (a walk-in checked in and printed) in its audit trail.</summary>
    public async Task RecordAsync(int id, RegistrationCaller caller, string action, string? details, CancellationToken ct = default)
    {
        ArgumentNullException.ThrowIfNull(caller);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        Add(db, id, caller.Actor, action, details);
        await db.SaveChangesAsync(ct);
    }

    public async Task<List<RegistrationAuditEntry>> ListAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.RegistrationAuditEntries.AsNoTracking().Where(a => a.RegistrationId == id).OrderBy(a => a.AtUtc).ThenBy(a => a.Id).ToListAsync(ct);
    }
}
