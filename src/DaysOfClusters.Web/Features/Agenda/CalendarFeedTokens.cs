using System.Security.Cryptography;
using DaysOfClusters.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Agenda;

/// <summary>
/// The read-only token of a personal calendar feed. Feed URLs end up in calendar apps and shared calendars, so they must
/// not carry the manage token (which edits, cancels and erases). A feed token is the registration id and a piece of its
/// manage-token hash, protected with Data Protection under a purpose of its own: unguessable, useless as a manage token,
/// the manage token cannot be derived from it, and a new manage token (a new hash) ends the old feed.
/// </summary>
public sealed class CalendarFeedTokens(IDataProtectionProvider dataProtection, IDbContextFactory<AppDbContext> dbFactory)
{
    private const string Purpose = "DaysOfClusters.Agenda.CalendarFeed.v1";
    private readonly IDataProtector _protector = dataProtection.CreateProtector(Purpose);

    public string For(Registration.Registration registration) =>
        Base64UrlEncode(_protector.Protect(System.Text.Encoding.UTF8.GetBytes($"{registration.Id}:{Binding(registration.ManageTokenHash)}")));

    /// <summary>The registration of a feed token, or null for anything else (a manage token included).</summary>
    public async Task<Registration.Registration?> RegistrationAsync(string token, CancellationToken ct = default)
    {
        if (string.IsNullOrWhiteSpace(token) || token.Length > 400) return null;
        string payload;
        try
        {
            payload = System.Text.Encoding.UTF8.GetString(_protector.Unprotect(Base64UrlDecode(token)));
        }
        catch (Exception e) when (e is CryptographicException or FormatException)
        {
            return null;
        }
        var parts = payload.Split(':');
        if (parts.Length != 2 || !int.TryParse(parts[0], System.Globalization.CultureInfo.InvariantCulture, out var id)) return null;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var registration = await db.Registrations.AsNoTracking().FirstOrDefaultAsync(r => r.Id == id, ct);
        return registration is not null && CryptographicOperations.FixedTimeEquals(
            System.Text.Encoding.ASCII.GetBytes(Binding(registration.ManageTokenHash)), System.Text.Encoding.ASCII.GetBytes(parts[1])) ? registration : null;
    }

    private static string Binding(string manageTokenHash) => manageTokenHash.Length > 16 ? manageTokenHash[..16] : manageTokenHash;

    private static string Base64UrlEncode(byte[] bytes) => Convert.ToBase64String(bytes).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    private static byte[] Base64UrlDecode(string text)
    {
        var s = text.Replace('-', '+').Replace('_', '/');
        return Convert.FromBase64String(s + new string('=', (4 - s.Length % 4) % 4));
    }
}
