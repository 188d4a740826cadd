using System.Collections.Concurrent;
using System.Security.Cryptography;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Badges;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.CheckIn;

/// <summary>What a scan needs to know about its point, cached by <see cref="CheckInCache"/>.</summary>
public sealed record CheckInPointInfo(int Id, int EditionId, string Name, bool IsArchived, string TimeZoneId);

/// <summary>
/// In-memory look-ups every scan needs: the point (with its edition's time zone) and the editions' verification keys.
/// Entries live briefly (<see cref="PointTtl"/>, <see cref="KeyTtl"/>; at most <see cref="MaxCachedPoints"/> points) so changes made elsewhere (another instance, the
/// editions page) are seen soon; this process's own changes forget the entry at once. A signature that fails with the
/// cached key re-reads the key before refusing, so a changed key is seen by the very next scan.
/// </summary>
public sealed class CheckInCache(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    public static readonly TimeSpan PointTtl = TimeSpan.FromSeconds(30);
    public static readonly TimeSpan KeyTtl = TimeSpan.FromMinutes(1);

    /// <summary>At most this many points are remembered at once.</summary>
    public const int MaxCachedPoints = 1000;

    private sealed record PointEntry(CheckInPointInfo Point, DateTime Until);

    private sealed record KeyEntry(string Spki, ECDsa Key, DateTime Until);

    private readonly ConcurrentDictionary<int, PointEntry> _points = new();
    private readonly ConcurrentDictionary<int, KeyEntry> _keys = new();

    /// <summary>How many point entries are held now (tests check the bound).</summary>
    internal int CachedPointCount => _points.Count;

    private DateTime Now => clock.GetUtcNow().UtcDateTime;

    private static readonly PerModel<Func<AppDbContext, int, CancellationToken, Task<CheckInPointInfo?>>> PointQuery = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, int pointId, CancellationToken ct) => db.CheckInPoints.AsNoTracking().Where(p => p.Id == pointId)
            .Join(db.Editions, p => p.EditionId, e => e.Id, (p, e) => new CheckInPointInfo(p.Id, p.EditionId, p.Name, p.IsArchived, e.TimeZoneId))
            .FirstOrDefault()));

    private static readonly PerModel<Func<AppDbContext, int, CancellationToken, Task<string?>>> SpkiQuery = new(() => EF.CompileAsyncQuery(
        (AppDbContext db, int editionId, CancellationToken ct) => db.EditionSigningKeys.Where(k => k.EditionId == editionId).Select(k => k.SpkiBase64).FirstOrDefault()));

    /// <summary>
    /// The point, or null when there is none with that id. Unknown ids are not remembered: a client sending random ids
    /// would otherwise grow the cache without end (their cost is bounded by the check-in rate limits instead).
    /// </summary>
    public async Task<CheckInPointInfo?> PointAsync(int pointId, CancellationToken ct = default)
    {
        if (_points.TryGetValue(pointId, out var hit) && hit.Until > Now) return hit.Point;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var point = await PointQuery.For(db)(db, pointId, ct);
        if (point is null)
        {
            _points.TryRemove(pointId, out _);
            return null;
        }
        if (_points.Count >= MaxCachedPoints) Prune();
        _points[pointId] = new PointEntry(point, Now + PointTtl);
        return point;
    }

    /// <summary>Drops expired entries; when every entry is still fresh (more live points than the bound), starts over.</summary>
    private void Prune()
    {
        var now = Now;
        foreach (var pair in _points.Where(p => p.Value.Until <= now).ToList()) _points.TryRemove(pair.Key, out _);
        if (_points.Count >= MaxCachedPoints) _points.Clear();
    }

    /// <summary>A point was added, renamed or closed here: the next scan reads it again.</summary>
    public void ForgetPoint(int pointId) => _points.TryRemove(pointId, out _);

    /// <summary>Forget every point of the edition (its time zone may have changed).</summary>
    public void ForgetEdition(int editionId)
    {
        foreach (var pair in _points.Where(p => p.Value.Point.EditionId == editionId).ToList()) _points.TryRemove(pair.Key, out _);
        _keys.TryRemove(editionId, out _);
    }

    /// <summary>
    /// True when <paramref name="signature"/> over <paramref name="payload"/> verifies with the edition's key. False when it
    /// does not, also after re-reading the key, or when the edition has no key (then it never signed anything).
    /// </summary>
    public async Task<bool> VerifyAsync(int editionId, byte[] payload, byte[] signature, CancellationToken ct = default)
    {
        _keys.TryGetValue(editionId, out var cached);
        var triedCached = cached is not null && cached.Until > Now;
        if (triedCached && Verify(cached!.Key, payload, signature)) return true;
        var fresh = await LoadKeyAsync(editionId, cached, ct);
        // Re-read and unchanged: the verdict of the cached key stands.
        if (fresh is null || (triedCached && ReferenceEquals(fresh, cached))) return false;
        return Verify(fresh.Key, payload, signature);
    }

    private async Task<KeyEntry?> LoadKeyAsync(int editionId, KeyEntry? known, CancellationToken ct)
    {
        string? spki;
        await using (var db = await dbFactory.CreateDbContextAsync(ct)) spki = await SpkiQuery.For(db)(db, editionId, ct);
        if (spki is null)
        {
            _keys.TryRemove(editionId, out _);
            return null;
        }
        var until = Now + KeyTtl;
        if (known is not null && known.Spki == spki)
        {
            // Same key: keep the object (and tell the caller nothing changed), just live longer.
            _keys[editionId] = known with { Until = until };
            return known;
        }
        ECDsa key;
        try
        {
            key = EditionSigningKeys.ImportSpkiBase64(spki);
        }
        catch (Exception e) when (e is FormatException or CryptographicException)
        {
            return null;
        }
        // A replaced key is not disposed: a scan on another thread may still be verifying with it.
        var entry = new KeyEntry(spki, key, until);
        _keys[editionId] = entry;
        return entry;
    }

    private static bool Verify(ECDsa key, byte[] payload, byte[] signature)
    {
        try
        {
            return key.VerifyData(payload, signature, HashAlgorithmName.SHA256, DSASignatureFormat.IeeeP1363FixedFieldConcatenation);
        }
        catch (CryptographicException)
        {
            return false;
        }
    }
}
