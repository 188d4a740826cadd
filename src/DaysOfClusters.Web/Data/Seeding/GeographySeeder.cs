using System.Text.Json;
using System.Text.Json.Serialization;
using DaysOfClusters.Web.Features.Geography;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Data.Seeding;

/// <summary>Loads countries and regions once, into an empty database; later edits by organisers are never overwritten.</summary>
public static class GeographySeeder
{
    private sealed record CountryRow(string Code, string Name, string? NameSr, string Continent, [property: JsonPropertyName("m49SubRegion")] string? SubRegion);
    private sealed record RegionRow(string Code, string Name, string? NameSr, List<string> Countries);

    private static readonly JsonSerializerOptions Json = new(JsonSerializerDefaults.Web);

    public static Continent ParseContinent(string text) => text.Replace(" ", "", StringComparison.Ordinal) switch
    {
        "Africa" => Continent.Africa,
        "Antarctica" => Continent.Antarctica,
        "Asia" => Continent.Asia,
        "Europe" => Continent.Europe,
        "NorthAmerica" => Continent.NorthAmerica,
        "Oceania" => Continent.Oceania,
        "SouthAmerica" => Continent.SouthAmerica,
        _ => throw new FormatException($"Unknown continent '{text}'."),
    };

    public static IReadOnlyList<Country> ReadCountries(string path) =>
        JsonSerializer.Deserialize<List<CountryRow>>(File.ReadAllText(path), Json)!
            .Select(r => new Country { Code = r.Code, Name = r.Name, NameSr = r.NameSr, Continent = ParseContinent(r.Continent), SubRegion = r.SubRegion })
            .ToList();

    public static async Task SeedAsync(AppDbContext db, CancellationToken ct = default)
    {
        if (await db.Countries.AnyAsync(ct)) return;
        var countries = ReadCountries(SeedData.PathOf("countries.json"));
        var regions = new List<Region>();
        var regionsFile = SeedData.PathOf("regions.json");
        if (File.Exists(regionsFile))
        {
            foreach (var row in JsonSerializer.Deserialize<List<RegionRow>>(await File.ReadAllTextAsync(regionsFile, ct), Json)!)
            {
                regions.Add(new Region
                {
                    Code = row.Code, Name = row.Name, NameSr = row.NameSr,
                    Countries = row.Countries.Distinct().Select(c => new RegionCountry { CountryCode = c }).ToList(),
                });
            }
        }
        // Prepared INSERTs in one transaction rather than SaveChanges of ~300 tracked rows: this runs before the app
        // listens on a first start (issue 19).
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await PreparedInserts.InsertAsync(db, countries, ct);
        await PreparedInserts.InsertAsync(db, regions, ct);
        foreach (var region in regions)
        {
            foreach (var country in region.Countries) country.RegionId = region.Id;
        }
        await PreparedInserts.InsertAsync(db, regions.SelectMany(r => r.Countries).ToList(), ct);
        await tx.CommitAsync(ct);
    }
}
