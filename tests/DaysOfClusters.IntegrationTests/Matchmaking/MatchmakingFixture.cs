using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Matchmaking;
using DaysOfClusters.Web.Features.Registration;
using DaysOfClusters.Web.Features.Sectors;
using DaysOfClusters.Web.Data;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using RegistrationEntity = DaysOfClusters.Web.Features.Registration.Registration;

namespace DaysOfClusters.IntegrationTests.Matchmaking;

/// <summary>The real app on its own SQLite file; every test makes its own edition so tests do not see each other's data.</summary>
public sealed class MatchmakingFixture : IAsyncLifetime
{
    private int _serial;
    private readonly WebApplicationFactory<Program> _host;

    public MatchmakingFixture() : this(new AppFactory(), null) { }

    /// <summary>On <paramref name="app"/>'s data folder; <paramref name="host"/> (e.g. app.WithWebHostBuilder(…) with extra settings) runs the app when given.</summary>
    internal MatchmakingFixture(AppFactory app, WebApplicationFactory<Program>? host)
    {
        App = app;
        _host = host ?? app;
    }

    public AppFactory App { get; }
    private IServiceProvider Services => _host.Services;
    public MatchmakingProfiles Profiles => Services.GetRequiredService<MatchmakingProfiles>();
    public MeetingRequests Requests => Services.GetRequiredService<MeetingRequests>();
    public MatchmakingSetup Setup => Services.GetRequiredService<MatchmakingSetup>();
    public MeetingSchedule Schedule => Services.GetRequiredService<MeetingSchedule>();

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        await using var db = await Services.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        return await action(db);
    }

    public Task InitializeAsync()
    {
        App.Started();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();

    public static readonly DateTime BlockStart = new(2026, 9, 24, 12, 0, 0, DateTimeKind.Utc);

    public Task<int> NewEditionAsync() => WithDbAsync(async db =>
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
        string country = "RS", OrganisationType type = OrganisationType.CompanySme) => WithDbAsync(async db =>
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

    public SectorService Sectors => Services.GetRequiredService<SectorService>();

    /// <summary>The id of a sector of the list by its exact name (the migration seeds ICT, Agri-food, …).</summary>
    public Task<int> SectorIdAsync(string name) => WithDbAsync(db => db.Sectors.Where(s => s.Name == name).Select(s => s.Id).SingleAsync());

    /// <summary>A confirmed, consenting, opted-in participant (sectors: ICT unless given).</summary>
    public async Task<int> ParticipantAsync(int editionId, string name, string country = "RS", CooperationTypes cooperation = CooperationTypes.JointProject,
        IReadOnlyList<int>? sectorIds = null)
    {
        var id = await NewRegistrationAsync(editionId, name, country: country);
        var result = await Profiles.OptInAsync(id, new ProfileInput(sectorIds ?? [await SectorIdAsync("ICT")], "Software", "Partners", cooperation, $"{name} profile", "en"));
        Assert.True(result.Ok, result.Error);
        return id;
    }

    public string PickupFolder => Path.Combine(App.DataFolder, "mail-pickup");

    /// <summary>
    /// A participant registered through the real registration service (so the app keeps a manage token it can put in e-mails),
    /// in the given language, opted in to matchmaking.
    /// </summary>
    public async Task<(int Id, string Token, string Email)> RegisteredParticipantAsync(int editionId, string firstName, string language = "en", string country = "RS")
    {
        var email = $"{firstName.ToLowerInvariant()}-{Guid.NewGuid():N}@example.org";
        var input = new RegistrationInput
        {
            FirstName = firstName, LastName = "Tester", Email = email, Organisation = $"{firstName} Cluster", OrganisationType = OrganisationType.ClusterOrganisation,
            JobTitle = "Manager", CountryCode = country, DaysAttending = [new DateOnly(2026, 9, 24)], PrivacyConsent = true, NetworkingConsent = true,
            Language = language,
        };
        var result = await Services.GetRequiredService<RegistrationWriter>().RegisterAsync(editionId, input, RegistrationCaller.Attendee(null));
        Assert.True(result.RegistrationId is not null && result.ManageToken is not null, string.Join("; ", result.Errors.SelectMany(e => e.Value)));
        Assert.Equal(RegistrationStatus.Confirmed, result.Status);
        var optIn = await Profiles.OptInAsync(result.RegistrationId.Value, new ProfileInput([await SectorIdAsync("ICT")], "Software", "Partners", CooperationTypes.JointProject, null, language));
        Assert.True(optIn.Ok, optIn.Error);
        return (result.RegistrationId.Value, result.ManageToken, email);
    }

    /// <summary>The messages in the pickup folder addressed to the e-mail address.</summary>
    public async Task<List<MimeKit.MimeMessage>> MailsToAsync(string email)
    {
        var messages = new List<MimeKit.MimeMessage>();
        if (!Directory.Exists(PickupFolder)) return messages;
        foreach (var file in Directory.GetFiles(PickupFolder, "*.eml"))
        {
            var message = await MimeKit.MimeMessage.LoadAsync(file);
            if (message.To.Mailboxes.Any(m => string.Equals(m.Address, email, StringComparison.OrdinalIgnoreCase))) messages.Add(message);
        }
        return messages;
    }

    /// <summary>Requests and accepts a meeting between the two.</summary>
    public async Task<int> AcceptedMeetingAsync(int from, int to)
    {
        var sent = await Requests.SendRequestAsync(from, to, "Let's meet");
        Assert.True(sent.Ok, sent.Error);
        var accepted = await Requests.RespondAsync(to, sent.Id!.Value, accept: true);
        Assert.True(accepted.Ok, accepted.Error);
        return sent.Id.Value;
    }
}
