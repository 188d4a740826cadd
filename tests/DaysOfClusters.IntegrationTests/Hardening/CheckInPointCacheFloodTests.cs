using DaysOfClusters.IntegrationTests.CheckIn;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Badges;
using DaysOfClusters.Web.Features.CheckIn;

namespace DaysOfClusters.IntegrationTests.Hardening;

/// <summary>Random check-in point ids cannot grow the point cache without end (issue 15, item 10).</summary>
public sealed class CheckInPointCacheFloodTests(WalkInFixture fixture) : CheckInAttackTestBase(fixture), IClassFixture<WalkInFixture>
{
    [Fact]
    public async Task PointAsync_When10000RandomUnknownPointIdsAreScanned_TheCacheStaysWithinItsBound()
    {
        var edition = await EditionAsync(1);
        var cache = new CheckInCache(Db, TimeProvider.System);
        var service = new CheckInService(Db, cache, Get<ScanWriter>(), new CheckInNotifier(), TimeProvider.System);
        var random = new Random(15);
        for (var i = 0; i < 10_000; i++)
            Assert.Null(await service.ScanAsync(new ScanRequest("7MFR-02AD-WVS01", random.Next(1_000_000, int.MaxValue)), ScanActor.ForUser("flood")));
        Assert.InRange(cache.CachedPointCount, 0, CheckInCache.MaxCachedPoints);
        // A real point is still found (and then served from the cache).
        Assert.Equal(edition.EditionId, (await cache.PointAsync(edition.PointId))!.EditionId);
        Assert.InRange(cache.CachedPointCount, 1, CheckInCache.MaxCachedPoints);
    }
}
