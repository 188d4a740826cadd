using DaysOfClusters.Web.Features.Badges;
using DaysOfClusters.Web.Features.CheckIn;
using DaysOfClusters.Web.Features.Statistics;

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
}
