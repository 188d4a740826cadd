using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Registration.Mail;
using DaysOfClusters.Web.Infrastructure;
using DaysOfClusters.Web.Infrastructure.Mail;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Registration;

/// <summary>
/// Single-use invitation links an organiser hands out (a category, optionally one e-mail address); the writer claims
/// one when the invited person registers.
/// </summary>
public sealed class RegistrationInvitations(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock, PublicUrls urls)
{
    private DateTime UtcNow => clock.GetUtcNow().UtcDateTime;

    /// <summary>Creates a single-use invitation link; only its hash is stored.</summary>
    public async Task<string> CreateAsync(int editionId, int categoryId, string? email, string? note, RegistrationCaller caller, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var slug = await db.Editions.Where(e => e.Id == editionId).Select(e => e.Slug).FirstAsync(ct);
        if (!await db.RegistrationCategories.AnyAsync(c => c.Id == categoryId && c.EditionId == editionId, ct))
            throw new InvalidOperationException("The category is not one of this edition's.");
        var token = RegistrationRules.NewToken();
        db.Add(new Invitation
        {
            EditionId = editionId, CategoryId = categoryId, TokenHash = RegistrationRules.Sha256Hex(token),
            Email = string.IsNullOrWhiteSpace(email) ? null : RegistrationRules.NormalizeEmail(email), Note = note?.Trim(),
            CreatedBy = caller.Actor, CreatedUtc = UtcNow,
        });
        await db.SaveChangesAsync(ct);
        return urls.InvitationLink(slug, token);
    }

    public async Task<Invitation?> FindAsync(int editionId, string token, CancellationToken ct = default)
    {
        var hash = RegistrationRules.Sha256Hex(token.Trim());
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Invitations.AsNoTracking().FirstOrDefaultAsync(i => i.TokenHash == hash && i.EditionId == editionId && i.UsedUtc == null, ct);
    }
}
