using System.Text.Json;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Data.Seeding;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Network;

/// <summary>Loads the synthetic aggregate figures of the editions before online registration (seed-data/demo-past-editions.json).</summary>
public sealed class NetworkDemoSeeder(IDbContextFactory<AppDbContext> dbFactory, TimeProvider clock) : IDemoSeeder
{
    private static readonly JsonSerializerOptions JsonOptions = new(JsonSerializerDefaults.Web) { Converters = { new System.Text.Json.Serialization.JsonStringEnumConverter() } };

    private sealed record FigureRow(string Country, OrganisationType? OrganisationType, int Participants);
    private sealed record PastRow(int Ordinal, int Year, string City, string CountryCode, string? Notes, List<FigureRow> Figures);
    private sealed record DemoFile(List<PastRow> PastEditions);
    private sealed record OrganisationsFile(List<OrganisationInput> Organisations);

    /// <summary>After the demo editions: the directory links the registrations they hold.</summary>
    public int Order => 2;

    /// <summary>The past editions' figures, then the organisation directory.</summary>
    public async Task SeedAsync(CancellationToken ct = default)
    {
        await SeedIfEmptyAsync(ct);
        await SeedOrganisationsIfEmptyAsync(ct);
    }

    /// <summary>
    /// Into an empty directory: the demo organisations, then one directory entry per distinct (name, country) of the
    /// registrations already in the database, each registration linked to it. Returns the number of organisations.
    /// </summary>
    public async Task<int> SeedOrganisationsIfEmptyAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.Organisations.AnyAsync(ct)) return 0;
        var json = await File.ReadAllTextAsync(SeedData.PathOf("demo-organisations.json"), ct);
        var file = JsonSerializer.Deserialize<OrganisationsFile>(json, JsonOptions)!;
        // Each demo organisation's "sectors" names sectors of the organisers' list (comma separated, matched accent- and case-insensitively).
        using var doc = JsonDocument.Parse(json);
        var sectorNames = doc.RootElement.GetProperty("organisations").EnumerateArray()
            .Select(e => e.TryGetProperty("sectors", out var v) && v.ValueKind == JsonValueKind.String ? v.GetString() : null).ToList();
        var sectors = (await db.Sectors.AsNoTracking().ToListAsync(ct))
            .GroupBy(x => OrganisationSearch.Fold(x.Name)).ToDictionary(g => g.Key, g => g.First().Id);
        var now = clock.GetUtcNow().UtcDateTime;
        // Through prepared INSERTs in one transaction: ~900 rows went through SaveChanges here, most of this seeder's
        // time in a profile of a first start (issue 19).
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        var seeded = new List<(Organisation Organisation, string? Sectors)>();
        foreach (var (input, names) in file.Organisations.Zip(sectorNames))
        {
            var o = new Organisation { Name = input.Name, CountryCode = input.CountryCode, SearchKey = "", NameKey = "", CreatedUtc = now };
            OrganisationService.Apply(o, input, now);
            seeded.Add((o, names));
        }
        await PreparedInserts.InsertAsync(db, seeded.Select(s => s.Organisation).ToList(), ct);
        var organisationSectors = new List<OrganisationSector>();
        foreach (var (o, names) in seeded)
        {
            var ids = (names ?? "").Split(',', StringSplitOptions.TrimEntries | StringSplitOptions.RemoveEmptyEntries)
                .Select(n => sectors.TryGetValue(OrganisationSearch.Fold(n), out var id) ? id : 0).Where(id => id != 0).Distinct();
            organisationSectors.AddRange(ids.Select(id => new OrganisationSector { OrganisationId = o.Id, SectorId = id }));
        }
        await PreparedInserts.InsertAsync(db, organisationSectors, ct);
        var registrations = await db.Registrations.AsNoTracking()
            .Where(r => !db.RegistrationOrganisations.Any(l => l.RegistrationId == r.Id) && r.Organisation != "")
            .Select(r => new { r.Id, r.Organisation, r.OrganisationType, r.CountryCode }).ToListAsync(ct);
        var byKey = await db.Organisations.AsNoTracking().ToDictionaryAsync(o => (o.NameKey, o.CountryCode), ct);
        var added = new List<Organisation>();
        foreach (var r in registrations)
        {
            var key = (OrganisationSearch.Fold(r.Organisation), r.CountryCode);
            if (!byKey.TryGetValue(key, out var o))
            {
                o = new Organisation { Name = r.Organisation.Trim(), CountryCode = r.CountryCode, SearchKey = "", NameKey = "", CreatedUtc = now };
                OrganisationService.Apply(o, new OrganisationInput { Name = r.Organisation.Trim(), Kind = r.OrganisationType, CountryCode = r.CountryCode }, now);
                added.Add(o);
                byKey[key] = o;
            }
        }
        await PreparedInserts.InsertAsync(db, added, ct);
        await PreparedInserts.InsertAsync(db, registrations.Select(r => new RegistrationOrganisation { RegistrationId = r.Id, OrganisationId = byKey[(OrganisationSearch.Fold(r.Organisation), r.CountryCode)].Id }).ToList(), ct);
        await tx.CommitAsync(ct);
        return byKey.Count;
    }

    /// <summary>Seeds only into an empty past-editions list, and skips ordinals that already have live registrations.</summary>
    public async Task<int> SeedIfEmptyAsync(CancellationToken ct = default)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (await db.PastEditions.AnyAsync(ct)) return 0;
        var file = JsonSerializer.Deserialize<DemoFile>(await File.ReadAllTextAsync(SeedData.PathOf("demo-past-editions.json"), ct), JsonOptions)!;
        var live = await PastEditionService.LiveOrdinalsWithRegistrationsAsync(db, ct);
        var now = clock.GetUtcNow().UtcDateTime;
        var editions = file.PastEditions.Where(r => !live.Contains(r.Ordinal)).Select(row => new PastEdition
        {
            Ordinal = row.Ordinal, Year = row.Year, City = row.City, CountryCode = row.CountryCode, Notes = row.Notes, CreatedUtc = now, UpdatedUtc = now,
            Figures = row.Figures.Select(f => new PastEditionFigure { CountryCode = f.Country, OrganisationType = f.OrganisationType, Participants = f.Participants }).ToList(),
        }).ToList();
        // Prepared INSERTs in one transaction, the figures once their editions' keys are known: cheaper on a first start
        // than SaveChanges of these ~300 rows (issue 19).
        await using var tx = await db.Database.BeginTransactionAsync(ct);
        await PreparedInserts.InsertAsync(db, editions, ct);
        foreach (var edition in editions)
        {
            foreach (var figure in edition.Figures) figure.PastEditionId = edition.Id;
        }
        await PreparedInserts.InsertAsync(db, editions.SelectMany(e => e.Figures).ToList(), ct);
        await tx.CommitAsync(ct);
        var added = editions.Count;
        return added;
    }
}
