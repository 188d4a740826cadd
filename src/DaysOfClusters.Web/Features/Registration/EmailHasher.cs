using System.Security.Cryptography;
using System.Text;
using DaysOfClusters.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Registration;

/// <summary>
/// The e-mail hash that survives erasure (statistics count returning people by it; contacts, network invitations and
/// opt-outs match by it). A plain SHA-256 of the address re-identified erased people for anyone holding a list of
/// addresses, so the hash is keyed: HMAC-SHA-256 with a per-installation secret over the old SHA-256 hex, written as
/// 43 base64url characters. The secret is <c>Privacy:EmailHashKey</c> (base64, at least 32 bytes; several instances
/// must share it) or else the file <c>&lt;Data:Folder&gt;/email-hash.key</c>, generated on the first start. It is never
/// stored in the database, so a database backup alone cannot be tested against addresses. Losing it splits returning
/// people from their earlier editions in the statistics: back it up with the data folder.
/// </summary>
public sealed class EmailHasher
{
    public const string KeyFileName = "email-hash.key";
    private readonly byte[] _key;

    public EmailHasher(byte[] key)
    {
        if (key.Length < 32) throw new ArgumentException("The e-mail hash key needs at least 32 bytes.", nameof(key));
        _key = key;
    }

    /// <summary>With Privacy:EmailHashKey (checked when the app starts, <see cref="PrivacyOptions"/>), else the data folder's key file.</summary>
    public static EmailHasher Create(PrivacyOptions privacy, string dataFolder) =>
        privacy.EmailHashKeyBytes() is { } key ? new EmailHasher(key) : ForDataFolder(dataFolder);

    /// <summary>The hasher with the key file of a data folder, created there when it is missing.</summary>
    public static EmailHasher ForDataFolder(string folder)
    {
        Directory.CreateDirectory(folder);
        var path = Path.Combine(folder, KeyFileName);
        try
        {
            // CreateNew: two instances starting on one folder at once both end with the first one's key.
            using var file = new FileStream(path, FileMode.CreateNew, FileAccess.Write, FileShare.None);
            if (!OperatingSystem.IsWindows()) File.SetUnixFileMode(path, UnixFileMode.UserRead | UnixFileMode.UserWrite);
            var bytes = Encoding.ASCII.GetBytes(Convert.ToBase64String(RandomNumberGenerator.GetBytes(32)));
            file.Write(bytes);
        }
        catch (IOException) when (File.Exists(path))
        {
            // Already there: use it.
        }
        var text = ReadWhenComplete(path);
        return new EmailHasher(Convert.FromBase64String(text));
    }

    private static string ReadWhenComplete(string path)
    {
        for (var attempt = 0; ; attempt++)
        {
            var text = File.ReadAllText(path).Trim();
            if (text.Length >= 44 || attempt == 50) return text;
            Thread.Sleep(20); // another process is writing it right now
        }
    }

    /// <summary>The keyed hash of a normalised address (<see cref="RegistrationRules.NormalizeEmail"/>).</summary>
    public string Hash(string normalizedEmail) => FromLegacy(RegistrationRules.Sha256Hex(normalizedEmail));

    /// <summary>The keyed hash from the unkeyed SHA-256 hex stored before: how existing rows (also erased ones) are converted.</summary>
    public string FromLegacy(string sha256Hex) =>
        Convert.ToBase64String(HMACSHA256.HashData(_key, Encoding.UTF8.GetBytes(sha256Hex))).TrimEnd('=').Replace('+', '-').Replace('/', '_');

    /// <summary>An unkeyed hash written before the keyed one: 64 hex characters (a keyed hash has 43).</summary>
    public static bool IsLegacy(string hash) => hash.Length == 64;

    /// <summary>
    /// Converts every unkeyed hash in the database to the keyed one, in one transaction, at start-up. Erased rows have no
    /// address left to hash again, which is why the keyed hash is taken over the old hash: every row converts exactly, and
    /// the same person stays the same person across editions, opt-outs and invitations. Idempotent.
    /// </summary>
    public async Task ConvertLegacyHashesAsync(IDbContextFactory<AppDbContext> dbFactory, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var legacy = await db.Registrations.Where(r => r.EmailHash.Length == 64).Select(r => r.EmailHash).Distinct().ToListAsync(ct);
        var optOuts = await db.NetworkOptOuts.Where(o => o.EmailHash.Length == 64).Select(o => o.EmailHash).ToListAsync(ct);
        var invitations = await db.NetworkInvitations.Where(i => i.EmailHash.Length == 64).Select(i => i.EmailHash).Distinct().ToListAsync(ct);
        if (legacy.Count == 0 && optOuts.Count == 0 && invitations.Count == 0) return;
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        foreach (var old in legacy)
        {
            var keyed = FromLegacy(old);
            await db.Registrations.Where(r => r.EmailHash == old).ExecuteUpdateAsync(s => s.SetProperty(r => r.EmailHash, keyed), ct);
        }
        foreach (var old in optOuts)
        {
            var keyed = FromLegacy(old);
            await db.NetworkOptOuts.Where(o => o.EmailHash == old).ExecuteUpdateAsync(s => s.SetProperty(o => o.EmailHash, keyed), ct);
        }
        foreach (var old in invitations)
        {
            var keyed = FromLegacy(old);
            await db.NetworkInvitations.Where(i => i.EmailHash == old).ExecuteUpdateAsync(s => s.SetProperty(i => i.EmailHash, keyed), ct);
        }
        await tx.CommitAsync(ct);
    }
}
