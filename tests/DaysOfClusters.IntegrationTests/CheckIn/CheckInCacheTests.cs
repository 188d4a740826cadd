using System.Security.Cryptography;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Badges;
using DaysOfClusters.Web.Features.CheckIn;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace DaysOfClusters.IntegrationTests.CheckIn;

/// <summary>
/// The in-memory caches of the scan path (points, edition keys, device tokens) must never let a change go unseen for
/// longer than they promise: the app's own changes at once, changes made elsewhere (straight in the database here, as
/// another instance would) within their lifetime. A clock the test moves stands in for waiting.
/// </summary>
public sealed class CheckInCacheTests(CheckInAppFactory app) : IClassFixture<CheckInAppFactory>
{
    private static readonly ScanActor Staff = ScanActor.ForUser("staff-cache-test");

    private Task<(SeededEdition Edition, List<string> Codes)> SeedAsync(int people) => app.CheckInEditionAsync("c", people);

    private (CheckInService Service, CheckInCache Cache) ServiceWith(FakeTimeProvider clock)
    {
        var cache = new CheckInCache(app.Db, clock);
        return (new CheckInService(app.Db, cache, app.Get<ScanWriter>(), new CheckInNotifier(), clock), cache);
    }

    private static async Task<string> CodeSignedWithAsync(AppDbContext db, int registrationId, ECDsa key)
    {
        var badge = await db.IssuedBadges.AsNoTracking().Where(b => b.RegistrationId == registrationId).OrderByDescending(b => b.IssueNumber).FirstAsync();
        return BadgeToken.Encode(new BadgeTokenPayload(badge.EditionId, badge.TicketIdValue, (ushort)badge.IssueNumber, badge.CategoryCode), key);
    }

    [Fact]
    public async Task VerifyAsync_WhenEditionKeyReplacedElsewhere_NewKeyAcceptedAtOnceOldKeyRefusedFromThen()
    {
        var (edition, codes) = await SeedAsync(3);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (service, _) = ServiceWith(clock);
        Assert.Equal(ScanOutcome.Accepted, (await service.ScanAsync(new ScanRequest(codes[0], edition.PointId), Staff))!.Outcome);

        using var replacement = EditionSigningKeys.Create();
        await using var db = await app.Db.CreateDbContextAsync();
        await db.EditionSigningKeys.Where(k => k.EditionId == edition.EditionId)
            .ExecuteUpdateAsync(s => s.SetProperty(k => k.SpkiBase64, EditionSigningKeys.ExportSpkiBase64(replacement)));
        var newCode = await CodeSignedWithAsync(db, edition.RegistrationIds[1], replacement);

        // The cached old key fails the new code, so the key is read again and the new code passes on the first scan.
        Assert.Equal(ScanOutcome.Accepted, (await service.ScanAsync(new ScanRequest(newCode, edition.PointId), Staff))!.Outcome);
        var old = await service.ScanAsync(new ScanRequest(codes[2], edition.PointId), Staff);
        Assert.Equal(ScanOutcome.Refused, old!.Outcome);
        Assert.Equal(ScanReasons.Forged, old.ReasonCode);
    }

    [Fact]
    public async Task VerifyAsync_WhenKeyReplacedAndNoNewCodeScanned_OldKeyRefusedOnceTheEntryExpires()
    {
        var (edition, codes) = await SeedAsync(3);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var (service, _) = ServiceWith(clock);
        Assert.Equal(ScanOutcome.Accepted, (await service.ScanAsync(new ScanRequest(codes[0], edition.PointId), Staff))!.Outcome);

        using var replacement = EditionSigningKeys.Create();
        await using (var db = await app.Db.CreateDbContextAsync())
            await db.EditionSigningKeys.Where(k => k.EditionId == edition.EditionId)
                .ExecuteUpdateAsync(s => s.SetProperty(k => k.SpkiBase64, EditionSigningKeys.ExportSpkiBase64(replacement)));

        // Within the key's lifetime the cached key still answers (that is the promise, and the point of the cache) ...
        clock.Advance(CheckInCache.KeyTtl - TimeSpan.FromSeconds(1));
        Assert.Equal(ScanOutcome.Accepted, (await service.ScanAsync(new ScanRequest(codes[1], edition.PointId), Staff))!.Outcome);
        // ... and not a moment longer.
        clock.Advance(TimeSpan.FromSeconds(2));
        var refused = await service.ScanAsync(new ScanRequest(codes[2], edition.PointId), Staff);
        Assert.Equal(ScanReasons.Forged, refused!.ReasonCode);
    }

    [Fact]
    public async Task ScanAsync_WhenBadgeRevokedOrRegistrationCancelledAfterAScan_RefusesTheNextScanAtOnce()
    {
        var (edition, codes) = await SeedAsync(2);
        var service = app.Get<CheckInService>();
        Assert.Equal(ScanOutcome.Accepted, (await service.ScanAsync(new ScanRequest(codes[0], edition.PointId), Staff))!.Outcome);
        Assert.Equal(ScanOutcome.Accepted, (await service.ScanAsync(new ScanRequest(codes[1], edition.PointId), Staff))!.Outcome);

        await app.Get<BadgeIssuer>().RevokeAsync(edition.RegistrationIds[0], "stolen");
        await using (var db = await app.Db.CreateDbContextAsync())
            await db.Registrations.Where(r => r.Id == edition.RegistrationIds[1])
                .ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, DaysOfClusters.Web.Features.Registration.RegistrationStatus.Cancelled));

        var revoked = await service.ScanAsync(new ScanRequest(codes[0], edition.SecondPointId), Staff);
        Assert.Equal(ScanReasons.Revoked, revoked!.ReasonCode);
        Assert.Contains("stolen", revoked.Reason, StringComparison.Ordinal);
        Assert.Equal(ScanReasons.Cancelled, (await service.ScanAsync(new ScanRequest(codes[1], edition.SecondPointId), Staff))!.ReasonCode);
    }

    [Fact]
    public async Task ScanAsync_WhenPointClosedHere_RefusesAtOnce_WhenClosedElsewhere_RefusesOnceTheEntryExpires()
    {
        var (edition, codes) = await SeedAsync(4);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var cache = new CheckInCache(app.Db, clock);
        var service = new CheckInService(app.Db, cache, app.Get<ScanWriter>(), new CheckInNotifier(), clock);
        var admin = new CheckInAdminService(app.Db, app.Get<DeviceTokenService>(), cache, clock);
        Assert.Equal(ScanOutcome.Accepted, (await service.ScanAsync(new ScanRequest(codes[0], edition.PointId), Staff))!.Outcome);
        Assert.Equal(ScanOutcome.Accepted, (await service.ScanAsync(new ScanRequest(codes[0], edition.SecondPointId), Staff))!.Outcome);

        Assert.True(await admin.ArchivePointAsync(edition.EditionId, edition.PointId));
        Assert.Equal(ScanReasons.PointClosed, (await service.ScanAsync(new ScanRequest(codes[1], edition.PointId), Staff))!.ReasonCode);

        await using (var db = await app.Db.CreateDbContextAsync())
            await db.CheckInPoints.Where(p => p.Id == edition.SecondPointId).ExecuteUpdateAsync(s => s.SetProperty(p => p.IsArchived, true));
        Assert.Equal(ScanOutcome.Accepted, (await service.ScanAsync(new ScanRequest(codes[2], edition.SecondPointId), Staff))!.Outcome);
        clock.Advance(CheckInCache.PointTtl + TimeSpan.FromSeconds(1));
        Assert.Equal(ScanReasons.PointClosed, (await service.ScanAsync(new ScanRequest(codes[3], edition.SecondPointId), Staff))!.ReasonCode);
    }

    [Fact]
    public async Task AddPointAsync_WhenAScannerAskedForTheIdBefore_TheNewPointWorksAtOnce()
    {
        var (edition, codes) = await SeedAsync(1);
        var service = app.Get<CheckInService>();
        int nextId;
        await using (var db = await app.Db.CreateDbContextAsync()) nextId = await db.CheckInPoints.MaxAsync(p => p.Id) + 1;
        Assert.Null(await service.ScanAsync(new ScanRequest(codes[0], nextId), Staff));
        var added = await app.Get<CheckInAdminService>().AddPointAsync(edition.EditionId, new CheckInPointInput("Matchmaking area", CheckInPointKind.Matchmaking, null, null));
        Assert.Equal(nextId, added!.Id);
        Assert.Equal(ScanOutcome.Accepted, (await service.ScanAsync(new ScanRequest(codes[0], nextId), Staff))!.Outcome);
    }

    [Fact]
    public async Task ValidateAsync_WhenTokenRevokedElsewhere_StopsWorkingWithinTheCacheTime_WhenRevokedHere_AtOnce()
    {
        var (edition, _) = await SeedAsync(1);
        var clock = new FakeTimeProvider(DateTimeOffset.UtcNow);
        var tokens = new DeviceTokenService(app.Db, app.Get<SqliteWriteGate>(), clock);
        var admin = new CheckInAdminService(app.Db, tokens, app.Get<CheckInCache>(), clock);
        var first = (await admin.IssueDeviceAsync(edition.EditionId, "Phone A", null))!;
        var second = (await admin.IssueDeviceAsync(edition.EditionId, "Phone B", null))!;
        Assert.NotNull(await tokens.ValidateAsync(first.Token));
        Assert.NotNull(await tokens.ValidateAsync(second.Token));

        // Revoked through this app: forgotten at once.
        Assert.True(await admin.RevokeDeviceAsync(edition.EditionId, first.Device.Id));
        Assert.Null(await tokens.ValidateAsync(first.Token));

        // Revoked by another instance (straight in the database): the cached answer lasts at most CacheFor.
        await using (var db = await app.Db.CreateDbContextAsync())
            await db.ScannerDevices.Where(d => d.Id == second.Device.Id).ExecuteUpdateAsync(s => s.SetProperty(d => d.RevokedUtc, DateTime.UtcNow));
        clock.Advance(DeviceTokenService.CacheFor - TimeSpan.FromSeconds(1));
        Assert.NotNull(await tokens.ValidateAsync(second.Token));
        clock.Advance(TimeSpan.FromSeconds(2));
        Assert.Null(await tokens.ValidateAsync(second.Token));
        Assert.True(DeviceTokenService.CacheFor <= TimeSpan.FromSeconds(10));
    }

    [Fact]
    public async Task ScanAsync_WhenManyPeopleEnterAndLeaveInParallel_InsideNowCounterEqualsThePresenceRows()
    {
        const int people = 60;
        var (edition, codes) = await SeedAsync(people);
        var service = app.Get<CheckInService>();
        // Every person enters twice at once from two devices, half of them leave again (also twice at once).
        await Task.WhenAll(codes.SelectMany(code => new[] { "a", "b" }.Select(device => Task.Run(() =>
            service.ScanAsync(new ScanRequest(code, edition.PointId, $"{device}-{Guid.NewGuid():N}"), Staff)))));
        await Task.WhenAll(codes.Take(people / 2).SelectMany(code => new[] { "a", "b" }.Select(device => Task.Run(() =>
            service.ScanAsync(new ScanRequest(code, edition.PointId, $"{device}-{Guid.NewGuid():N}", Direction: ScanDirection.Exit), Staff)))));

        await using var db = await app.Db.CreateDbContextAsync();
        var rows = await db.Presences.CountAsync(p => p.PointId == edition.PointId && p.InsideSince != null);
        Assert.Equal(people / 2, rows);
        Assert.Equal(rows, await db.CheckInPoints.Where(p => p.Id == edition.PointId).Select(p => p.InsideNow).SingleAsync());
        Assert.Equal(rows, await app.Get<ScannerLookups>().InsideNowAsync(edition.PointId));
        Assert.Equal(people, await db.ScanLog.CountAsync(s => s.PointId == edition.PointId && s.Direction == ScanDirection.Entry && s.Outcome == ScanOutcome.Accepted));
        Assert.Equal(people / 2, await db.ScanLog.CountAsync(s => s.PointId == edition.PointId && s.Direction == ScanDirection.Exit && s.Outcome == ScanOutcome.Accepted));
        Assert.Equal(people / 2, await db.ScanLog.CountAsync(s => s.PointId == edition.PointId && s.Outcome == ScanOutcome.NotInside));
    }
}
