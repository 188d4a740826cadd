using System.Security.Cryptography;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.CheckIn;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.IntegrationTests.CheckIn;

public sealed record SeededEdition(int EditionId, string Slug, int PointId, int SecondPointId, int DelegateCategoryId, int SpeakerCategoryId, List<int> RegistrationIds);

/// <summary>Edition, two categories, confirmed people and two check-in points, written straight through AppDbContext (shared by the tests, the E2E test and the bench).</summary>
public static class CheckInSeed
{
    private static readonly string[] Countries = ["RS", "DE", "US", "JP", "BA", "FR", "BR", "KE"];

    public static async Task<SeededEdition> EditionAsync(IDbContextFactory<AppDbContext> factory, string slug, int people, string timeZone = "Europe/Belgrade")
    {
        await using var db = await factory.CreateDbContextAsync();
        var today = DateOnly.FromDateTime(DateTime.UtcNow);
        var edition = new Edition
        {
            Ordinal = 8, Title = $"Days of Clusters {slug}", Slug = slug, HostCity = "Belgrade", CountryCode = "RS", TimeZoneId = timeZone,
            StartDate = today, EndDate = today.AddDays(1), Status = EditionStatus.Open, CreatedUtc = DateTime.UtcNow,
        };
        db.Editions.Add(edition);
        await db.SaveChangesAsync();
        var delegates = new RegistrationCategory { EditionId = edition.Id, Name = "Delegate", BadgeColor = "#1B3A6B", Code = 1, IsDefault = true, SortOrder = 1 };
        var speakers = new RegistrationCategory { EditionId = edition.Id, Name = "Speaker", BadgeColor = "#C62828", Code = 2, SortOrder = 2 };
        db.RegistrationCategories.AddRange(delegates, speakers);
        await db.SaveChangesAsync();
        var now = DateTime.UtcNow;
        var registrations = Enumerable.Range(1, people).Select(i =>
        {
            var email = $"person{i}@{slug}.example";
            return new Registration
            {
                EditionId = edition.Id, CategoryId = i % 7 == 0 ? speakers.Id : delegates.Id, FirstName = $"Ana{i}", LastName = $"Petrović{i}",
                Email = email, EmailNormalized = email, EmailHash = Convert.ToHexStringLower(SHA256.HashData(System.Text.Encoding.UTF8.GetBytes(email))),
                Organisation = $"Cluster {i % 13}", OrganisationType = OrganisationType.ClusterOrganisation, CountryCode = Countries[i % Countries.Length],
                PrivacyConsentUtc = now, PrivacyNoticeVersion = "1", Status = RegistrationStatus.Confirmed, ConfirmedUtc = now, CreatedUtc = now, UpdatedUtc = now,
                ManageTokenHash = Convert.ToHexStringLower(RandomNumberGenerator.GetBytes(32)),
            };
        }).ToList();
        db.Registrations.AddRange(registrations);
        var entrance = new CheckInPoint { EditionId = edition.Id, Name = "Entrance day 1", Kind = CheckInPointKind.Entrance, Day = today, SortOrder = 1, CreatedUtc = now };
        var hall = new CheckInPoint { EditionId = edition.Id, Name = "Hall A door", Kind = CheckInPointKind.SessionDoor, SessionId = 1, SortOrder = 2, CreatedUtc = now };
        db.CheckInPoints.AddRange(entrance, hall);
        await db.SaveChangesAsync();
        return new SeededEdition(edition.Id, slug, entrance.Id, hall.Id, delegates.Id, speakers.Id, registrations.Select(r => r.Id).ToList());
    }

    public static IDbContextFactory<AppDbContext> FactoryFor(string dataFolder)
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(builder, $"Data Source={Path.Combine(dataFolder, "days-of-clusters.db")};Default Timeout=30");
        return new SimpleFactory(builder.Options);
    }

    private sealed class SimpleFactory(DbContextOptions<AppDbContext> options) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => new(options);
    }
}
