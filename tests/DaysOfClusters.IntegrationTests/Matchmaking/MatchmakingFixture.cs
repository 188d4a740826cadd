using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Matchmaking;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.Extensions.DependencyInjection;
using RegistrationEntity = DaysOfClusters.Web.Features.Registration.Registration;

namespace DaysOfClusters.IntegrationTests.Matchmaking;

/// <summary>The real app on its own SQLite file; every test makes its own edition so tests do not see each other's data.</summary>
public sealed class MatchmakingFixture : IAsyncLifetime
{
    private int _serial;

    public AppFactory App { get; } = new();
    public MatchmakingService Service => App.Services.GetRequiredService<MatchmakingService>();

    public Task InitializeAsync()
    {
        App.Started();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    public static readonly DateTime BlockStart = new(2026, 9, 24, 12, 0, 0, DateTimeKind.Utc);

    public Task<int> NewEditionAsync() => App.WithDbAsync(async db =>
    {
        var n = Interlocked.Increment(ref _serial);
        var edition = new Edition
        {
            Ordinal = 100 + n, Title = $"Matchmaking {n}", Slug = $"mm-{n}-{Guid.NewGuid():N}"[..20], HostCity = "Belgrade", CountryCode = "RS",
            StartDate = new DateOnly(2026, 9, 24), EndDate = new DateOnly(2026, 9, 25), TimeZoneId = "Europe/Belgrade", Status = EditionStatus.Open,
            CreatedUtc = DateTime.UtcNow,
        };
        db.Editions.Add(edition);
        await db.SaveChangesAsync();
        db.RegistrationCategories.AddRange(DefaultCategories.For(edition.Id));
        await db.SaveChangesAsync();
        return edition.Id;
    });

    public Task<int> NewRegistrationAsync(int editionId, string name, bool consent = true, RegistrationStatus status = RegistrationStatus.Confirmed,
        string country = "RS", OrganisationType type = OrganisationType.CompanySme) => App.WithDbAsync(async db =>
    {
        var category = db.RegistrationCategories.First(c => c.EditionId == editionId);
        var email = $"{name}-{Guid.NewGuid():N}@example.org";
        var registration = new RegistrationEntity
        {
            EditionId = editionId, CategoryId = category.Id, FirstName = name, LastName = "Test", Email = email, EmailNormalized = email,
            EmailHash = RegistrationRules.Sha256Hex(email), Organisation = $"{name} Ltd", OrganisationType = type, CountryCode = country,
            PrivacyConsentUtc = DateTime.UtcNow, PrivacyNoticeVersion = "1", NetworkingConsent = consent, Status = status,
            CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow, ManageTokenHash = RegistrationRules.Sha256Hex(Guid.NewGuid().ToString("N")),
        };
        db.Registrations.Add(registration);
        await db.SaveChangesAsync();
        return registration.Id;
    });

    /// <summary>A confirmed, consenting, opted-in participant.</summary>
    public async Task<int> ParticipantAsync(int editionId, string name, string country = "RS", CooperationTypes cooperation = CooperationTypes.JointProject)
    {
        var id = await NewRegistrationAsync(editionId, name, country: country);
        var result = await Service.OptInAsync(id, new ProfileInput("ICT", "Software", "Partners", cooperation, $"{name} profile", "en"));
        Assert.True(result.Ok, result.Error);
        return id;
    }

    /// <summary>Requests and accepts a meeting between the two.</summary>
    public async Task<int> AcceptedMeetingAsync(int from, int to)
    {
        var sent = await Service.SendRequestAsync(from, to, "Let's meet");
        Assert.True(sent.Ok, sent.Error);
        var accepted = await Service.RespondAsync(to, sent.Id!.Value, accept: true);
        Assert.True(accepted.Ok, accepted.Error);
        return sent.Id.Value;
    }
}
