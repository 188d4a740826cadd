using System.Text.Json;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Data.Seeding;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Network;

/// <summary>Loads the synthetic aggregate figures of the editions before online registration (seed-data/demo-past-editions.json).</summary>
public sealed class NetworkDemoSeeder(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock)
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private sealed record FigureRow(string Country, OrganisationType? OrganisationType, int Participants);
    private sealed record PastRow(int Ordinal, int Year, string City, string CountryCode, string? Notes, List<FigureRow> Figures);
    private sealed record DemoFile(List<PastRow> PastEditions);

    /// <summary>Seeds only into an empty past-editions list, and skips ordinals that already have live registrations.</summary>
    public async Task<int> SeedIfEmptyAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Set<PastEdition>().AnyAsync(ct)) return 0;
        var file = JsonSerializer.Deserialize<DemoFile>(await File.ReadAllTextAsync(SeedData.PathOf("demo-past-editions.json"), ct), JsonOptions)!;
        var live = await PastEditionService.LiveOrdinalsWithRegistrationsAsync(db, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var added = 0;
        foreach (var row in file.PastEditions.Where(r => !live.Contains(r.Ordinal)))
        {
            db.Add(new PastEdition
            {
                Ordinal = row.Ordinal, Year = row.Year, City = row.City, CountryCode = row.CountryCode, Notes = row.Notes, CreatedUtc = now, UpdatedUtc = now,
                Figures = row.Figures.Select(f => new PastEditionFigure { CountryCode = f.Country, OrganisationType = f.OrganisationType, Participants = f.Participants }).ToList(),
            });
            added++;
        }
        await db.SaveChangesAsync(ct);
        return added;
    }
}
