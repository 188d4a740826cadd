using System.Net;
using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Features.Accounts;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using DaysOfClusters.Web.Features.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RegistrationEntity = DaysOfClusters.Web.Features.Registration.Registration;

namespace DaysOfClusters.IntegrationTests.Statistics;

/// <summary>The network's reach across its series: a trainee who later comes to the conference is one person, returning.</summary>
public sealed class NetworkStatisticsTests(NetworkStatisticsTests.App app) : IClassFixture<NetworkStatisticsTests.App>
{
    public sealed class App : AppFactory;

    private async Task<int> EventAsync(int seriesId, int ordinal, DateTime start, EditionStatus status = EditionStatus.Open, bool publicHeadline = false)
    {
        var editions = app.Services.GetRequiredService<EditionService>();
        var input = EditionInputs.Valid(ordinal, $"net-{Guid.NewGuid():N}"[..20]);
        input.SeriesId = seriesId;
        input.PublicHeadline = publicHeadline;
        input.StartDate = start;
        input.EndDate = start;
        input.RegistrationOpens = start.AddDays(-30);
        input.RegistrationCloses = start.AddDays(-1);
        var saved = await editions.SaveAsync(null, input);
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.SelectMany(e => e.Value)));
        if (status != EditionStatus.Draft) await editions.SetStatusAsync(saved.EditionId!.Value, status);
        return saved.EditionId!.Value;
    }

    private Task<int> PersonAsync(int editionId, string email, string organisation, string country, RegistrationStatus status = RegistrationStatus.Confirmed) =>
        app.WithDbAsync(async db =>
        {
            var category = db.RegistrationCategories.First(c => c.EditionId == editionId).Id;
            var now = DateTime.UtcNow;
            db.Registrations.Add(new RegistrationEntity
            {
                EditionId = editionId, CategoryId = category, FirstName = "N", LastName = "N", Email = email, EmailNormalized = email,
                EmailHash = RegistrationRules.Sha256Hex(email), Organisation = organisation, OrganisationType = OrganisationType.ClusterOrganisation,
                CountryCode = country, PrivacyConsentUtc = now, PrivacyNoticeVersion = "1", Status = status, CreatedUtc = now, UpdatedUtc = now,
                ManageTokenHash = RegistrationRules.Sha256Hex(Guid.NewGuid().ToString("N")),
            });
            return await db.SaveChangesAsync();
        });

    [Fact]
    public async Task FiguresAsync_WhenPeopleComeToSeveralSeries_CountsEachOnceAndThoseAcrossSeriesAsReturning()
    {
        var start = new DateTime(2031, 3, 1);
        var training = await EventAsync(4, 1, start);
        var conference = await EventAsync(1, 12, start.AddMonths(6));
        var draft = await EventAsync(3, 1, start.AddMonths(2), EditionStatus.Draft);
        var later = await EventAsync(5, 1, start.AddYears(2));
        await PersonAsync(training, "ana@net.example", "Klaster Jug", "RS");
        await PersonAsync(training, "ivan@net.example", "Black Sea Cluster", "BG");
        await PersonAsync(conference, "ana@net.example", " klaster  JUG ", "RS");
        await PersonAsync(conference, "kenji@net.example", "Tokyo Cluster", "JP");
        await PersonAsync(conference, "gone@net.example", "Cancelled Org", "DE", RegistrationStatus.Cancelled);
        await PersonAsync(draft, "draft@net.example", "Draft Org", "FR");
        await PersonAsync(later, "later@net.example", "Later Org", "US");

        var figures = await app.Services.GetRequiredService<NetworkStatistics>().FiguresAsync(new DateOnly(2031, 1, 1), new DateOnly(2031, 12, 31));

        var byCode = figures.ToDictionary(f => f.SeriesCode ?? "network");
        Assert.Equal(["dofc", "round-table", "serbian-day", "training", "matchmaking", "network"], figures.Select(f => f.SeriesCode ?? "network"));
        Assert.Equal(new NetworkFigures("Training", "training", 1, 2, 2, 2, 1, 1), byCode["training"]);
        Assert.Equal(new NetworkFigures("Days of Clusters", "dofc", 1, 2, 2, 2, 2, 1), byCode["dofc"]);
        Assert.Equal(0, byCode["serbian-day"].People); // a draft reached nobody yet
        Assert.Equal(0, byCode["matchmaking"].People); // outside the period
        // Ana came to both: one person, one organisation (spelt two ways), returning; the cancelled registration reached nobody.
        Assert.Equal(new NetworkFigures("Whole network", null, 2, 3, 3, 3, 2, 1), byCode["network"]);
    }

    [Fact]
    public async Task Page_WhenAnOrganiserOpensIt_ShowsEachSeriesAndTheNetworkForTheRecentYears()
    {
        // Inside the page's default period (five years back, one ahead); staff and anonymous are refused with every
        // other organiser page (OrganiserSecurityTests enumerates them).
        var soon = await EventAsync(2, 7, DateTime.UtcNow.Date.AddMonths(1));
        await PersonAsync(soon, "page@net.example", "Page Cluster", "RS");
        using var client = await app.CreateLoggedInClientAsync(Roles.Organiser);

        var response = await client.GetAsync(new Uri("/organiser/network-statistics", UriKind.Relative));

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var html = await response.Content.ReadAsStringAsync();
        Assert.Contains("data-testid=\"network-figures\"", html, StringComparison.Ordinal);
        Assert.Contains("data-series=\"round-table\"", html, StringComparison.Ordinal);
        Assert.Contains("Whole network", html, StringComparison.Ordinal);
    }

    /// <summary>
    /// The conference's own history counts its own editions: a trainee of the 1st Training who comes to the conference is new
    /// there (before, the shared ordinal 1 made her "first seen at the 1st Days of Clusters"), and the training is no row of it.
    /// </summary>
    [Fact]
    public async Task ConferenceReport_WhenATraineeLaterComesToTheConference_CountsHerAsNewThereAndLeavesTheTrainingOut()
    {
        var start = new DateTime(2035, 3, 1);
        var training = await EventAsync(4, 1, start, publicHeadline: true);
        var conference = await EventAsync(1, 20, start.AddMonths(6), publicHeadline: true);
        await PersonAsync(training, "mila@growth.example", "Klaster Jug", "RS");
        await PersonAsync(training, "only-training@growth.example", "Klaster Jug", "RS");
        await PersonAsync(conference, "mila@growth.example", "Klaster Jug", "RS");
        await PersonAsync(conference, "first-time@growth.example", "Danube Cluster", "AT");
        var statistics = app.Services.GetRequiredService<StatisticsService>();

        var report = await statistics.ReportAsync(null);

        var row = Assert.Single(report!.Editions, g => g.EditionId == conference);
        Assert.Equal((2, 2, 0), (row.Registered, row.NewPeople, row.Returning));
        Assert.DoesNotContain(report.Editions, g => g.EditionId == training);

        // Moved into the conference's series as its 19th edition, the training makes her a returning person at the 20th.
        await app.WithDbAsync(db => db.Editions.Where(e => e.Id == training).ExecuteUpdateAsync(s => s.SetProperty(e => e.SeriesId, 1).SetProperty(e => e.Ordinal, 19)));
        var moved = Assert.Single((await statistics.ReportAsync(null))!.Editions, g => g.EditionId == conference);
        Assert.Equal((1, 1), (moved.NewPeople, moved.Returning));
    }

    [Fact]
    public async Task PublicHeadlines_WhenAnotherSeriesShowsItsFigures_AddTheWholeNetworkLine()
    {
        var start = new DateTime(2034, 5, 1);
        var roundTable = await EventAsync(2, 1, start, EditionStatus.Closed, publicHeadline: true);
        var conference = await EventAsync(1, 30, start.AddMonths(4), EditionStatus.Closed, publicHeadline: true);
        await PersonAsync(roundTable, "envoy@headline.example", "EC DG GROW", "BE");
        await PersonAsync(conference, "envoy@headline.example", "EC DG GROW", "BE");
        await PersonAsync(conference, "maker@headline.example", "Klaster Sever", "RS");

        var items = await app.Services.GetRequiredService<StatisticsService>().PublicHeadlinesAsync();

        var network = Assert.Single(items, i => i.Title.StartsWith("The whole network", StringComparison.Ordinal));
        Assert.True(network.Headline.Registered >= 3, $"The network line counts both events' people, got {network.Headline.Registered}.");
        Assert.DoesNotContain(items, i => i.Title.Contains("1st Cluster Round Table", StringComparison.Ordinal) && i.Title.Contains("editions together", StringComparison.Ordinal));
    }
}
