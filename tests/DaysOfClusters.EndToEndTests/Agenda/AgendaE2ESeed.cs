using DaysOfClusters.IntegrationTests.CheckIn;
using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Agenda;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using DaysOfClusters.Web.Infrastructure;
using DaysOfClusters.Web.Infrastructure.Mail;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Options;
using Microsoft.Extensions.Logging.Abstractions;

namespace DaysOfClusters.EndToEndTests.Agenda;

public sealed record AgendaE2EEdition(int EditionId, string Slug, string TimeZoneId, DateOnly Day, int HallId, int RoomBId, int PanelId, int WorkshopId, int RoundTableId);

/// <summary>
/// Sets up what an organiser would have typed before the scenario starts (edition, rooms, two sessions) and registers an
/// attendee, through the app's own services running against the running app's database (WAL and a busy timeout make that
/// safe). Mail goes to the app's pickup folder, as the app's own mail does.
/// </summary>
public static class AgendaE2ESeed
{
    public const string TimeZoneId = "Europe/Belgrade";

    public static IDbContextFactory<AppDbContext> Db(string dataFolder) => CheckInSeed.FactoryFor(dataFolder);

    public static string MailFolder(string dataFolder) => Path.Combine(dataFolder, "mail-pickup");

    public static async Task<AgendaE2EEdition> EditionWithTwoSessionsAsync(string dataFolder)
    {
        var db = Db(dataFolder);
        var day = DateOnly.FromDateTime(DateTime.UtcNow).AddDays(60);
        var slug = "e2e-agenda-" + Guid.NewGuid().ToString("N")[..6];
        var editions = new EditionService(db, [], [], TimeProvider.System);
        var saved = await editions.SaveAsync(null, new EditionInput
        {
            Ordinal = 9, Title = "Days of Clusters agenda test", Slug = slug, HostCity = "Niš", CountryCode = "RS", Venue = "Niš Fortress",
            StartDate = day.ToDateTime(TimeOnly.MinValue), EndDate = day.AddDays(1).ToDateTime(TimeOnly.MinValue), TimeZoneId = TimeZoneId,
            Capacity = 300,
        });
        Assert.True(saved.Succeeded, string.Join("; ", saved.Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))));
        var editionId = saved.EditionId!.Value;
        await editions.SetStatusAsync(editionId, EditionStatus.Open);
        await using (var ctx = await db.CreateDbContextAsync())
        {
            ctx.RegistrationCategories.AddRange(DefaultCategories.For(editionId));
            await ctx.SaveChangesAsync();
        }

        // Only rooms, tracks and sessions are saved here; nothing is published or mailed from this process.
        var agenda = AgendaOf(dataFolder);
        var hall = await agenda.SaveRoomAsync(new Room { EditionId = editionId, Name = "Hall A", Capacity = 200, SortOrder = 1 });
        var roomB = await agenda.SaveRoomAsync(new Room { EditionId = editionId, Name = "Room B", Capacity = 40, SortOrder = 2 });
        var track = await agenda.SaveTrackAsync(new Track { EditionId = editionId, Name = "Cluster policy", Color = "#1B3A6B" });
        var panel = await agenda.SaveSessionAsync(editionId, new SessionInput
        {
            Title = "Financing cluster growth", Kind = SessionKind.Panel, TrackId = track.Id, RoomId = hall.Id,
            LocalStart = day.ToDateTime(new TimeOnly(10, 0)), DurationMinutes = 60, Capacity = 30,
        });
        var workshop = await agenda.SaveSessionAsync(editionId, new SessionInput
        {
            Title = "Digital tools workshop", Kind = SessionKind.Workshop, TrackId = track.Id, RoomId = roomB.Id,
            LocalStart = day.ToDateTime(new TimeOnly(11, 0)), DurationMinutes = 60, Capacity = 30,
        });
        var roundTable = await agenda.SaveSessionAsync(editionId, new SessionInput
        {
            Title = "Round table: clusters and EC officers", Kind = SessionKind.RoundTable, TrackId = track.Id, RoomId = hall.Id,
            LocalStart = day.AddDays(1).ToDateTime(new TimeOnly(14, 0)), DurationMinutes = 90, SeatCapacity = 2,
            Topic = "Cluster cooperation in the Balkans", Host = "Ana Petrović", Organisations = "Niš ICT Cluster\nBlack Sea Energy Cluster",
        });
        return new AgendaE2EEdition(editionId, slug, TimeZoneId, day, hall.Id, roomB.Id, panel.Id!.Value, workshop.Id!.Value, roundTable.Id!.Value);
    }

    private static AgendaService AgendaOf(string dataFolder)
    {
        var db = Db(dataFolder);
        var mail = new PickupFolderMailSender(MailFolder(dataFolder));
        var from = Options.Create(new MailOptions("agenda@e2e.example", "E2E"));
        var urls = new PublicUrls(new FixedOptionsMonitor<AppOptions>(new AppOptions()));
        return new AgendaService(db, new MailAgendaChangeNotifier(mail, from, urls), TimeProvider.System, NullLogger<AgendaService>.Instance,
            new EphemeralDataProtectionProvider(), new RoundTableService(db, TimeProvider.System, mail, from, urls, NullLogger<RoundTableService>.Instance));
    }

    /// <summary>Publishes the edition's agenda as the organiser's Publish button does (before anyone bookmarked, so nobody is mailed).</summary>
    public static async Task PublishAsync(string dataFolder, int editionId) =>
        Assert.True((await AgendaOf(dataFolder).PublishAsync(editionId, "e2e")).Succeeded, "The agenda is published.");

    /// <summary>Gives the registration a manage link the test knows (the one in the e-mail is only in the mail).</summary>
    public static async Task<string> NewManageTokenAsync(string dataFolder, int registrationId)
    {
        var token = "e2e-" + Guid.NewGuid().ToString("N");
        await using var ctx = await Db(dataFolder).CreateDbContextAsync();
        var hash = RegistrationRules.Sha256Hex(token);
        Assert.Equal(1, await ctx.Registrations.Where(r => r.Id == registrationId).ExecuteUpdateAsync(u => u.SetProperty(r => r.ManageTokenHash, hash)));
        return token;
    }

    /// <summary>Other people book seats the way the manage page does (same service, same locks).</summary>
    public static async Task<List<SeatBookingOutcome>> BookSeatsAsync(string dataFolder, int sessionId, IEnumerable<int> registrationIds)
    {
        var db = Db(dataFolder);
        var seats = new RoundTableService(db, TimeProvider.System, new PickupFolderMailSender(MailFolder(dataFolder)), Options.Create(new MailOptions("agenda@e2e.example", "E2E")),
            new PublicUrls(new FixedOptionsMonitor<AppOptions>(new AppOptions())), NullLogger<RoundTableService>.Instance);
        var outcomes = new List<SeatBookingOutcome>();
        foreach (var id in registrationIds) outcomes.Add((await seats.BookAsync(id, sessionId)).Outcome);
        return outcomes;
    }

    /// <summary>Registers a person the way the public form does (same service and rules); the confirmation with the manage link is mailed.</summary>
    public static async Task<int> RegisterAttendeeAsync(string dataFolder, Uri appBase, int editionId, DateOnly day, string email,
        string firstName = "Jelena", string lastName = "Marković", string organisation = "Niš ICT Cluster", bool networking = false)
    {
        var urls = new PublicUrls(new FixedOptionsMonitor<AppOptions>(new AppOptions { PublicBaseUrl = appBase.ToString().TrimEnd('/') }));
        using var limiter = new RegistrationRateLimiter(Options.Create(new RegistrationOptions()));
        using var writeGate = new SqliteWriteGate();
        var db = Db(dataFolder);
        var dataProtection = new EphemeralDataProtectionProvider();
        var reader = new RegistrationService(db, dataProtection);
        var mailer = new RegistrationMailer(db, reader, new PickupFolderMailSender(MailFolder(dataFolder)),
            new MailOptions("registration@e2e.example", "Days of Clusters"), urls, dataProtection, NullLogger<RegistrationMailer>.Instance);
        var seats = new RegistrationSeats(db, TimeProvider.System, new RegistrationTransactions(db, writeGate, NullLogger<RegistrationTransactions>.Instance),
            new RegistrationAuditTrail(db, TimeProvider.System), mailer);
        using var registrations = new RegistrationWriter(db, TimeProvider.System, reader, seats, mailer, dataProtection,
            limiter, writeGate, EmailHasher.ForDataFolder(dataFolder), NullLogger<RegistrationWriter>.Instance);
        var result = await registrations.RegisterAsync(editionId, new RegistrationInput
        {
            FirstName = firstName, LastName = lastName, Email = email, Organisation = organisation, OrganisationType = OrganisationType.ClusterOrganisation,
            JobTitle = "Cluster manager", CountryCode = "RS", DaysAttending = [day, day.AddDays(1)], PrivacyConsent = true, NetworkingConsent = networking,
        }, RegistrationCaller.Attendee("203.0.113.7"));
        Assert.True(result.Succeeded, $"{result.Outcome}: " + string.Join("; ", result.Errors.SelectMany(e => e.Value.Select(m => $"{e.Key}: {m}"))));
        Assert.Equal(RegistrationStatus.Confirmed, result.Status);
        return result.RegistrationId!.Value;
    }
}
