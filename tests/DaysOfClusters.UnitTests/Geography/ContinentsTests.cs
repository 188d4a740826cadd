using DaysOfClusters.Web.Features.Geography;

namespace DaysOfClusters.UnitTests.Geography;

public sealed class ContinentsTests
{
    [Theory]
    [InlineData(Continent.NorthAmerica, "North America")]
    [InlineData(Continent.SouthAmerica, "South America")]
    [InlineData(Continent.Europe, "Europe")]
    [InlineData(Continent.Antarctica, "Antarctica")]
    public void DisplayName_WhenContinentIsNamed_IsItsEnglishNameWithSpaces(Continent continent, string expected) =>
        Assert.Equal(expected, continent.DisplayName());

    [Fact]
    public void DisplayName_WhenEveryContinent_SplitsTheEnumNameIntoWords() =>
        Assert.All(Enum.GetValues<Continent>(), c =>
            Assert.Equal(System.Text.RegularExpressions.Regex.Replace(c.ToString(), "(?<=[a-z])(?=[A-Z])", " "), c.DisplayName()));
}
