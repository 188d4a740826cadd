using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Geography;
using DaysOfClusters.Web.Features.Matchmaking;
using DaysOfClusters.Web.Features.Network;
using DaysOfClusters.Web.Features.Registration;
using DaysOfClusters.Web.Features.Sectors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using RegistrationEntity = DaysOfClusters.Web.Features.Registration.Registration;

namespace DaysOfClusters.IntegrationTests.Matchmaking;

/// <summary>The SectorsList migration turns the free-text sectors of existing profiles and organisations into the list, losing none.</summary>
public sealed class SectorMigrationTests : IDisposable
{
    private const string BeforeSectors = "20261201173220_NetworkContacts";
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "doc-sector-migration-" + Guid.NewGuid().ToString("N"));

    public SectorMigrationTests() => Directory.CreateDirectory(_folder);

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Migrate_WhenProfilesAndOrganisationsHaveFreeTextSectors_LinksEveryOneToTheList()
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(options, $"Data Source={Path.Combine(_folder, "old.db")}");
        await using var db = new AppDbContext(options.Options);
        await db.GetService<IMigrator>().MigrateAsync(BeforeSectors);

        // Tables this migration leaves alone are written through the model; the two changed ones with their old free-text column.
        db.Countries.Add(new Country { Code = "RS", Name = "Serbia", Continent = Continent.Europe });
        await db.SaveChangesAsync();
        // Editions by hand: the model's Editions has columns (series, kind) that a later migration adds.
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "Editions" ("Ordinal", "Title", "Slug", "HostCity", "CountryCode", "StartDate", "EndDate", "TimeZoneId", "Status",
                                    "OfferHoldHours", "PrivacyNoticeVersion", "PublicHeadline", "CreatedUtc")
            VALUES (1, 'Old', 'old', 'Niš', 'RS', {new DateOnly(2025, 9, 24)}, {new DateOnly(2025, 9, 25)}, 'Europe/Belgrade', 'Open', 48, '1', 0, {DateTime.UtcNow})
            """);
        var edition = new { Id = await db.Editions.Select(e => e.Id).SingleAsync() };
        db.RegistrationCategories.AddRange(DefaultCategories.For(edition.Id));
        await db.SaveChangesAsync();
        var category = await db.RegistrationCategories.FirstAsync();
        var registrations = Enumerable.Range(1, 3).Select(i => new RegistrationEntity
        {
            EditionId = edition.Id, CategoryId = category.Id, FirstName = $"P{i}", LastName = "Old", Email = $"p{i}@example.org", EmailNormalized = $"p{i}@example.org",
            EmailHash = RegistrationRules.Sha256Hex($"p{i}@example.org"), Organisation = $"Org {i}", OrganisationType = OrganisationType.ClusterOrganisation, CountryCode = "RS",
            PrivacyConsentUtc = DateTime.UtcNow, PrivacyNoticeVersion = "1", NetworkingConsent = true, Status = RegistrationStatus.Confirmed,
            CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow, ManageTokenHash = RegistrationRules.Sha256Hex($"token-{i}"),
        }).ToList();
        db.Registrations.AddRange(registrations);
        await db.SaveChangesAsync();
        var profiles = new (int Registration, string? Sectors)[]
        {
            (registrations[0].Id, "agri-food; Wine , wood,furniture,  ,ICT"),
            (registrations[1].Id, "wine"),
            (registrations[2].Id, null),
        };
        foreach (var (registration, freeText) in profiles)
        {
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "MatchmakingProfile" ("RegistrationId", "EditionId", "Pillar", "OrganisationType", "Sectors", "CooperationTypes", "OptedIn", "UpdatedUtc")
                VALUES ({registration}, {edition.Id}, 1, 1, {freeText}, 0, 1, {DateTime.UtcNow})
                """);
        }
        await db.Database.ExecuteSqlInterpolatedAsync($"""
            INSERT INTO "Organisation" ("Name", "Kind", "CountryCode", "Sectors", "SearchKey", "NameKey", "CreatedUtc", "UpdatedUtc")
            VALUES ('Old Cluster', 'ClusterOrganisation', 'RS', 'Logistics, naval engineering', 'old cluster', 'old cluster', {DateTime.UtcNow}, {DateTime.UtcNow})
            """);

        await db.Database.MigrateAsync();

        var sectors = await db.Sectors.ToDictionaryAsync(s => s.Id, s => s.Name);
        async Task<string[]> ProfileSectors(int registration) => (await (
            from x in db.MatchmakingProfileSectors
            join p in db.MatchmakingProfiles on x.ProfileId equals p.Id
            where p.RegistrationId == registration
            select x.SectorId).ToListAsync()).Select(id => sectors[id]).Order(StringComparer.Ordinal).ToArray();
        Assert.Equal(["Agri-food", "ICT", "Wine", "Wood and furniture"], await ProfileSectors(registrations[0].Id));
        Assert.Equal(["Wine"], await ProfileSectors(registrations[1].Id));
        Assert.Empty(await ProfileSectors(registrations[2].Id));
        var organisationSectors = (await db.OrganisationSectors.Select(x => x.SectorId).ToListAsync()).Select(id => sectors[id]).Order(StringComparer.Ordinal);
        Assert.Equal(["Logistics and transport", "Naval engineering"], organisationSectors);
        // One sector per spelling (Wine and wine), the seeded list first, the new ones after it.
        Assert.Single(sectors.Values, n => n.Equals("wine", StringComparison.OrdinalIgnoreCase));
        var order = await db.Sectors.OrderBy(s => s.SortOrder).Select(s => s.Name).ToListAsync();
        Assert.Equal("ICT", order[0]);
        Assert.True(order.IndexOf("Wine") > order.IndexOf("Environment and circular economy"));
    }
}
