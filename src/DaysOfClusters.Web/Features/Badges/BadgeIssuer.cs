using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Badges;

public sealed record BadgeIssue(IssuedBadge Badge, string QrText, string ShortCode);

/// <summary>Issues, reissues and revokes badges; only confirmed registrations get one.</summary>
public sealed class BadgeIssuer(IDbContextFactory<AppDbContext> dbFactory, BadgeKeyService keys, TimeProvider clock)
{
    /// <summary>The registration's current badge, issued now if it has none; null when the registration is not confirmed.</summary>
    public async Task<BadgeIssue?> CurrentAsync(int registrationId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var registration = await db.Registrations.AsNoTracking().Where(r => r.Id == registrationId)
            .Select(r => new { r.Id, r.EditionId, r.Status, r.CategoryId }).FirstOrDefaultAsync(ct);
        if (registration is null || registration.Status != RegistrationStatus.Confirmed) return null;
        var badge = await db.IssuedBadges.AsNoTracking().Where(b => b.RegistrationId == registrationId && b.RevokedUtc == null)
            .OrderByDescending(b => b.IssueNumber).FirstOrDefaultAsync(ct);
        if (badge is null)
        {
            var categoryCode = await db.RegistrationCategories.Where(c => c.Id == registration.CategoryId).Select(c => c.Code).FirstAsync(ct);
            var previous = await db.IssuedBadges.AsNoTracking().Where(b => b.RegistrationId == registrationId)
                .OrderByDescending(b => b.IssueNumber).FirstOrDefaultAsync(ct);
            badge = new IssuedBadge
            {
                EditionId = registration.EditionId, RegistrationId = registrationId,
                // A new ticket on every issue: the printed short code of a lost badge must name only the revoked issue.
                TicketId = unchecked((long)BadgeTicketId.NewId()),
                IssueNumber = (previous?.IssueNumber ?? 0) + 1, CategoryCode = categoryCode, IssuedUtc = clock.GetUtcNow().UtcDateTime,
            };
            db.IssuedBadges.Add(badge);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Two requests issued the first badge at once; the unique index kept one, use it.
                await using var again = await dbFactory.CreateDbContextAsync(ct);
                badge = await again.IssuedBadges.AsNoTracking().Where(b => b.RegistrationId == registrationId && b.RevokedUtc == null)
                    .OrderByDescending(b => b.IssueNumber).FirstAsync(ct);
            }
        }
        return await ToIssueAsync(badge, ct);
    }

    /// <summary>
    /// <see cref="CurrentAsync"/> for many registrations with a handful of queries (print runs of a whole edition);
    /// registrations that are not confirmed are left out of the result.
    /// </summary>
    public async Task<Dictionary<int, BadgeIssue>> CurrentManyAsync(IReadOnlyCollection<int> registrationIds, CancellationToken ct = default)
    {
        var result = new Dictionary<int, BadgeIssue>();
        if (registrationIds.Count == 0) return result;
        var ids = registrationIds.Distinct().ToList();
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var registrations = new List<(int Id, int EditionId, byte Code)>();
        foreach (var chunk in ids.Chunk(500))
        {
            var rows = await db.Registrations.AsNoTracking()
                .Where(r => chunk.Contains(r.Id) && r.Status == RegistrationStatus.Confirmed)
                .Join(db.RegistrationCategories, r => r.CategoryId, c => c.Id, (r, c) => new { r.Id, r.EditionId, c.Code })
                .ToListAsync(ct);
            registrations.AddRange(rows.Select(r => (r.Id, r.EditionId, r.Code)));
        }
        var latest = new Dictionary<int, IssuedBadge>();
        foreach (var chunk in registrations.Select(r => r.Id).Chunk(500))
        {
            var badges = await db.IssuedBadges.AsNoTracking().Where(b => chunk.Contains(b.RegistrationId)).ToListAsync(ct);
            foreach (var badge in badges)
            {
                if (!latest.TryGetValue(badge.RegistrationId, out var known) || badge.IssueNumber > known.IssueNumber) latest[badge.RegistrationId] = badge;
            }
        }
        var now = clock.GetUtcNow().UtcDateTime;
        var fresh = new List<IssuedBadge>();
        foreach (var (id, editionId, code) in registrations)
        {
            if (latest.TryGetValue(id, out var badge) && badge.RevokedUtc is null) continue;
            var created = new IssuedBadge
            {
                EditionId = editionId, RegistrationId = id,
                TicketId = unchecked((long)BadgeTicketId.NewId()),
                IssueNumber = (badge?.IssueNumber ?? 0) + 1, CategoryCode = code, IssuedUtc = now,
            };
            fresh.Add(created);
            latest[id] = created;
        }
        if (fresh.Count > 0)
        {
            db.IssuedBadges.AddRange(fresh);
            try
            {
                await db.SaveChangesAsync(ct);
            }
            catch (DbUpdateException)
            {
                // Someone issued some of them meanwhile: fall back to one at a time, which resolves each race.
                foreach (var (id, _, _) in registrations)
                {
                    var issue = await CurrentAsync(id, ct);
                    if (issue is not null) result[id] = issue;
                }
                return result;
            }
        }
        foreach (var (id, _, _) in registrations) result[id] = await ToIssueAsync(latest[id], ct);
        return result;
    }

    /// <summary>Revokes the current badge (lost, category changed…) and issues the next number.</summary>
    public async Task<BadgeIssue?> ReissueAsync(int registrationId, string reason, CancellationToken ct = default)
    {
        await RevokeAsync(registrationId, reason, ct);
        return await CurrentAsync(registrationId, ct);
    }

    public async Task RevokeAsync(int registrationId, string reason, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var now = clock.GetUtcNow().UtcDateTime;
        await db.IssuedBadges.Where(b => b.RegistrationId == registrationId && b.RevokedUtc == null)
            .ExecuteUpdateAsync(s => s.SetProperty(b => b.RevokedUtc, now).SetProperty(b => b.RevokedReason, reason), ct);
    }

    public async Task<BadgeIssue> ToIssueAsync(IssuedBadge badge, CancellationToken ct = default)
    {
        var payload = new BadgeTokenPayload(badge.EditionId, badge.TicketIdValue, checked((ushort)badge.IssueNumber), badge.CategoryCode);
        var key = await keys.SigningKeyAsync(badge.EditionId, ct);
        return new BadgeIssue(badge, BadgeToken.Encode(payload, key), payload.ShortCode);
    }
}
