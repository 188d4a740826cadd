using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Data.Seeding;
using DaysOfClusters.Web.Features.CheckIn;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Geography;
using DaysOfClusters.Web.Features.Registration;
using DaysOfClusters.Web.Features.Statistics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Time.Testing;

namespace DaysOfClusters.IntegrationTests.Statistics;

using Registration = DaysOfClusters.Web.Features.Registration.Registration;

/// <summary>
/// A real, migrated SQLite file with the seeded countries and regions and a small fixture of registrations whose every figure
/// is known (worked out by hand in the comments of <see cref="SeedFixtureAsync"/>).
/// </summary>
public sealed class StatisticsDatabase : IAsyncDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "doc-stats-" + Guid.NewGuid().ToString("N"));
    private ServiceProvider _services = null!;
    private TestDatabase? _database;

    public IDbContextFactory<AppDbContext> Factory { get; private set; } = null!;
    public StatisticsService Service { get; private set; } = null!;
    public GeographyService Geography { get; private set; } = null!;
    public int Edition7Id { get; private set; }
    public int Edition8Id { get; private set; }
    public const string Edition8Slug = "eighth";
    public const string Edition7Slug = "seventh";

    /// <param name="withCheckIns">false: the fixture's people without its check-ins, for tests that check people in themselves.</param>
    public static async Task<StatisticsDatabase> CreateAsync(bool withCheckIns = true)
    {
        var db = new StatisticsDatabase();
        await db.InitialiseAsync(withCheckIns);
        return db;
    }

    private async Task InitialiseAsync(bool withCheckIns)
    {
        Directory.CreateDirectory(_folder);
        var connection = new SqliteConnectionStringBuilder { DataSource = Path.Combine(_folder, "stats.db"), Pooling = false }.ToString();
        var services = new ServiceCollection();
        _database = TestDatabase.ForFolder(_folder, owner: true);
        _database.AddContextFactory(services, connection);
        _services = services.BuildServiceProvider();
        await DatabaseSetup.MigrateAsync(_services);
        Factory = _services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using (var db = await Factory.CreateDbContextAsync())
        {
            await GeographySeeder.SeedAsync(db);
        }
        Service = new StatisticsService(Factory, new FakeTimeProvider(new DateTimeOffset(2026, 1, 15, 12, 0, 0, TimeSpan.Zero)));
        Geography = new GeographyService(Factory);
        await SeedFixtureAsync(withCheckIns);
    }

    private int _serial;

    private Registration Person(int editionId, IReadOnlyList<RegistrationCategory> categories, string person, string country, OrganisationType type,
        RegistrationStatus status, string createdUtc, string category = "Delegate")
    {
        var email = $"{person}@example.org";
        var created = DateTime.Parse(createdUtc, null, System.Globalization.DateTimeStyles.AdjustToUniversal | System.Globalization.DateTimeStyles.AssumeUniversal);
        return new Registration
        {
            EditionId = editionId, CategoryId = categories.Single(c => c.Name == category).Id,
            FirstName = person, LastName = "Test", Email = email, EmailNormalized = email, EmailHash = DaysOfClusters.Web.Features.Registration.RegistrationRules.Sha256Hex(email),
            Organisation = "Org", OrganisationType = type, CountryCode = country, PrivacyConsentUtc = created, PrivacyNoticeVersion = "1",
            Status = status, CreatedUtc = created, UpdatedUtc = created, ManageTokenHash = $"token-{++_serial}",
        };
    }

    /// <summary>
    /// 7th edition (2024, Archived, headline off): registered p1 RS Cluster (attended), p2 RS SME, p3 DE Academia Speaker (attended),
    /// p4 TR PublicSector (attended); p5 US Cancelled and p6 JP Waitlisted do not count.
    /// 8th edition (2025, Open, headline on): registered p1 RS Cluster (attended, returning), p3 DE Academia (attended, erased,
    /// returning through the kept hash), p7 EG IntlOrg Speaker, p8 XK Support/NGO (attended), p5 US Cluster (new: the earlier
    /// registration was cancelled); p9 TR Cancelled, p10 BR Pending, p11 GR Rejected and p12 JP Cancelled-but-checked-in do not count.
    /// </summary>
    private async Task SeedFixtureAsync(bool withCheckIns)
    {
        await using var db = await Factory.CreateDbContextAsync();
        var e7 = NewEdition(7, Edition7Slug, new DateOnly(2024, 9, 25), EditionStatus.Archived, publicHeadline: false);
        var e8 = NewEdition(8, Edition8Slug, new DateOnly(2025, 9, 24), EditionStatus.Open, publicHeadline: true);
        e8.RegistrationOpensUtc = new DateTime(2025, 6, 1, 10, 0, 0, DateTimeKind.Utc);   // 12:00 in Belgrade
        e8.RegistrationClosesUtc = new DateTime(2025, 6, 5, 21, 59, 0, DateTimeKind.Utc);  // 23:59 in Belgrade
        db.Editions.AddRange(e7, e8);
        await db.SaveChangesAsync();
        Edition7Id = e7.Id;
        Edition8Id = e8.Id;
        var c7 = DefaultCategories.For(e7.Id);
        var c8 = DefaultCategories.For(e8.Id);
        db.RegistrationCategories.AddRange(c7);
        db.RegistrationCategories.AddRange(c8);
        await db.SaveChangesAsync();

        var a1 = Person(e7.Id, c7, "p1", "RS", OrganisationType.ClusterOrganisation, RegistrationStatus.Confirmed, "2024-06-01T08:00:00Z");
        var a2 = Person(e7.Id, c7, "p2", "RS", OrganisationType.CompanySme, RegistrationStatus.Confirmed, "2024-06-02T08:00:00Z");
        var a3 = Person(e7.Id, c7, "p3", "DE", OrganisationType.AcademiaResearch, RegistrationStatus.Confirmed, "2024-06-03T08:00:00Z", "Speaker");
        var a4 = Person(e7.Id, c7, "p4", "TR", OrganisationType.PublicSector, RegistrationStatus.Confirmed, "2024-06-04T08:00:00Z");
        var a5 = Person(e7.Id, c7, "p5", "US", OrganisationType.Media, RegistrationStatus.Cancelled, "2024-06-05T08:00:00Z");
        var a6 = Person(e7.Id, c7, "p6", "JP", OrganisationType.Other, RegistrationStatus.Waitlisted, "2024-06-06T08:00:00Z");

        var b1 = Person(e8.Id, c8, "p1", "RS", OrganisationType.ClusterOrganisation, RegistrationStatus.Confirmed, "2025-06-01T08:00:00Z");
        var b2 = Person(e8.Id, c8, "p3", "DE", OrganisationType.AcademiaResearch, RegistrationStatus.Confirmed, "2025-06-02T22:30:00Z"); // 00:30 on 3 June in Belgrade
        var b3 = Person(e8.Id, c8, "p7", "EG", OrganisationType.InternationalOrganisation, RegistrationStatus.Confirmed, "2025-06-03T10:00:00Z", "Speaker");
        var b4 = Person(e8.Id, c8, "p8", "XK", OrganisationType.SupportInstitutionNgo, RegistrationStatus.Confirmed, "2025-06-03T12:00:00Z");
        var b5 = Person(e8.Id, c8, "p9", "TR", OrganisationType.AcademiaResearch, RegistrationStatus.Cancelled, "2025-06-04T12:00:00Z");
        var b6 = Person(e8.Id, c8, "p10", "BR", OrganisationType.CompanySme, RegistrationStatus.Pending, "2025-06-04T12:00:00Z");
        var b7 = Person(e8.Id, c8, "p11", "GR", OrganisationType.PublicSector, RegistrationStatus.Rejected, "2025-06-04T12:00:00Z");
        var b8 = Person(e8.Id, c8, "p5", "US", OrganisationType.ClusterOrganisation, RegistrationStatus.Confirmed, "2025-06-05T09:00:00Z");
        var b9 = Person(e8.Id, c8, "p12", "JP", OrganisationType.Other, RegistrationStatus.Cancelled, "2025-06-04T12:00:00Z");
        db.Registrations.AddRange(a1, a2, a3, a4, a5, a6, b1, b2, b3, b4, b5, b6, b7, b8, b9);
        await db.SaveChangesAsync();

        // Erasure blanks the personal fields and keeps the statistical ones (country, type, category, hash).
        b2.FirstName = b2.LastName = b2.Organisation = "";
        b2.Email = b2.EmailNormalized = $"erased-{b2.Id}";
        b2.AnonymisedUtc = new DateTime(2025, 12, 1, 0, 0, 0, DateTimeKind.Utc);
        await db.SaveChangesAsync();

        if (!withCheckIns) return;
        // Check-ins as the check-in feature writes them: one presence per person at an entrance of their edition.
        var entrances = new[] { e7, e8 }.ToDictionary(e => e.Id, e => new CheckInPoint
        {
            EditionId = e.Id, Name = "Entrance", Kind = CheckInPointKind.Entrance, CreatedUtc = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc),
        });
        db.CheckInPoints.AddRange(entrances.Values);
        await db.SaveChangesAsync();
        foreach (var (registration, utc) in new[]
                 {
                     (a1, "2024-09-25 07:00:00"), (a3, "2024-09-25 08:00:00"), (a4, "2024-09-26 07:00:00"),
                     (b1, "2025-09-24 06:30:00"), (b2, "2025-09-24 22:30:00"), (b4, "2025-09-25 07:00:00"), (b9, "2025-09-24 08:00:00"),
                 })
        {
            db.Presences.Add(new Presence
            {
                EditionId = registration.EditionId, PointId = entrances[registration.EditionId].Id, RegistrationId = registration.Id, EntryCount = 1,
                FirstEntryUtc = DateTime.SpecifyKind(DateTime.Parse(utc, System.Globalization.CultureInfo.InvariantCulture), DateTimeKind.Utc),
            });
        }
        await db.SaveChangesAsync();
    }

    private static Edition NewEdition(int ordinal, string slug, DateOnly start, EditionStatus status, bool publicHeadline) => new()
    {
        Ordinal = ordinal, Title = $"Edition {ordinal}", Slug = slug, HostCity = "Niš", CountryCode = "RS",
        StartDate = start, EndDate = start.AddDays(2), TimeZoneId = "Europe/Belgrade", Status = status, PublicHeadline = publicHeadline,
        CreatedUtc = new DateTime(2024, 1, 1, 0, 0, 0, DateTimeKind.Utc),
    };

    public async ValueTask DisposeAsync()
    {
        await _services.DisposeAsync();
        SqliteConnection.ClearAllPools();
        _database?.Dispose();
        try { Directory.Delete(_folder, recursive: true); } catch (IOException) { }
    }
}
