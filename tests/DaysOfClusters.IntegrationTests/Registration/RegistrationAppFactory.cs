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
/// The shared test host without demo data or the minute-by-minute worker, with a movable clock. Extra settings (e.g.
/// SMTP) can be passed in.
/// </summary>
public class RegistrationAppFactory : AppFactory
{
    public RegistrationAppFactory() : this(new Dictionary<string, string?>()) { }

    protected RegistrationAppFactory(IReadOnlyDictionary<string, string?> settings) : base(settings: WithWorkerDisabled(settings)) { }

    private static Dictionary<string, string?> WithWorkerDisabled(IReadOnlyDictionary<string, string?> settings)
    {
        var all = new Dictionary<string, string?> { ["Registration:Worker:Disabled"] = "true" };
        foreach (var (key, value) in settings) all[key] = value;
        return all;
    }

    public MovableClock Clock { get; } = new();

    public string PickupFolder => MailFolder;

    protected override void AddTestServices(IServiceCollection services)
    {
        services.RemoveAll<TimeProvider>();
        services.AddSingleton<TimeProvider>(Clock);
    }

    public RegistrationService Registrations => Services.GetRequiredService<RegistrationService>();
    public RegistrationWriter Writer => Services.GetRequiredService<RegistrationWriter>();
    public RegistrationLifecycle Lifecycle => Services.GetRequiredService<RegistrationLifecycle>();
    public RegistrationSeats Seats => Services.GetRequiredService<RegistrationSeats>();
    public RegistrationPrivacy Privacy => Services.GetRequiredService<RegistrationPrivacy>();
    public RegistrationInvitations Invitations => Services.GetRequiredService<RegistrationInvitations>();
    public RegistrationAuditTrail AuditTrail => Services.GetRequiredService<RegistrationAuditTrail>();

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
}
