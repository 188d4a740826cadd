using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.DependencyInjection.Extensions;

namespace DaysOfClusters.IntegrationTests.Registrations;

/// <summary>A clock tests can move; everything else of TimeProvider stays the system's.</summary>
public sealed class MovableClock : TimeProvider
{
    public DateTimeOffset Now { get; set; } = DateTimeOffset.UtcNow;
    public override DateTimeOffset GetUtcNow() => Now;
}

/// <summary>
/// The app on a fresh SQLite file in a temporary data folder, without demo data or the minute-by-minute worker, with a
/// movable clock. Extra settings (e.g. SMTP) can be passed in. Registration's own fixture until the shared one lands.
/// </summary>
public class RegistrationAppFactory : WebApplicationFactory<Program>
{
    private readonly IReadOnlyDictionary<string, string?> _settings;

    public RegistrationAppFactory() : this(new Dictionary<string, string?>()) { }

    protected RegistrationAppFactory(IReadOnlyDictionary<string, string?> settings)
    {
        _settings = settings;
        Database = TestDatabase.ForFolder(DataFolder, owner: true);
    }

    public string DataFolder { get; } = Path.Combine(Path.GetTempPath(), "doc-reg-tests-" + Guid.NewGuid().ToString("N"));
    public TestDatabase Database { get; }
    public MovableClock Clock { get; } = new();

    public string PickupFolder => Path.Combine(DataFolder, "mail-pickup");

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        AppFactory.ApplyTestDefaults(builder);
        builder.UseSetting("Data:Folder", DataFolder);
        builder.UseSetting("Demo:Disabled", "true");
        builder.UseSetting("Registration:Worker:Disabled", "true");
        Database.ApplyTo(builder);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureServices(services =>
        {
            services.RemoveAll<TimeProvider>();
            services.AddSingleton<TimeProvider>(Clock);
        });
    }

    public RegistrationService Registrations => Services.GetRequiredService<RegistrationService>();
    public RegistrationWriter Writer => Services.GetRequiredService<RegistrationWriter>();
    public RegistrationLifecycle Lifecycle => Services.GetRequiredService<RegistrationLifecycle>();
    public RegistrationSeats Seats => Services.GetRequiredService<RegistrationSeats>();
    public RegistrationPrivacy Privacy => Services.GetRequiredService<RegistrationPrivacy>();
    public RegistrationInvitations Invitations => Services.GetRequiredService<RegistrationInvitations>();
    public RegistrationAuditTrail AuditTrail => Services.GetRequiredService<RegistrationAuditTrail>();

    public async Task<AppDbContext> DbAsync() => await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();

    /// <summary>An open two-day edition with the default categories; the tweak can change categories before they are saved.</summary>
    public async Task<(Edition Edition, List<RegistrationCategory> Categories)> CreateEditionAsync(int? capacity, Action<List<RegistrationCategory>>? tweak = null)
    {
        await using var db = await DbAsync();
        var edition = new Edition
        {
            Ordinal = 9, Title = "Test edition", Slug = "test-" + Guid.NewGuid().ToString("N")[..10], HostCity = "Niš", CountryCode = "RS",
            StartDate = new DateOnly(2027, 10, 14), EndDate = new DateOnly(2027, 10, 15), TimeZoneId = "Europe/Belgrade",
            Capacity = capacity, Status = EditionStatus.Open, CreatedUtc = Clock.GetUtcNow().UtcDateTime, OfferHoldHours = 48,
        };
        db.Editions.Add(edition);
        await db.SaveChangesAsync();
        var categories = DefaultCategories.For(edition.Id).ToList();
        tweak?.Invoke(categories);
        db.RegistrationCategories.AddRange(categories);
        await db.SaveChangesAsync();
        return (edition, categories);
    }

    public static RegistrationInput ValidInput(string email, Edition edition, int? categoryId = null) => new()
    {
        FirstName = "Milica", LastName = "Petrović", Email = email, Organisation = "Klaster Niš", OrganisationType = OrganisationType.ClusterOrganisation,
        JobTitle = "Cluster manager", CountryCode = "RS", CategoryId = categoryId, DaysAttending = [edition.StartDate, edition.EndDate],
        PrivacyConsent = true, NetworkingConsent = true,
    };

    protected override void Dispose(bool disposing)
    {
        base.Dispose(disposing);
        if (!disposing) return;
        Database.Dispose();
        try
        {
            Directory.Delete(DataFolder, recursive: true);
        }
        catch (IOException)
        {
            // A file still held open: the OS cleans the temp folder.
        }
    }
}
