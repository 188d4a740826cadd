using DaysOfClusters.IntegrationTests.Statistics;
using DaysOfClusters.Web.Features.Badges;
using DaysOfClusters.Web.Features.CheckIn;
using DaysOfClusters.Web.Features.Registration;
using DaysOfClusters.Web.Features.Statistics;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.IntegrationTests.CheckIn;

/// <summary>The statistics' "attended" and arrivals come from real check-ins once both features run together.</summary>
public sealed class CheckInStatisticsTests(CheckInAppFactory app) : IClassFixture<CheckInAppFactory>
{
    [Fact]
    public async Task ReportAsync_WhenTwoOfThreeCheckedIn_CountsTwoAttendedAndTheirArrivals()
    {
        app.CreateClient().Dispose();
        var edition = await CheckInSeed.EditionAsync(app.Db, "stats" + Guid.NewGuid().ToString("N")[..8], 3);
        var issuer = app.Get<BadgeIssuer>();
        var scanner = app.Get<CheckInService>();
        foreach (var id in edition.RegistrationIds.Take(2))
        {
            var code = (await issuer.CurrentAsync(id))!.QrText;
            Assert.Equal(ScanOutcome.Accepted, (await scanner.ScanAsync(new ScanRequest(code, edition.PointId), ScanActor.ForUser("staff")))!.Outcome);
            // A second point does not make the person count twice.
            Assert.Equal(ScanOutcome.Accepted, (await scanner.ScanAsync(new ScanRequest(code, edition.SecondPointId), ScanActor.ForUser("staff")))!.Outcome);
        }

        var report = await app.Get<StatisticsService>().ReportAsync(edition.EditionId);

        Assert.NotNull(report);
        Assert.Equal(3, report.Headline.Registered);
        Assert.Equal(2, report.Headline.Attended);
        Assert.Equal(2, report.Arrivals.Sum(a => a.Arrivals));
    }

    /// <summary>
    /// A first entry anywhere is counted by its own trigger (migration StatisticsFirstEntry), every other new presence by
    /// the full refresh: each kind, then the summaries against the raw counts. Fails when the direct count misses a cell,
    /// an arrival or the state row, or takes a presence it must not (another one with an entry, none, no time).
    /// </summary>
    [Fact]
    public async Task ScanAsync_When_FirstEntriesAndOtherNewPresencesMix_KeepTheSummariesEqualToTheRawCounts()
    {
        app.CreateClient().Dispose();
        var edition = await CheckInSeed.EditionAsync(app.Db, "first" + Guid.NewGuid().ToString("N")[..8], 8);
        var issuer = app.Get<BadgeIssuer>();
        var scanner = app.Get<CheckInService>();
        var staff = ScanActor.ForUser("staff");
        var ids = edition.RegistrationIds;
        async Task<ScanOutcome> ScanAsync(int registrationId, int point, ScanDirection direction = ScanDirection.Entry) =>
            (await scanner.ScanAsync(new ScanRequest((await issuer.CurrentAsync(registrationId))!.QrText, point, Direction: direction), staff))!.Outcome;
        async Task PresenceAsync(int registrationId, int point, int entries, DateTime? firstEntry)
        {
            await using var db = await app.Db.CreateDbContextAsync();
            db.Presences.Add(new Presence { EditionId = edition.EditionId, PointId = point, RegistrationId = registrationId, EntryCount = entries, FirstEntryUtc = firstEntry });
            await db.SaveChangesAsync();
        }
        async Task StatusAsync(int registrationId, RegistrationStatus status)
        {
            await using var db = await app.Db.CreateDbContextAsync();
            await db.Registrations.Where(r => r.Id == registrationId).ExecuteUpdateAsync(s => s.SetProperty(r => r.Status, status));
        }

        // First entries, then out, in again and in at the second point (no longer first).
        Assert.Equal(ScanOutcome.Accepted, await ScanAsync(ids[0], edition.PointId));
        Assert.Equal(ScanOutcome.Accepted, await ScanAsync(ids[0], edition.PointId, ScanDirection.Exit));
        Assert.Equal(ScanOutcome.Accepted, await ScanAsync(ids[0], edition.PointId));
        Assert.Equal(ScanOutcome.Accepted, await ScanAsync(ids[1], edition.PointId));
        Assert.Equal(ScanOutcome.Accepted, await ScanAsync(ids[1], edition.SecondPointId));
        // A presence without an entry, then a first entry elsewhere beside it.
        await PresenceAsync(ids[2], edition.PointId, 0, null);
        Assert.Equal(ScanOutcome.Accepted, await ScanAsync(ids[2], edition.SecondPointId));
        // An entry without its time is not a first entry for the direct count.
        await PresenceAsync(ids[3], edition.PointId, 1, null);
        // A second presence with an earlier first entry moves the arrival hour.
        Assert.Equal(ScanOutcome.Accepted, await ScanAsync(ids[4], edition.PointId));
        await PresenceAsync(ids[4], edition.SecondPointId, 1, DateTime.UtcNow.AddHours(-5));
        // Cancelled and rejected people count as attended but not as arrivals.
        await StatusAsync(ids[5], RegistrationStatus.Cancelled);
        await PresenceAsync(ids[5], edition.PointId, 1, DateTime.UtcNow.AddHours(-2));
        await StatusAsync(ids[6], RegistrationStatus.Rejected);
        await PresenceAsync(ids[6], edition.SecondPointId, 2, DateTime.UtcNow.AddHours(-3));

        await using (var db = await app.Db.CreateDbContextAsync())
        {
            if (db.Database.IsSqlite())
                Assert.Equal(1, await db.Database.SqlQueryRaw<int>("SELECT COUNT(*) AS Value FROM sqlite_master WHERE type = 'trigger' AND name = 'Statistics_Presences_FirstEntry'").SingleAsync());
        }
        await RawStatistics.AssertSummariesMatchAsync(app.Db);
        // The report's headline counts the confirmed (0 to 4); the cancelled and rejected are in the summaries compared above.
        var report = await app.Get<StatisticsService>().ReportAsync(edition.EditionId);
        Assert.Equal(5, report!.Headline.Attended);
    }
}
