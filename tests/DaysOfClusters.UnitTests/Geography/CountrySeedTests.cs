using DaysOfClusters.Web.Data.Seeding;
using DaysOfClusters.Web.Features.Geography;

namespace DaysOfClusters.UnitTests.Geography;

/// <summary>The real seed file, read the way the app reads it, through the lookup the features use.</summary>
public sealed class CountrySeedTests
{
    private static readonly IReadOnlyList<Country> Countries = GeographySeeder.ReadCountries(SeedData.PathOf("countries.json"));
    private static readonly CountryLookup Lookup = new(Countries);

    [Theory]
    [InlineData("TR", Continent.Asia)]
    [InlineData("CY", Continent.Asia)]
    [InlineData("GE", Continent.Asia)]
    [InlineData("AM", Continent.Asia)]
    [InlineData("AZ", Continent.Asia)]
    [InlineData("RU", Continent.Europe)]
    [InlineData("XK", Continent.Europe)]
    [InlineData("RS", Continent.Europe)]
    [InlineData("US", Continent.NorthAmerica)]
    [InlineData("MX", Continent.NorthAmerica)]
    [InlineData("BR", Continent.SouthAmerica)]
    [InlineData("EG", Continent.Africa)]
    [InlineData("AU", Continent.Oceania)]
    [InlineData("AQ", Continent.Antarctica)]
    public void ContinentOf_When_CountryIsSeeded_FollowsUnM49(string code, Continent expected) =>
        Assert.Equal(expected, Lookup.ContinentOf(code));

    [Fact]
    public void ContinentOf_When_CodeIsLowerCase_StillFindsTheCountry() =>
        Assert.Equal(Continent.Europe, Lookup.ContinentOf("rs"));

    [Fact]
    public void ContinentOf_When_CodeIsUnknownOrNull_ReturnsNull()
    {
        Assert.Null(Lookup.ContinentOf("QQ"));
        Assert.Null(Lookup.ContinentOf(null));
        Assert.False(Lookup.Exists("QQ"));
    }

    [Fact]
    public void SeedFile_When_Read_Holds250UniqueTwoLetterCodesWithNames()
    {
        Assert.Equal(250, Countries.Count);
        Assert.Equal(Countries.Count, Countries.Select(c => c.Code).Distinct().Count());
        Assert.All(Countries, c =>
        {
            Assert.Matches("^[A-Z]{2}$", c.Code);
            Assert.False(string.IsNullOrWhiteSpace(c.Name));
        });
        var kosovo = Lookup.Find("XK");
        Assert.NotNull(kosovo);
        Assert.Equal("Kosovo", kosovo.Name);
    }

    [Fact]
    public void SeedFile_When_Read_CoversEverySevenContinents()
    {
        var present = Countries.Select(c => c.Continent).Distinct().Order().ToArray();
        Assert.Equal(Enum.GetValues<Continent>().Order().ToArray(), present);
    }

    [Fact]
    public void SerbianName_When_Available_IsUsedForSerbianDisplay()
    {
        var germany = Lookup.Find("DE")!;
        Assert.Equal("Germany", germany.DisplayName(serbian: false));
        Assert.Equal("Nemačka", germany.DisplayName(serbian: true));
    }

    [Theory]
    [InlineData("North America", Continent.NorthAmerica)]
    [InlineData("SouthAmerica", Continent.SouthAmerica)]
    [InlineData("Europe", Continent.Europe)]
    public void ParseContinent_When_NameIsKnown_ReturnsIt(string text, Continent expected) =>
        Assert.Equal(expected, GeographySeeder.ParseContinent(text));

    [Fact]
    public void ParseContinent_When_NameIsUnknown_Throws() =>
        Assert.Throws<FormatException>(() => GeographySeeder.ParseContinent("Atlantis"));
}
