using System.Collections.Concurrent;
using System.Security.Cryptography;
using DaysOfClusters.Web.Data;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Badges;

/// <summary>Creates each edition's signing key on first use, keeps the private key encrypted at rest and the opened keys in memory.</summary>
public sealed class BadgeKeyService(IDbContextFactory<AppDbContext> dbFactory, IDataProtectionProvider protection, TimeProvider clock) : IDisposable
{
    private readonly IDataProtector _protector = protection.CreateProtector("DaysOfClusters.Badges.EditionSigningKey.v1");
    private readonly ConcurrentDictionary<int, ECDsa> _privateKeys = new();
    private readonly ConcurrentDictionary<int, ECDsa> _publicKeys = new();
    private readonly SemaphoreSlim _createLock = new(1, 1);

    /// <summary>The edition's private key (for signing); created and stored on first use.</summary>
    public async Task<ECDsa> SigningKeyAsync(int editionId, CancellationToken ct = default)
    {
        if (_privateKeys.TryGetValue(editionId, out var cached)) return cached;
        await _createLock.WaitAsync(ct);
        try
        {
            if (_privateKeys.TryGetValue(editionId, out cached)) return cached;
            await using var db = await dbFactory.CreateDbContextAsync(ct);
            var row = await db.EditionSigningKeys.AsNoTracking().FirstOrDefaultAsync(k => k.EditionId == editionId, ct);
            if (row is null)
            {
                using var fresh = EditionSigningKeys.Create();
                row = new EditionSigningKey
                {
                    EditionId = editionId,
                    ProtectedPrivateKey = _protector.Protect(Convert.ToBase64String(EditionSigningKeys.ExportPkcs8(fresh))),
                    SpkiBase64 = EditionSigningKeys.ExportSpkiBase64(fresh),
                    CreatedUtc = clock.GetUtcNow().UtcDateTime,
                };
                db.EditionSigningKeys.Add(row);
                try
                {
                    await db.SaveChangesAsync(ct);
                }
                catch (DbUpdateException)
                {
                    // Another instance created it first: use theirs.
                    await using var again = await dbFactory.CreateDbContextAsync(ct);
                    row = await again.EditionSigningKeys.AsNoTracking().FirstAsync(k => k.EditionId == editionId, ct);
                }
            }
            var key = EditionSigningKeys.ImportPkcs8(Convert.FromBase64String(_protector.Unprotect(row.ProtectedPrivateKey)));
            _privateKeys[editionId] = key;
            return key;
        }
        finally
        {
            _createLock.Release();
        }
    }

    /// <summary>The edition's public key for verifying codes; creates the key pair when the edition has none yet.</summary>
    public async Task<ECDsa> VerificationKeyAsync(int editionId, CancellationToken ct = default)
    {
        if (_publicKeys.TryGetValue(editionId, out var cached)) return cached;
        var spki = await SpkiBase64Async(editionId, ct);
        var key = EditionSigningKeys.ImportSpkiBase64(spki);
        return _publicKeys.GetOrAdd(editionId, key);
    }

    public async Task<string> SpkiBase64Async(int editionId, CancellationToken ct = default)
    {
        await using (var db = await dbFactory.CreateDbContextAsync(ct))
        {
            var spki = await db.EditionSigningKeys.Where(k => k.EditionId == editionId).Select(k => k.SpkiBase64).FirstOrDefaultAsync(ct);
            if (spki is not null) return spki;
        }
        return EditionSigningKeys.ExportSpkiBase64(await SigningKeyAsync(editionId, ct));
    }

    public void Dispose()
    {
        _createLock.Dispose();
        foreach (var key in _privateKeys.Values.Concat(_publicKeys.Values)) key.Dispose();
    }
}
