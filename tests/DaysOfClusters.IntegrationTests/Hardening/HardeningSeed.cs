using System.Globalization;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.IntegrationTests.Hardening;

/// <summary>An open edition with the default categories, written straight into an app's database (also used by the crash test).</summary>
public static class HardeningSeed
{
    public static async Task<Edition> CreateOpenEditionAsync(AppDbContext db, int? capacity, string? slug = null)
    {
        var edition = new Edition
        {
            Ordinal = 11, Title = "Hardening edition", Slug = slug ?? "hard-" + Guid.NewGuid().ToString("N")[..10], HostCity = "Niš", CountryCode = "RS",
            StartDate = new DateOnly(DateTime.UtcNow.Year + 1, 10, 14), EndDate = new DateOnly(DateTime.UtcNow.Year + 1, 10, 15),
            TimeZoneId = "Europe/Belgrade", Capacity = capacity, Status = EditionStatus.Open, CreatedUtc = DateTime.UtcNow,
        };
        db.Editions.Add(edition);
        await db.SaveChangesAsync();
        db.RegistrationCategories.AddRange(DefaultCategories.For(edition.Id));
        await db.SaveChangesAsync();
        return edition;
    }

    public static RegistrationInput Input(string email, Edition edition) => new()
    {
        FirstName = "Jelena", LastName = "Stojanović", Email = email, Organisation = "Klaster Niš", OrganisationType = OrganisationType.ClusterOrganisation,
        JobTitle = "Cluster manager", CountryCode = "RS", DaysAttending = [edition.StartDate, edition.EndDate], PrivacyConsent = true,
    };

    /// <summary>The same person as the public JSON API expects it.</summary>
    public static object Json(string email, Edition edition) => new
    {
        firstName = "Jelena", lastName = "Stojanović", email, organisation = "Klaster Niš", organisationType = "ClusterOrganisation",
        jobTitle = "Cluster manager", countryCode = "RS",
        daysAttending = new[] { edition.StartDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture), edition.EndDate.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture) },
        privacyConsent = true,
    };
}
