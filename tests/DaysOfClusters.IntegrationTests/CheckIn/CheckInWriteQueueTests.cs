using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Badges;
using DaysOfClusters.Web.Features.CheckIn;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DaysOfClusters.IntegrationTests.CheckIn;

/// <summary>
/// Every scan at a point updates the point's InsideNow row, so scans at one door write one after another. On
/// PostgreSQL each used to wait for that row lock holding a pooled connection: CI's PostgreSQL run emptied Npgsql's pool
/// of 100 with 120 scans at once and they failed after its 30 s. Here a pool of 4 with a 2 s timeout stands in for it,
/// and another instance's transaction holds the row for longer than that timeout. On SQLite the same hold is the file's
/// write lock, which the scans wait out in SQLite's busy handler.
/// </summary>
public sealed class CheckInWriteQueueTests(CheckInAppFactory app) : IClassFixture<CheckInAppFactory>
{
    private static readonly ScanActor Staff = ScanActor.ForUser("staff-queue-test");

    [Fact]
    public async Task ScanAsync_WhenManyScanAtOneDoorWhileItsCounterIsLockedElsewhere_EveryScanWaitsItsTurnAndCounts()
    {
        const int people = 24;
        app.CreateClient().Dispose();
        var edition = await CheckInSeed.EditionAsync(app.Db, "q" + Guid.NewGuid().ToString("N")[..10], people);
        var issuer = app.Get<BadgeIssuer>();
        var codes = new List<string>();
        foreach (var id in edition.RegistrationIds) codes.Add((await issuer.CurrentAsync(id))!.QrText);

        await using var smallPool = SmallPoolServices();
        var factory = smallPool?.GetRequiredService<IDbContextFactory<AppDbContext>>() ?? app.Db;
        var service = new CheckInService(factory, new CheckInCache(factory, TimeProvider.System), app.Get<ScanWriter>(), new CheckInNotifier(), TimeProvider.System);
        // Warm the cache (point and edition key) so the scans below only meet the write.
        Assert.Equal(ScanOutcome.Accepted, (await service.ScanAsync(new ScanRequest(codes[0], edition.PointId), Staff))!.Outcome);

        List<Task<ScanResult?>> scans;
        await using (var holder = await app.Db.CreateDbContextAsync())
        {
            await using var held = await holder.Database.BeginTransactionAsync();
            await holder.CheckInPoints.Where(p => p.Id == edition.PointId).ExecuteUpdateAsync(s => s.SetProperty(p => p.InsideNow, p => p.InsideNow));
            scans = codes.Skip(1).Select(code => Task.Run(() => service.ScanAsync(new ScanRequest(code, edition.PointId, Guid.NewGuid().ToString("N")), Staff))).ToList();
            // Held for twice the small pool's timeout: a scan waiting for a connection would have given up by now.
            await Task.WhenAny(Task.WhenAll(scans), Task.Delay(TimeSpan.FromSeconds(4)));
            await held.CommitAsync();
        }

        var results = await Task.WhenAll(scans);
        Assert.All(results, r => Assert.Equal(ScanOutcome.Accepted, r!.Outcome));
        Assert.Equal(Enumerable.Range(2, people - 1), results.Select(r => r!.InsideNow).Order());
        await using var db = await app.DbAsync();
        Assert.Equal(people, await db.CheckInPoints.Where(p => p.Id == edition.PointId).Select(p => p.InsideNow).SingleAsync());
        Assert.Equal(people, await db.Presences.CountAsync(p => p.PointId == edition.PointId && p.InsideSince != null));
    }

    /// <summary>On PostgreSQL, the app's context factory on the same database with a pool of 4 and a 2 s wait for a connection.</summary>
    private ServiceProvider? SmallPoolServices()
    {
        if (app.Database.ConnectionString is not { } connectionString) return null;
        var small = new NpgsqlConnectionStringBuilder(connectionString) { MaxPoolSize = 4, Timeout = 2 }.ToString();
        return new ServiceCollection().AddPostgreSqlDatabase(small).BuildServiceProvider();
    }
}
