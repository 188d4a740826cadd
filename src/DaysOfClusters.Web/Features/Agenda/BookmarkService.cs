using DaysOfClusters.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Agenda;

/// <summary>An attendee's bookmarked sessions (personal agenda).</summary>
public sealed class BookmarkService(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public async Task<HashSet<int>> BookmarksAsync(int registrationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return (await db.Bookmarks.AsNoTracking().Where(b => b.RegistrationId == registrationId).Select(b => b.SessionId).ToListAsync(ct)).ToHashSet();
    }

    public async Task<bool> ToggleAsync(int registrationId, int sessionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var removed = await db.Bookmarks.Where(b => b.RegistrationId == registrationId && b.SessionId == sessionId).ExecuteDeleteAsync(ct);
        if (removed > 0) return false;
        var sameEdition = await db.Sessions.Where(s => s.Id == sessionId)
            .Join(db.Registrations.Where(r => r.Id == registrationId), s => s.EditionId, r => r.EditionId, (s, r) => s.Id).AnyAsync(ct);
        if (!sameEdition) return false;
        db.Bookmarks.Add(new Bookmark { RegistrationId = registrationId, SessionId = sessionId, CreatedUtc = clock.GetUtcNow().UtcDateTime });
        try { await db.SaveChangesAsync(ct); }
        catch (DbUpdateException) { /* a double click: already bookmarked */ }
        return true;
    }
}
