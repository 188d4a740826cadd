using DaysOfClusters.Web.Features.Geography;
using DaysOfClusters.Web.Features.Statistics;

namespace DaysOfClusters.IntegrationTests.Statistics;

public sealed class StatisticsFixture : IAsyncLifetime
{
    public StatisticsDatabase Db { get; private set; } = null!;
    public async Task InitializeAsync() => Db = await StatisticsDatabase.CreateAsync();
    public async Task DisposeAsync() => await Db.DisposeAsync();
}

/// <summary>Every table against the hand-counted fixture of <see cref="StatisticsDatabase"/> (Türkiye still in Asia here).</summary>
public sealed class StatisticsServiceTests(StatisticsFixture fixture) : IClassFixture<StatisticsFixture>
{
    private StatisticsService Service => fixture.Db.Service;

    private static (int Registered, int Attended) Row(IEnumerable<StatRow> rows, string key)
    {
        var row = rows.Single(r => r.Key == key);
        return (row.Registered, row.Attended);
    }

    [Fact]
    public async Task Report_WhenEditionHasCancelledWaitlistedAndAttended_CountsOnlyConfirmedAndCheckedIn()
    {
        var report = (await Service.ReportAsync(fixture.Db.Edition7Id))!;
        Assert.Equal(new Headline(4, 3, 3, 2, 3, 2, 0.25), report.Headline);
        Assert.Equal(["RS", "DE", "TR"], report.Countries.Select(c => c.Key));
        Assert.Equal((2, 1), Row(report.Countries, "RS"));
        Assert.Equal((1, 1), Row(report.Countries, "DE"));
        Assert.Equal((1, 1), Row(report.Countries, "TR"));
        Assert.Equal("Serbia", report.Countries[0].Label);
    }

    [Fact]
    public async Task Report_WhenEditionEight_CountsErasedAndExcludesCancelledRejectedPendingAndCancelledCheckIn()
    {
        var report = (await Service.ReportAsync(fixture.Db.Edition8Id))!;
        Assert.Equal(new Headline(5, 3, 5, 3, 3, 1, 0.4), report.Headline);
        Assert.Equal(5, report.Countries.Count);
        Assert.Equal((1, 1), Row(report.Countries, "DE")); // erased, still counted
        Assert.Equal((1, 1), Row(report.Countries, "XK"));
        Assert.Equal((1, 0), Row(report.Countries, "EG"));
        Assert.Equal((1, 0), Row(report.Countries, "US"));
        Assert.DoesNotContain(report.Countries, c => c.Key is "TR" or "BR" or "GR" or "JP");
    }

    [Fact]
    public async Task Report_WhenByContinent_GroupsThroughCountryTable()
    {
        var e7 = (await Service.ReportAsync(fixture.Db.Edition7Id))!;
        Assert.Equal(2, e7.Continents.Count);
        Assert.Equal((3, 2), Row(e7.Continents, "Europe"));
        Assert.Equal((1, 1), Row(e7.Continents, "Asia"));
        var e8 = (await Service.ReportAsync(fixture.Db.Edition8Id))!;
        Assert.Equal(3, e8.Continents.Count);
        Assert.Equal((3, 3), Row(e8.Continents, "Europe"));
        Assert.Equal((1, 0), Row(e8.Continents, "Africa"));
        Assert.Equal((1, 0), Row(e8.Continents, "NorthAmerica"));
        Assert.Equal("North America", e8.Continents.Single(c => c.Key == "NorthAmerica").Label);
    }

    [Fact]
    public async Task Report_WhenByRegion_CountsEveryRegionACountryBelongsTo()
    {
        var e7 = (await Service.ReportAsync(fixture.Db.Edition7Id))!;
        Assert.Equal((2, 1), Row(e7.Regions, "WB"));
        Assert.Equal((3, 2), Row(e7.Regions, "BALKANS"));
        Assert.Equal((3, 2), Row(e7.Regions, "BSEC"));
        Assert.Equal((1, 1), Row(e7.Regions, "EU"));
        var e8 = (await Service.ReportAsync(fixture.Db.Edition8Id))!;
        Assert.Equal((2, 2), Row(e8.Regions, "WB"));
        Assert.Equal((2, 2), Row(e8.Regions, "BALKANS"));
        Assert.Equal((1, 1), Row(e8.Regions, "BSEC"));
        Assert.Equal((1, 1), Row(e8.Regions, "EU"));
    }

    [Fact]
    public async Task Report_WhenByTypeAndPillar_MapsTypesToPillars()
    {
        var e8 = (await Service.ReportAsync(fixture.Db.Edition8Id))!;
        Assert.Equal((2, 1), Row(e8.OrganisationTypes, "ClusterOrganisation"));
        Assert.Equal((1, 1), Row(e8.OrganisationTypes, "AcademiaResearch"));
        Assert.Equal((1, 0), Row(e8.OrganisationTypes, "InternationalOrganisation"));
        Assert.Equal((1, 1), Row(e8.OrganisationTypes, "SupportInstitutionNgo"));
        Assert.Equal((0, 0), Row(e8.OrganisationTypes, "CompanySme"));
        Assert.Equal(8, e8.OrganisationTypes.Count);
        Assert.Equal((2, 1), Row(e8.Pillars, "Business"));
        Assert.Equal((1, 1), Row(e8.Pillars, "Academia"));
        Assert.Equal((1, 0), Row(e8.Pillars, "PublicSector"));
        Assert.Equal((1, 1), Row(e8.Pillars, "Other"));
        var e7 = (await Service.ReportAsync(fixture.Db.Edition7Id))!;
        Assert.Equal((2, 1), Row(e7.Pillars, "Business"));
        Assert.Equal((1, 1), Row(e7.Pillars, "Academia"));
        Assert.Equal((1, 1), Row(e7.Pillars, "PublicSector"));
        Assert.Equal((0, 0), Row(e7.Pillars, "Other"));
    }

    [Fact]
    public async Task Report_WhenByCategory_GroupsByNameInSortOrder()
    {
        var e7 = (await Service.ReportAsync(fixture.Db.Edition7Id))!;
        Assert.Equal(["Delegate", "Speaker"], e7.Categories.Select(c => c.Key));
        Assert.Equal((3, 2), Row(e7.Categories, "Delegate"));
        Assert.Equal((1, 1), Row(e7.Categories, "Speaker"));
        var all = (await Service.ReportAsync(null))!;
        Assert.Equal((7, 5), Row(all.Categories, "Delegate"));
        Assert.Equal((2, 1), Row(all.Categories, "Speaker"));
    }

    [Fact]
    public async Task Report_WhenTimeline_IsCumulativePerLocalDayOverTheWindow()
    {
        var timeline = (await Service.ReportAsync(fixture.Db.Edition8Id))!.Timeline!;
        Assert.Equal(new DateOnly(2025, 6, 1), timeline.Opens);
        Assert.Equal(new DateOnly(2025, 6, 5), timeline.Closes);
        Assert.Equal(
            [
                new TimelinePoint(new DateOnly(2025, 6, 1), 1, 1),
                new TimelinePoint(new DateOnly(2025, 6, 2), 0, 1),
                new TimelinePoint(new DateOnly(2025, 6, 3), 3, 4), // 22:30 UTC on 2 June is 00:30 on 3 June in Belgrade
                new TimelinePoint(new DateOnly(2025, 6, 4), 0, 4),
                new TimelinePoint(new DateOnly(2025, 6, 5), 1, 5),
            ],
            timeline.Points);
    }

    [Fact]
    public async Task Report_WhenArrivals_CountsFirstCheckInsPerLocalDayWithoutCancelled()
    {
        var e8 = (await Service.ReportAsync(fixture.Db.Edition8Id))!;
        Assert.Equal(
            [new ArrivalDay("8th Days of Clusters", new DateOnly(2025, 9, 24), 1), new ArrivalDay("8th Days of Clusters", new DateOnly(2025, 9, 25), 2)],
            e8.Arrivals);
        var all = (await Service.ReportAsync(null))!;
        Assert.Equal([2, 1, 1, 2], all.Arrivals.Select(a => a.Arrivals));
        Assert.Equal(new DateOnly(2024, 9, 25), all.Arrivals[0].Date);
    }

    [Fact]
    public async Task Report_WhenAllEditions_SumsAndCountsDistinctCountries()
    {
        var all = (await Service.ReportAsync(null))!;
        Assert.Null(all.Timeline);
        Assert.Equal(9, all.Headline.Registered);
        Assert.Equal(6, all.Headline.Attended);
        Assert.Equal(6, all.Headline.Countries);
        Assert.Equal(4, all.Headline.Continents);
        Assert.Equal(0.3333, all.Headline.NoShowRate);
        Assert.Equal((3, 2), Row(all.Countries, "RS"));
        Assert.Equal((2, 2), Row(all.Countries, "DE"));
    }

    [Fact]
    public async Task Report_WhenAcrossEditions_ShowsGrowthReturningAndCountriesGained()
    {
        var editions = (await Service.ReportAsync(null))!.Editions;
        Assert.Equal(2, editions.Count);
        var (e7, e8) = (editions[0], editions[1]);
        Assert.Equal((7, 4, 3, 4, 0, 3), (e7.Ordinal, e7.Registered, e7.Attended, e7.NewPeople, e7.Returning, e7.Countries));
        Assert.Null(e7.GrowthPercent);
        Assert.Equal(["DE", "RS", "TR"], e7.CountriesGained);
        // p1 and the erased p3 return; p5's earlier registration was cancelled, so p5 is new.
        Assert.Equal((8, 5, 3, 3, 2, 5), (e8.Ordinal, e8.Registered, e8.Attended, e8.NewPeople, e8.Returning, e8.Countries));
        Assert.Equal(25.0, e8.GrowthPercent);
        Assert.Equal(["EG", "US", "XK"], e8.CountriesGained);
    }

    [Fact]
    public async Task Report_WhenEditionUnknown_ReturnsNull() => Assert.Null(await Service.ReportAsync(99999));

    [Fact]
    public async Task PublicSummary_WhenHeadlineOff_ReturnsNull()
    {
        Assert.Null(await Service.PublicSummaryAsync(StatisticsDatabase.Edition7Slug));
        Assert.Null(await Service.PublicSummaryAsync("no-such-edition"));
    }

    [Fact]
    public async Task PublicSummary_WhenHeadlineOn_ReturnsRegisteredAttendedCountriesContinents() =>
        Assert.Equal(new EditionSummaryDto(5, 3, 5, 3), await Service.PublicSummaryAsync(StatisticsDatabase.Edition8Slug));

    [Fact]
    public async Task PublicHeadlines_WhenOneOpenEditionSwitchedOn_ShowsOnlyThatEdition()
    {
        var items = await Service.PublicHeadlinesAsync();
        var item = Assert.Single(items);
        Assert.Equal("8th Days of Clusters", item.Title);
        Assert.Equal((5, 5, 3), (item.Headline.Registered, item.Headline.Countries, item.Headline.Continents));
    }

    [Fact]
    public async Task Csv_WhenCountriesTable_WritesBomHeaderAndRows()
    {
        var report = (await Service.ReportAsync(fixture.Db.Edition7Id))!;
        var bytes = StatisticsCsv.Write(report, "countries")!;
        Assert.Equal([0xEF, 0xBB, 0xBF], bytes.Take(3));
        var text = System.Text.Encoding.UTF8.GetString(bytes, 3, bytes.Length - 3);
        Assert.Equal("Country code,Country,Registered,Attended\r\nRS,Serbia,2,1\r\nDE,Germany,1,1\r\nTR,Türkiye,1,1\r\n", text);
        Assert.Null(StatisticsCsv.Write(report, "nonsense"));
        foreach (var table in StatisticsCsv.Tables) Assert.NotNull(StatisticsCsv.Write(report, table));
    }

    [Fact]
    public async Task Pdf_WhenRendered_IsOnePageWithHeadline()
    {
        var report = (await Service.ReportAsync(null))!;
        var bytes = StatisticsPdf.Render(report, new DateTime(2026, 1, 15, 12, 0, 0, DateTimeKind.Utc));
        using var pdf = UglyToad.PdfPig.PdfDocument.Open(bytes);
        Assert.Equal(1, pdf.NumberOfPages);
        var text = pdf.GetPage(1).Text;
        Assert.Contains("9 experts", text, StringComparison.Ordinal);
        Assert.Contains("from 6 countries on 4 continents", text, StringComparison.Ordinal);
        Assert.Contains("Serbia", text, StringComparison.Ordinal);
        File.WriteAllBytes(Path.Combine(Path.GetTempPath(), "doc-statistics-test.pdf"), bytes);
    }
}

/// <summary>Continents are read through the Countries table, so an organiser's correction moves past registrations.</summary>
public sealed class StatisticsContinentCorrectionTests : IAsyncLifetime
{
    private StatisticsDatabase _db = null!;
    public async Task InitializeAsync() => _db = await StatisticsDatabase.CreateAsync();
    public async Task DisposeAsync() => await _db.DisposeAsync();

    [Fact]
    public async Task Report_WhenOrganiserMovesTurkiyeToEurope_ContinentTableFollows()
    {
        Assert.True(await _db.Geography.SetContinentAsync("TR", Continent.Europe));

        var e7 = (await _db.Service.ReportAsync(_db.Edition7Id))!;
        var europe = Assert.Single(e7.Continents);
        Assert.Equal(("Europe", 4, 3), (europe.Key, europe.Registered, europe.Attended));
        Assert.Equal(1, e7.Headline.Continents);
        var all = (await _db.Service.ReportAsync(null))!;
        Assert.Equal(3, all.Headline.Continents);
        Assert.DoesNotContain(all.Continents, c => c.Key == "Asia");
    }
}
