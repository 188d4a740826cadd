using System.Text;
using DaysOfClusters.Web.Features.Statistics;

namespace DaysOfClusters.UnitTests.Statistics;

public sealed class StatisticsExportTests
{
    private static readonly StatisticsReport Report = new(null, "All editions", new Headline(3, 1, 2, 1, 1, 1, null),
        [new StatRow("RS", "Serbia", 2, 1), new StatRow("BA", "Bosnia and Herzegovina, \"BiH\"", 1, 0)],
        [new StatRow("Europe", "Europe", 3, 1)], [], [], [], [], null,
        [new ArrivalDay("8th Days of Clusters", new DateOnly(2025, 9, 24), 1)],
        [new EditionGrowth(1, 8, "8th Days of Clusters", 2025, 3, 1, null, 2, 1, 2, ["BA", "RS"])]);

    [Theory]
    [InlineData("all", true, null)]
    [InlineData("ALL", true, null)]
    [InlineData("12", true, 12)]
    [InlineData("0", false, null)]
    [InlineData("-3", false, null)]
    [InlineData("x1", false, null)]
    public void TryParseScope_WhenGiven_ParsesAllOrPositiveIds(string scope, bool ok, int? expected)
    {
        Assert.Equal(ok, StatisticsFeature.TryParseScope(scope, out var id));
        Assert.Equal(expected, id);
    }

    [Fact]
    public void Csv_WhenLabelHasCommaAndQuotes_QuotesTheField()
    {
        var text = Encoding.UTF8.GetString(StatisticsCsv.Write(Report, "countries")!).TrimStart('\uFEFF');
        Assert.Equal("Country code,Country,Registered,Attended\r\nRS,Serbia,2,1\r\nBA,\"Bosnia and Herzegovina, \"\"BiH\"\"\",1,0\r\n", text);
    }

    [Fact]
    public void Csv_WhenEditionsTable_WritesEmptyGrowthAndGainedCountries()
    {
        var text = Encoding.UTF8.GetString(StatisticsCsv.Write(Report, "editions")!).TrimStart('\uFEFF');
        Assert.Equal("Ordinal,Edition,Year,Registered,Attended,Growth %,New,Returning,Countries,Countries gained,Aggregate only\r\n8,8th Days of Clusters,2025,3,1,,2,1,2,BA RS,no\r\n", text);
    }

    [Fact]
    public void Csv_WhenTimelineMissing_WritesOnlyTheHeader()
    {
        var text = Encoding.UTF8.GetString(StatisticsCsv.Write(Report, "timeline")!).TrimStart('\uFEFF');
        Assert.Equal("Date,Registrations,Cumulative\r\n", text);
    }
}
