using DaysOfClusters.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Geography;

public sealed record RegionDto(int Id, string Code, string Name, string? NameSr, IReadOnlyList<string> CountryCodes);

/// <summary>Countries, their continents and named regions; organisers correct them, every other feature reads them.</summary>
public sealed class GeographyService(IDbContextFactory<AppDbContext> dbFactory)
{
    public async Task<List<Country>> CountriesAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Countries.AsNoTracking().OrderBy(c => c.Name).ToListAsync(ct);
    }

    public async Task<CountryLookup> LookupAsync(CancellationToken ct = default) => new(await CountriesAsync(ct));

    public async Task<bool> SetContinentAsync(string code, Continent continent, CancellationToken ct = default)
    {
        if (!Enum.IsDefined(continent)) return false;
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return await db.Countries.Where(c => c.Code == code).ExecuteUpdateAsync(s => s.SetProperty(c => c.Continent, continent), ct) == 1;
    }

    public async Task<List<RegionDto>> RegionsAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var regions = await db.Regions.AsNoTracking().Include(r => r.Countries).OrderBy(r => r.Name).ToListAsync(ct);
        return regions.Select(r => new RegionDto(r.Id, r.Code, r.Name, r.NameSr, r.Countries.Select(c => c.CountryCode).Order().ToList())).ToList();
    }

    /// <summary>Creates (id 0) or replaces a region; returns an error message and changes nothing when the input is wrong.</summary>
    public async Task<string?> SaveRegionAsync(int id, string code, string name, IReadOnlyCollection<string> countryCodes, CancellationToken ct = default)
    {
        code = code.Trim().ToUpperInvariant();
        name = name.Trim();
        if (code.Length is < 2 or > 20 || !code.All(ch => char.IsAsciiLetterOrDigit(ch) || ch == '-')) return "The code must be 2–20 letters, digits or hyphens.";
        if (name.Length is < 1 or > 100) return "The name must be 1–100 characters.";
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        var known = await db.Countries.Select(c => c.Code).ToListAsync(ct);
        var unknown = countryCodes.Except(known).ToList();
        if (unknown.Count > 0) return $"Unknown country codes: {string.Join(", ", unknown)}.";
        if (await db.Regions.AnyAsync(r => r.Code == code && r.Id != id, ct)) return "Another region already uses this code.";
        var region = id == 0 ? new Region { Code = code, Name = name } : await db.Regions.Include(r => r.Countries).FirstOrDefaultAsync(r => r.Id == id, ct);
        if (region is null) return "The region no longer exists.";
        if (id == 0) db.Regions.Add(region);
        region.Code = code;
        region.Name = name;
        region.Countries.Clear();
        region.Countries.AddRange(countryCodes.Distinct().Select(c => new RegionCountry { CountryCode = c }));
        await db.SaveChangesAsync(ct);
        return null;
    }

    public async Task DeleteRegionAsync(int id, CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        await db.Regions.Where(r => r.Id == id).ExecuteDeleteAsync(ct);
    }
}

/// <summary>An in-memory view of the countries for forms and reports (the table is small: 250 rows).</summary>
public sealed class CountryLookup(IEnumerable<Country> countries)
{
    private readonly Dictionary<string, Country> _byCode = countries.ToDictionary(c => c.Code, StringComparer.OrdinalIgnoreCase);

    public bool Exists(string? code) => code is not null && _byCode.ContainsKey(code);
    public Country? Find(string? code) => code is not null && _byCode.TryGetValue(code, out var c) ? c : null;
    public Continent? ContinentOf(string? code) => Find(code)?.Continent;
    public IReadOnlyCollection<Country> All => _byCode.Values;
}

public static class GeographyFeature
{
    public static IServiceCollection AddGeography(this IServiceCollection services)
    {
        services.AddSingleton<GeographyService>();
        return services;
    }
}
