using DaysOfClusters.IntegrationTests.Statistics;
using DaysOfClusters.Web.Features.Geography;
using DaysOfClusters.Web.Features.Network;
using DaysOfClusters.Web.Features.Registration;
using DaysOfClusters.Web.Features.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Time.Testing;

namespace DaysOfClusters.IntegrationTests.Network;

/// <summary>
/// Past editions on a real SQLite file: the statistics fixture's two live editions (7th, 8th) plus three aggregate-only
/// editions whose figures are worked out by hand below.
/// </summary>
public sealed class PastEditionTests : IAsyncLifetime
{
    private StatisticsDatabase _db = null!;
    private PastEditionService _past = null!;

    public async Task InitializeAsync()
    {
        _db = await StatisticsDatabase.CreateAsync();
        _past = new PastEditionService(_db.Factory, new FakeTimeProvider(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero)));
    }

    public async Task DisposeAsync() => await _db.DisposeAsync();

    private async Task<int> AddPastAsync(int ordinal, int year)
    {
        var (id, errors) = await _past.SaveAsync(null, new PastEditionInput { Ordinal = ordinal, Year = year, City = "Niš", CountryCode = "RS" });
        Assert.Empty(errors);
        return id!.Value;
    }

    private async Task SetAsync(int id, string country, int participants, OrganisationType? type = null) =>
        Assert.Null(await _past.SetFigureAsync(id, country, type, participants));

    /// <summary>
    /// 4th (2021): RS 10, DE 3, CN 2 = 15 · 5th (2022): RS cluster 6, RS SME 4, BR 5, TR 1 = 16 · 6th (2023): AU 3, RS 7, US 2 = 12.
    /// Aggregate 43 people. Live (fixture): 7th RS RS DE TR = 4, 8th RS DE EG XK US = 5, 6 attended.
    /// All editions: 9 + 43 = 52 people, attended 6 + 43 = 49; countries RS DE TR EG XK US ∪ RS DE CN BR TR AU US = 9
    /// (RS, DE, TR and US from both sources, counted once); continents Europe, Asia (TR, CN), Africa, North America,
    /// South America (BR), Oceania (AU) = 6. Attended countries: live RS DE TR XK ∪ aggregate = 8 (EG never checked in), 5 continents.
    /// </summary>
    private async Task SeedThreePastEditionsAsync()
    {
        var p4 = await AddPastAsync(4, 2021);
        await SetAsync(p4, "RS", 10);
        await SetAsync(p4, "DE", 3);
        await SetAsync(p4, "CN", 2);
        var p5 = await AddPastAsync(5, 2022);
        await SetAsync(p5, "RS", 6, OrganisationType.ClusterOrganisation);
        await SetAsync(p5, "RS", 4, OrganisationType.CompanySme);
        await SetAsync(p5, "BR", 5);
        await SetAsync(p5, "TR", 1);
        var p6 = await AddPastAsync(6, 2023);
        await SetAsync(p6, "AU", 3);
        await SetAsync(p6, "RS", 7);
        await SetAsync(p6, "US", 2);
    }

    [Fact]
    public async Task AllEditionsReport_WhenThreeAggregateOnlyAndTwoLiveEditions_EqualsHandComputedFigures()
    {
        await SeedThreePastEditionsAsync();
        var report = (await _db.Service.ReportAsync(null))!;

        Assert.Equal(52, report.Headline.Registered);
        Assert.Equal(49, report.Headline.Attended);
        Assert.Equal(9, report.Headline.Countries);
        Assert.Equal(6, report.Headline.Continents);
        Assert.Equal(8, report.Headline.AttendedCountries);   // EG (8th, never checked in) is registered but not attended
        Assert.Equal(5, report.Headline.AttendedContinents);  // no Africa
        Assert.Equal(["4th Days of Clusters", "5th Days of Clusters", "6th Days of Clusters"], report.AggregateOnlyEditions);

        var rs = report.Countries.Single(c => c.Key == "RS");
        Assert.Equal((30, 29), (rs.Registered, rs.Attended)); // live 3 registered (2 attended) + 27 aggregate
        Assert.Equal("RS", report.Countries[0].Key);
        Assert.Equal(4, report.Continents.Single(c => c.Key == nameof(Continent.Asia)).Registered); // TR live 1 + TR 1 + CN 2
        Assert.Equal(report.Headline.Registered, report.Continents.Sum(c => c.Registered));
        Assert.Equal(report.Headline.Registered, report.OrganisationTypes.Sum(t => t.Registered));
        Assert.Equal(report.Headline.Registered, report.Pillars.Sum(p => p.Registered));
        Assert.Equal(report.Headline.Registered, report.Categories.Sum(c => c.Registered));
        Assert.Equal(3 + 6, report.OrganisationTypes.Single(t => t.Key == nameof(OrganisationType.ClusterOrganisation)).Registered);
        Assert.Equal(43 - 10, report.OrganisationTypes.Single(t => t.Key == PastEditionFigures.NotBrokenDownKey).Registered);

        Assert.Equal([4, 5, 6, 7, 8], report.Editions.Select(e => e.Ordinal));
        Assert.Equal([true, true, true, false, false], report.Editions.Select(e => e.AggregateOnly));
        Assert.Equal([15, 16, 12, 4, 5], report.Editions.Select(e => e.Registered));
        Assert.Equal([null, 6.7, -25.0, -66.7, 25.0], report.Editions.Select(e => e.GrowthPercent));
        Assert.Equal(["CN DE RS", "BR TR", "AU US", "", "EG XK"], report.Editions.Select(e => string.Join(' ', e.CountriesGained)));
        Assert.Equal([3, 3, 3, 3, 5], report.Editions.Select(e => e.Countries));

        // One edition's own report knows nothing of aggregate figures.
        var eighth = (await _db.Service.ReportAsync(_db.Edition8Id))!;
        Assert.Equal(5, eighth.Headline.Registered);
        Assert.Empty(eighth.AggregateOnlyEditions);
    }

    [Fact]
    public async Task PublicHeadline_WhenThreeAggregateOnlyAndTwoLiveEditions_CountsEveryoneAndCountriesOnce()
    {
        await SeedThreePastEditionsAsync();
        await using (var db = await _db.Factory.CreateDbContextAsync())
            await db.Editions.Where(e => e.Id == _db.Edition7Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.PublicHeadline, true));

        var items = await _db.Service.PublicHeadlinesAsync();
        var together = items.Single(i => i.Title == "5 editions together");
        Assert.Equal((52, 9, 6), (together.Headline.Registered, together.Headline.Countries, together.Headline.Continents));
        Assert.Equal(["4th Days of Clusters", "5th Days of Clusters", "6th Days of Clusters"], together.AggregateOnlyEditions);
        // The open 8th edition on its own: live registrations only.
        var eighth = items.Single(i => i.Title == "8th Days of Clusters");
        Assert.Equal((5, 5, 3), (eighth.Headline.Registered, eighth.Headline.Countries, eighth.Headline.Continents));
        Assert.Empty(eighth.AggregateOnlyEditions);
    }

    [Fact]
    public async Task AllEditionsReport_WhenOrganiserMovesAggregateCountryToAnotherContinent_ContinentsFollow()
    {
        await SeedThreePastEditionsAsync();
        // Australia only comes from aggregate figures: moving it to Asia leaves Oceania empty.
        Assert.True(await _db.Geography.SetContinentAsync("AU", Continent.Asia));
        var report = (await _db.Service.ReportAsync(null))!;
        Assert.Equal(5, report.Headline.Continents);
        Assert.DoesNotContain(report.Continents, c => c.Key == nameof(Continent.Oceania) && c.Registered > 0);
    }

    [Fact]
    public async Task Save_WhenOrdinalHasLiveRegistrationsOrIsTakenOrFieldsAreBad_GivesFieldErrorsAndStoresNothing()
    {
        await AddPastAsync(4, 2021);
        var (id7, e7) = await _past.SaveAsync(null, new PastEditionInput { Ordinal = 7, Year = 2017, City = "Niš", CountryCode = "RS" });
        Assert.Null(id7);
        Assert.Contains("registrations in the system", e7["Ordinal"].Single());
        var (id4, e4) = await _past.SaveAsync(null, new PastEditionInput { Ordinal = 4, Year = 2013, City = "Niš", CountryCode = "RS" });
        Assert.Null(id4);
        Assert.Contains("already in the list", e4["Ordinal"].Single());
        var (idBad, bad) = await _past.SaveAsync(null, new PastEditionInput { Ordinal = 2, Year = 1800, City = " ", CountryCode = "QQ" });
        Assert.Null(idBad);
        Assert.Equal(["City", "CountryCode", "Year"], bad.Keys.Order());
        Assert.Single(await _past.ListAsync());
    }

    [Fact]
    public async Task AllEditionsReport_WhenLiveEditionOfSameOrdinalGetsRegistrations_StopsCountingAggregateFigures()
    {
        var p9 = await AddPastAsync(9, 2025);
        await SetAsync(p9, "JP", 50);
        Assert.Equal(59, (await _db.Service.ReportAsync(null))!.Headline.Registered);

        // The 8th live edition is renumbered 9th: its registrations now stand for that edition.
        await using (var db = await _db.Factory.CreateDbContextAsync())
            await db.Editions.Where(e => e.Id == _db.Edition8Id).ExecuteUpdateAsync(s => s.SetProperty(e => e.Ordinal, 9));
        var report = (await _db.Service.ReportAsync(null))!;
        Assert.Equal(9, report.Headline.Registered);
        Assert.Empty(report.AggregateOnlyEditions);
        Assert.True((await _past.ListAsync()).Single().HasLiveRegistrations);
    }

    [Fact]
    public async Task ImportCsv_WhenFileHasBadRows_ReportsEachRowAndImportsNothing()
    {
        var id = await AddPastAsync(3, 2012);
        await SetAsync(id, "RS", 99);
        const string csv = """
            Country,Participants,OrganisationType
            RS,12,
            XX,3,
            DE,-2,
            RS,4,
            BG,abc,
            MK,5,Spaceship
            GR,3,
            AL,2,ClusterOrganisation
            AL,1,
            """;
        var preview = await _past.PreviewCsvAsync(csv);
        var errors = preview.AllErrors.Select(e => (e.Line, e.Field)).ToList();
        Assert.Equal([(3, "Country"), (4, "Participants"), (5, "Country"), (6, "Participants"), (7, "OrganisationType"), (10, "Country")], errors);
        Assert.Contains("Unknown country code 'XX'", preview.AllErrors.Single(e => e.Line == 3).Message);
        Assert.Contains("negative", preview.AllErrors.Single(e => e.Line == 4).Message);
        Assert.Contains("Duplicate country RS: already on line 2", preview.AllErrors.Single(e => e.Line == 5).Message);
        Assert.Contains("Duplicate country AL", preview.AllErrors.Single(e => e.Line == 10).Message);

        var result = await _past.ImportCsvAsync(id, csv);
        Assert.False(result.Imported);
        Assert.Equal(6, result.Errors.Count);
        var stored = (await _past.FindAsync(id))!.Figures;
        Assert.Equal([("RS", 99)], stored.Select(f => (f.CountryCode, f.Participants)));
    }

    [Fact]
    public async Task ImportCsv_WhenFileIsValid_ReplacesFiguresWithItsRows()
    {
        var id = await AddPastAsync(3, 2012);
        await SetAsync(id, "RS", 99);
        var csv = "\uFEFFcountry,participants,organisationtype\nRS,40,ClusterOrganisation\nRS,20,Company / SME\nSerbia and nothing,1,\n";
        Assert.True((await _past.PreviewCsvAsync(csv)).HasErrors); // an unknown English name is an unknown country too
        csv = "Country,Participants,OrganisationType\nRS,40,ClusterOrganisation\nRS,20,Company / SME\nBulgaria,7,\nmk,0,\n";
        var result = await _past.ImportCsvAsync(id, csv);
        Assert.True(result.Imported);
        Assert.Equal(67, result.Participants);
        var stored = (await _past.FindAsync(id))!.Figures.OrderBy(f => f.CountryCode).ThenBy(f => f.OrganisationType)
            .Select(f => (f.CountryCode, f.OrganisationType, f.Participants));
        Assert.Equal([("BG", null, 7), ("RS", OrganisationType.ClusterOrganisation, 40), ("RS", OrganisationType.CompanySme, 20)], stored);
    }

    [Fact]
    public async Task SetFigure_WhenNegativeUnknownCountryOrMixedTypes_RefusesAndKeepsFigures()
    {
        var id = await AddPastAsync(2, 2011);
        await SetAsync(id, "RS", 5);
        Assert.NotNull(await _past.SetFigureAsync(id, "RS", null, -1));
        Assert.NotNull(await _past.SetFigureAsync(id, "QQ", null, 3));
        Assert.NotNull(await _past.SetFigureAsync(id, "RS", OrganisationType.Media, 3));
        await SetAsync(id, "RS", 8); // same key: replaces
        Assert.Equal([("RS", 8)], (await _past.FindAsync(id))!.Figures.Select(f => (f.CountryCode, f.Participants)));
        await SetAsync(id, "RS", 0); // 0 removes
        Assert.Empty((await _past.FindAsync(id))!.Figures);
    }

    [Fact]
    public async Task DemoSeeder_WhenDatabaseHasNoPastEditions_SeedsSixEditionsOf1400PeopleFrom33CountriesOn5Continents()
    {
        var seeder = new NetworkDemoSeeder(_db.Factory, TimeProvider.System);
        Assert.Equal(6, await seeder.SeedIfEmptyAsync()); // the fixture's 7th has live registrations; the demo file has 1st–6th
        Assert.Equal(0, await seeder.SeedIfEmptyAsync());
        await using var db = await _db.Factory.CreateDbContextAsync();
        var figures = await db.PastEditionFigures.Join(db.Countries, f => f.CountryCode, c => c.Code, (f, c) => new { f.CountryCode, c.Continent, f.Participants }).ToListAsync();
        Assert.Equal(1400, figures.Sum(f => f.Participants));
        Assert.Equal(33, figures.Select(f => f.CountryCode).Distinct().Count());
        Assert.Equal(5, figures.Select(f => f.Continent).Distinct().Count());
    }
}
