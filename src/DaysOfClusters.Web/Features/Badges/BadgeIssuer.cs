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
                TicketId = previous?.TicketId ?? unchecked((long)BadgeTicketId.NewId()),
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
