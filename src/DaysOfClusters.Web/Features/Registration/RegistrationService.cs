using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Editions;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Registration;

/// <summary>
/// Who is acting. Attendees come with their IP (rate-limited) and go through the public rules; organisers, the import and
/// the bench are trusted callers (no rate limit, any category, registration window ignored).
/// </summary>
/// <remarks><see cref="WalkIn"/>: staff registering a person on site; confirmed beyond capacity, as invitations are.</remarks>
public sealed record RegistrationCaller(string Actor, bool IsOrganiser, string? ClientIp = null, bool WalkIn = false)
{
    public static RegistrationCaller Attendee(string? clientIp) => new("attendee", false, clientIp);
    public static RegistrationCaller Organiser(string userName) => new(userName, true);
    public static RegistrationCaller WalkInBy(string userName) => new(userName, true, WalkIn: true);
    public static readonly RegistrationCaller System = new("system", true);
}

public sealed record WaitlistInfo(RegistrationStatus Status, int? Position);

/// <summary>
/// Reads registrations: one by manage token or id, its waiting-list position and manage token, an edition's categories.
/// Writes go elsewhere: new registrations through <see cref="RegistrationWriter"/>, changes to one through
/// <see cref="RegistrationLifecycle"/>, seats and the waiting list's offers through <see cref="RegistrationSeats"/>,
/// export, erasure and retention through <see cref="RegistrationPrivacy"/>.
/// </summary>
public sealed class RegistrationService(IDbContextFactory<AppDbContext> dbFactory, IDataProtectionProvider dataProtection)
{
    /// <summary>Data Protection purpose of the stored manage token; other features that mail a manage link read it with the same purpose.</summary>
    public const string ManageTokenPurpose = "DaysOfClusters.Registration.ManageToken";

    private readonly IDataProtector _tokenProtector = dataProtection.CreateProtector(ManageTokenPurpose);
    private HashSet<string>? _countryCodes;

    public async Task<Registration?> FindByTokenAsync(string token, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 100) return null;
        var hash = RegistrationRules.Sha256Hex(token);
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Registrations.AsNoTracking().FirstOrDefaultAsync(r => r.ManageTokenHash == hash, ct);
    }

    /// <summary>The attendee's manage token, for links in other features' e-mails; null when erased or never kept.</summary>
    public async Task<string?> ManageTokenAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var row = await db.Registrations.AsNoTracking().Where(r => r.Id == id && r.AnonymisedUtc == null).Select(r => r.ManageTokenProtected).FirstOrDefaultAsync(ct);
        return row is null ? null : _tokenProtector.Unprotect(row);
    }

    public async Task<Registration?> FindAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Registrations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
    }

    /// <summary>Status and current waiting-list position (people ahead still waiting, plus one).</summary>
    public async Task<int?> WaitlistPositionAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var me = await db.Registrations.Where(r => r.Id == id).Select(r => new { r.EditionId, r.Status, r.WaitlistNumber }).FirstOrDefaultAsync(ct);
        if (me is null || me.Status != RegistrationStatus.Waitlisted) return null;
        return await db.Registrations.CountAsync(r => r.EditionId == me.EditionId && r.Status == RegistrationStatus.Waitlisted && r.WaitlistNumber < me.WaitlistNumber, ct) + 1;
    }

    public async Task<List<RegistrationCategory>> CategoriesAsync(int editionId, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.RegistrationCategories.AsNoTracking().Where(c => c.EditionId == editionId).OrderBy(c => c.SortOrder).ThenBy(c => c.Id).ToListAsync(ct);
    }

    public async Task<List<int>> OpenEditionIdsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Editions.Where(e => e.Status == EditionStatus.Open).Select(e => e.Id).ToListAsync(ct);
    }

    /// <summary>Whether another registration of the edition has this e-mail (the writer's and the edit's duplicate check).</summary>
    internal async Task<bool> EmailTakenAsync(int editionId, string normalizedEmail, int? exceptId, CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Registrations.AnyAsync(r => r.EditionId == editionId && r.EmailNormalized == normalizedEmail && r.Id != exceptId, ct);
    }

    /// <summary>The country codes the form accepts, read once per process.</summary>
    internal async Task<HashSet<string>> CountryCodesAsync(CancellationToken ct)
    {
        if (_countryCodes is { } cached) return cached;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return _countryCodes = (await db.Countries.Select(c => c.Code).ToListAsync(ct)).ToHashSet(StringComparer.Ordinal);
    }
}
