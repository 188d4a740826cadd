namespace DaysOfClusters.Web.Features.Geography;

/// <summary>The English name of each continent, the one every report, export and page shows.</summary>
public static class Continents
{
    public static string DisplayName(this Continent continent) => continent switch
    {
        Continent.NorthAmerica => "North America",
        Continent.SouthAmerica => "South America",
        _ => continent.ToString(),
    };
}
