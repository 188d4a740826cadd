using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Geography;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.DependencyInjection;
using RegistrationEntity = DaysOfClusters.Web.Features.Registration.Registration;

namespace DaysOfClusters.IntegrationTests.Editions;

/// <summary>
/// A database made before series existed (the migration before EventSeries, on the suite's provider) is migrated: every
/// edition becomes a Days of Clusters event with its number kept, and everything that hangs off it is still reachable.
/// </summary>
public sealed class SeriesMigrationTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "doc-series-migration-" + Guid.NewGuid().ToString("N"));
    private readonly TestDatabase _database;

    public SeriesMigrationTests()
    {
        Directory.CreateDirectory(_folder);
        _database = TestDatabase.ForFolder(_folder, owner: true);
    }

    public void Dispose()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        _database.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }

    [Fact]
    public async Task Migrate_WhenEditionsExistedBeforeSeries_MakesThemDaysOfClustersEventsLosingNothing()
    {
        var services = new ServiceCollection();
        _database.AddContextFactory(services, $"Data Source={Path.Combine(_folder, "old.db")}");
        await using var provider = services.BuildServiceProvider();
        await using var db = await provider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        var migrations = db.Database.GetMigrations().ToList();
        var series = migrations.FindIndex(m => m.EndsWith("EventSeries", StringComparison.Ordinal));
        Assert.True(series > 0, "no EventSeries migration");
        await db.GetService<IMigrator>().MigrateAsync(migrations[series - 1]);

        // The Editions table as it was (no series yet) by hand; the tables this migration leaves alone through the model.
        db.Countries.Add(new Country { Code = "RS", Name = "Serbia", Continent = Continent.Europe });
        await db.SaveChangesAsync();
        var created = new DateTime(2025, 3, 1, 8, 0, 0, DateTimeKind.Utc);
        foreach (var (ordinal, slug, status) in new[] { (6, "6th-days-of-clusters", "Archived"), (7, "7th-days-of-clusters", "Open") })
        {
            var start = new DateOnly(2019 + ordinal, 9, 24);
            await db.Database.ExecuteSqlInterpolatedAsync($"""
                INSERT INTO "Editions" ("Ordinal", "Title", "Slug", "HostCity", "CountryCode", "StartDate", "EndDate", "TimeZoneId", "Status",
                                        "OfferHoldHours", "PrivacyNoticeVersion", "PublicHeadline", "CreatedUtc")
                VALUES ({ordinal}, {"Clusters " + ordinal}, {slug}, {"Niš"}, {"RS"}, {start}, {start.AddDays(1)}, {"Europe/Belgrade"}, {status},
                        {48}, {"1"}, {false}, {created})
                """);
        }
        var seventh = await db.Editions.Where(e => e.Slug == "7th-days-of-clusters").Select(e => e.Id).SingleAsync();
        db.RegistrationCategories.AddRange(DefaultCategories.For(seventh));
        await db.SaveChangesAsync();
        var category = await db.RegistrationCategories.Where(c => c.EditionId == seventh).Select(c => c.Id).FirstAsync();
        db.Registrations.AddRange(Enumerable.Range(1, 3).Select(i => new RegistrationEntity
        {
            EditionId = seventh, CategoryId = category, FirstName = $"P{i}", LastName = "Old", Email = $"p{i}@example.org", EmailNormalized = $"p{i}@example.org",
            EmailHash = RegistrationRules.Sha256Hex($"p{i}@example.org"), Organisation = $"Org {i}", OrganisationType = OrganisationType.ClusterOrganisation,
            CountryCode = "RS", PrivacyConsentUtc = created, PrivacyNoticeVersion = "1", Status = RegistrationStatus.Confirmed, CreatedUtc = created,
            UpdatedUtc = created, ManageTokenHash = RegistrationRules.Sha256Hex($"token-{i}"),
        }));
        await db.SaveChangesAsync();

        await db.Database.MigrateAsync();

        var editions = await db.Editions.AsNoTracking().OrderBy(e => e.Ordinal).ToListAsync();
        Assert.Equal([6, 7], editions.Select(e => e.Ordinal));
        Assert.All(editions, e => Assert.Equal(SeriesCatalogue.DaysOfClustersId, e.SeriesId));
        Assert.All(editions, e => Assert.Equal(EventKind.Conference, e.Kind));
        Assert.Equal([EditionStatus.Archived, EditionStatus.Open], editions.Select(e => e.Status));
        Assert.Equal("7th Days of Clusters", editions[1].DisplayName);
        Assert.Equal(["dofc", "round-table", "serbian-day", "training", "matchmaking"], await db.Series.OrderBy(s => s.SortOrder).Select(s => s.Code).ToListAsync());
        var reachable = await (from r in db.Registrations
                               join e in db.Editions on r.EditionId equals e.Id
                               join s in db.Series on e.SeriesId equals s.Id
                               where s.Code == "dofc"
                               select r.Email).OrderBy(x => x).ToListAsync();
        Assert.Equal(["p1@example.org", "p2@example.org", "p3@example.org"], reachable);
        Assert.Equal(7, await db.RegistrationCategories.CountAsync(c => c.EditionId == seventh));
    }
}
