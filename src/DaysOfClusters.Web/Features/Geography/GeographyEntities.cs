namespace DaysOfClusters.Web.Features.Geography;

/// <summary>The seven continents the organisers report on (UN M49, Americas split into North and South).</summary>
public enum Continent
{
    Africa = 1,
    Antarctica = 2,
    Asia = 3,
    Europe = 4,
    NorthAmerica = 5,
    Oceania = 6,
    SouthAmerica = 7,
}

/// <summary>An ISO 3166-1 country (plus Kosovo, XK). Organisers may correct the continent; the seed file only starts it.</summary>
public sealed class Country
{
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? NameSr { get; set; }
    public Continent Continent { get; set; }
    public string? SubRegion { get; set; }

    public string DisplayName(bool serbian) => serbian && !string.IsNullOrEmpty(NameSr) ? NameSr : Name;
}

/// <summary>A named set of countries (Western Balkans, BSEC, EU…), editable by organisers.</summary>
public sealed class Region
{
    public int Id { get; set; }
    public required string Code { get; set; }
    public required string Name { get; set; }
    public string? NameSr { get; set; }
    public List<RegionCountry> Countries { get; set; } = [];
}

public sealed class RegionCountry
{
    public int RegionId { get; set; }
    public required string CountryCode { get; set; }
}
