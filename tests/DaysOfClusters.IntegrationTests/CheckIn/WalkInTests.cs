using System.Net;
using System.Net.Http.Json;
using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Accounts;
using DaysOfClusters.Web.Features.CheckIn;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaysOfClusters.IntegrationTests.CheckIn;

/// <summary>Walk-ins: registered through the registration rules, confirmed beyond capacity, badge issued and checked in at once.</summary>
public sealed class WalkInTests(WalkInFixture fixture) : IClassFixture<WalkInFixture>
{
    private readonly AppFactory app = fixture.App;

    private static readonly WalkInActor Desk = new("staff-user-id", "desk@test.local");

    private WalkInService WalkIns => app.Services.GetRequiredService<WalkInService>();

    private IDbContextFactory<AppDbContext> Db => app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    /// <summary>An edition that is full: capacity equals the confirmed people already in, for the edition and its default category.</summary>
    private async Task<SeededEdition> FullEditionAsync(int people = 3)
    {
        app.Started();
        var edition = await CheckInSeed.EditionAsync(Db, "w" + Guid.NewGuid().ToString("N")[..10], people);
        await using var db = await Db.CreateDbContextAsync();
        await db.Editions.Where(e => e.Id == edition.EditionId).ExecuteUpdateAsync(s => s.SetProperty(e => e.Capacity, people));
        await db.RegistrationCategories.Where(c => c.Id == edition.DelegateCategoryId).ExecuteUpdateAsync(s => s.SetProperty(c => c.Capacity, people));
        return edition;
    }

    private static WalkInInput Valid(SeededEdition edition, string? email = null) => new()
    {
        FirstName = "Đorđe", LastName = "Petrović", Email = email ?? $"walkin-{Guid.NewGuid():N}@example.rs", Organisation = "Niš ICT Cluster",
        OrganisationType = OrganisationType.ClusterOrganisation, JobTitle = "Cluster manager", CountryCode = "rs", CategoryId = edition.DelegateCategoryId,
        PrivacyConsent = true,
    };

    private async Task<(int Registrations, int Scans, int Audits, int Badges)> CountsAsync(int editionId)
    {
        await using var db = await Db.CreateDbContextAsync();
        var ids = db.Registrations.Where(r => r.EditionId == editionId).Select(r => r.Id);
        return (await db.Registrations.CountAsync(r => r.EditionId == editionId), await db.ScanLog.CountAsync(s => s.EditionId == editionId),
            await db.RegistrationAuditEntries.CountAsync(a => ids.Contains(a.RegistrationId)), await db.IssuedBadges.CountAsync(b => b.EditionId == editionId));
    }

    [Fact]
    public async Task RegisterAsync_WhenEditionFull_RegistersConfirmedIssuesBadgeAndChecksInAtThePoint()
    {
        var edition = await FullEditionAsync();
        var result = await WalkIns.RegisterAsync(edition.SecondPointId, Valid(edition), Desk);

        Assert.Equal(WalkInOutcome.CheckedIn, result.Outcome);
        var person = result.Person!;
        Assert.Equal("Đorđe Petrović", person.Name);
        Assert.Equal(RegistrationStatus.Confirmed, person.Status);
        Assert.Equal(ScanOutcome.Accepted, result.Scan!.Outcome);
        Assert.Equal("Hall A door", result.Scan.PointName);
        Assert.Equal(1, result.Scan.InsideNow);
        Assert.StartsWith("/checkin/badge/", result.BadgeUrl, StringComparison.Ordinal);
        Assert.EndsWith(".pdf?format=A6", result.BadgeUrl, StringComparison.Ordinal);
        Assert.Equal(person.RegistrationId, WalkIns.RegistrationOfBadgeLink(result.BadgeUrl!["/checkin/badge/".Length..^".pdf?format=A6".Length]));

        await using var db = await Db.CreateDbContextAsync();
        var stored = await db.Registrations.SingleAsync(r => r.Id == person.RegistrationId);
        Assert.Equal("RS", stored.CountryCode);
        Assert.NotNull(stored.ConfirmedUtc);
        Assert.True(stored.PrivacyConsentUtc > DateTime.UtcNow.AddMinutes(-5));
        Assert.False(string.IsNullOrEmpty(stored.DaysAttending));
        // Beyond capacity, and counted.
        Assert.Equal(4, await db.EditionSeatCounters.Where(c => c.EditionId == edition.EditionId).Select(c => c.Confirmed).SingleAsync());
        var badge = await db.IssuedBadges.SingleAsync(b => b.RegistrationId == person.RegistrationId);
        Assert.Null(badge.RevokedUtc);
        var log = await db.ScanLog.SingleAsync(s => s.RegistrationId == person.RegistrationId);
        Assert.Equal((ScanOutcome.Accepted, "staff-user-id", badge.TicketId, edition.SecondPointId), (log.Outcome, log.UserId, log.TicketId!.Value, log.PointId));
        Assert.True(await db.Presences.AnyAsync(p => p.RegistrationId == person.RegistrationId && p.PointId == edition.SecondPointId && p.InsideSince != null));
        var trail = await db.RegistrationAuditEntries.Where(a => a.RegistrationId == person.RegistrationId).OrderBy(a => a.Id).ToListAsync();
        Assert.Equal(["Registered", "WalkInCheckedIn"], trail.Select(a => a.Action));
        Assert.All(trail, a => Assert.Equal("desk@test.local", a.Actor));
        Assert.Contains("walk-in", trail[0].Details, StringComparison.Ordinal);
        Assert.Contains("Hall A door", trail[1].Details, StringComparison.Ordinal);
        Assert.Contains(BadgeTicketShortCode(badge.TicketId), trail[1].Details, StringComparison.Ordinal);

        // The badge scans like any other afterwards: already inside at that door.
        var code = (await app.Services.GetRequiredService<DaysOfClusters.Web.Features.Badges.BadgeIssuer>().CurrentAsync(person.RegistrationId))!.QrText;
        var again = await app.Services.GetRequiredService<CheckInService>().ScanAsync(new ScanRequest(code, edition.SecondPointId), ScanActor.ForUser("x"));
        Assert.Equal(ScanOutcome.AlreadyInside, again!.Outcome);
    }

    private static string BadgeTicketShortCode(long ticket) => DaysOfClusters.Web.Features.Badges.BadgeTicketId.ToShortCode(unchecked((ulong)ticket));

    [Fact]
    public async Task RegisterAsync_WhenEmailAlreadyRegistered_StoresNothingNamesThePersonAndTheyCanBeCheckedInInstead()
    {
        var edition = await FullEditionAsync();
        var before = await CountsAsync(edition.EditionId);
        var result = await WalkIns.RegisterAsync(edition.PointId, Valid(edition, "  PERSON2@" + edition.Slug.ToUpperInvariant() + ".example "), Desk);

        Assert.Equal(WalkInOutcome.Duplicate, result.Outcome);
        Assert.Equal(edition.RegistrationIds[1], result.Person!.RegistrationId);
        Assert.Equal("Ana2 Petrović2", result.Person.Name);
        Assert.Contains("Already registered: Ana2 Petrović2", Assert.Single(result.Errors[nameof(WalkInInput.Email)]), StringComparison.Ordinal);
        Assert.Null(result.Scan);
        Assert.Equal(before, await CountsAsync(edition.EditionId));

        var instead = await app.Services.GetRequiredService<CheckInService>()
            .ScanAsync(new ScanRequest(null, edition.PointId, RegistrationId: result.Person.RegistrationId), ScanActor.ForUser("staff-user-id"));
        Assert.Equal(ScanOutcome.Accepted, instead!.Outcome);
    }

    [Fact]
    public async Task RegisterAsync_WhenInputBad_GivesFieldErrorsAndStoresNothing()
    {
        var edition = await FullEditionAsync();
        var (other, _) = (await CheckInSeed.EditionAsync(Db, "o" + Guid.NewGuid().ToString("N")[..10], 1), 0);
        var before = await CountsAsync(edition.EditionId);
        var cases = new (Action<WalkInInput> Spoil, string Field)[]
        {
            (i => i.FirstName = "  ", nameof(WalkInInput.FirstName)),
            (i => i.LastName = new string('x', 101), nameof(WalkInInput.LastName)),
            (i => i.Email = "", nameof(WalkInInput.Email)),
            (i => i.Email = "not-an-address", nameof(WalkInInput.Email)),
            (i => i.Organisation = "<script>", nameof(WalkInInput.Organisation)),
            (i => i.OrganisationType = null, nameof(WalkInInput.OrganisationType)),
            (i => i.JobTitle = "", nameof(WalkInInput.JobTitle)),
            (i => i.CountryCode = "", nameof(WalkInInput.CountryCode)),
            (i => i.CountryCode = "XX", nameof(WalkInInput.CountryCode)),
            (i => i.CategoryId = other.DelegateCategoryId, nameof(WalkInInput.CategoryId)),
            (i => i.PrivacyConsent = false, nameof(WalkInInput.PrivacyConsent)),
        };
        foreach (var (spoil, field) in cases)
        {
            var input = Valid(edition);
            spoil(input);
            var result = await WalkIns.RegisterAsync(edition.PointId, input, Desk);
            Assert.Equal(WalkInOutcome.Invalid, result.Outcome);
            Assert.True(result.Errors.ContainsKey(field), $"{field}: got errors for {string.Join(", ", result.Errors.Keys)}");
            Assert.All(result.Errors.Values.SelectMany(v => v), m => Assert.False(string.IsNullOrWhiteSpace(m)));
        }
        // Staff read the messages, about the person in front of them.
        var empty = (await WalkIns.RegisterAsync(edition.PointId, new WalkInInput(), Desk)).Errors;
        Assert.Equal("Confirm that the person has read and accepted the privacy notice.", empty[nameof(WalkInInput.PrivacyConsent)].Single());
        Assert.Equal("Choose their country.", empty[nameof(WalkInInput.CountryCode)].Single());
        Assert.Equal("This field is required.", empty[nameof(WalkInInput.FirstName)].Single());

        // A closed or unknown point is refused before anything else.
        await app.Services.GetRequiredService<CheckInAdminService>().ArchivePointAsync(edition.EditionId, edition.SecondPointId);
        Assert.True((await WalkIns.RegisterAsync(edition.SecondPointId, Valid(edition), Desk)).Errors.ContainsKey(WalkInService.PointField));
        Assert.True((await WalkIns.RegisterAsync(int.MaxValue, Valid(edition), Desk)).Errors.ContainsKey(WalkInService.PointField));

        Assert.Equal(before, await CountsAsync(edition.EditionId));
    }

    [Fact]
    public async Task RegisterAsync_WhenTwoDesksRegisterTheSameEmailAtOnce_OneRegistersTheOtherSeesTheDuplicate()
    {
        var edition = await FullEditionAsync();
        for (var round = 0; round < 5; round++)
        {
            var email = $"same-{round}-{Guid.NewGuid():N}@example.org";
            using var barrier = new Barrier(2);
            Task<WalkInResult> Desk(int point) => Task.Run(async () =>
            {
                barrier.SignalAndWait();
                return await WalkIns.RegisterAsync(point, Valid(edition, email), WalkInTests.Desk);
            });
            var results = await Task.WhenAll(Desk(edition.PointId), Desk(edition.SecondPointId));
            Assert.Single(results, r => r.Outcome == WalkInOutcome.CheckedIn);
            var loser = Assert.Single(results, r => r.Outcome == WalkInOutcome.Duplicate);
            Assert.Equal(results.Single(r => r.Outcome == WalkInOutcome.CheckedIn).Person!.RegistrationId, loser.Person!.RegistrationId);
            await using var db = await Db.CreateDbContextAsync();
            Assert.Equal(1, await db.Registrations.CountAsync(r => r.EditionId == edition.EditionId && r.EmailNormalized == email));
            Assert.Equal(1, await db.ScanLog.CountAsync(s => s.RegistrationId == loser.Person.RegistrationId));
        }
    }

    [Fact]
    public async Task PostWalkIn_WhenStaff_ChecksInAndTheBadgePdfOpens_WhenAnonymous_RefusesAndStoresNothing()
    {
        var edition = await FullEditionAsync();
        var email = $"api-{Guid.NewGuid():N}@example.org";
        var body = new
        {
            point = edition.PointId, firstName = "Αλέξανδρος", lastName = "Παπαδόπουλος", email, organisation = "Thessaloniki Food Cluster",
            organisationType = (int)OrganisationType.CompanySme, jobTitle = "CEO", countryCode = "GR", categoryId = edition.SpeakerCategoryId, privacyConsent = true,
        };

        using var anonymous = app.CreateBrowserlikeClient();
        Assert.Equal(HttpStatusCode.Unauthorized, (await anonymous.PostAsJsonAsync(new Uri("/api/checkin/walk-ins", UriKind.Relative), body)).StatusCode);
        Assert.Equal(0, await CountEmailAsync(edition.EditionId, email));

        using var staff = await app.CreateLoggedInClientAsync(Roles.Staff);
        var response = await staff.PostAsJsonAsync(new Uri("/api/checkin/walk-ins", UriKind.Relative), body);
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        var answer = (await response.Content.ReadFromJsonAsync<WalkInApiResponse>())!;
        Assert.Equal("checkedIn", answer.Outcome);
        Assert.Equal("accepted", answer.Scan!.Outcome);
        Assert.Equal("Speaker", answer.Person!.Category);

        var pdf = await staff.GetAsync(new Uri(answer.BadgeUrl!, UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        Assert.Equal("application/pdf", pdf.Content.Headers.ContentType!.MediaType);
        Assert.StartsWith("%PDF-", System.Text.Encoding.ASCII.GetString((await pdf.Content.ReadAsByteArrayAsync())[..5]), StringComparison.Ordinal);
        await using (var db = await Db.CreateDbContextAsync())
        {
            var badge = await db.IssuedBadges.SingleAsync(b => b.RegistrationId == answer.Person.RegistrationId);
            Assert.Equal(1, badge.PrintCount);
            Assert.NotNull(badge.PrintedUtc);
            var log = await db.ScanLog.SingleAsync(s => s.RegistrationId == answer.Person.RegistrationId);
            Assert.StartsWith("registration:", log.CodeText, StringComparison.Ordinal);
            Assert.NotEqual("unknown", log.UserId);
        }

        // The same person again: 409 with the registered person, nothing more stored.
        var duplicate = await staff.PostAsJsonAsync(new Uri("/api/checkin/walk-ins", UriKind.Relative), body);
        Assert.Equal(HttpStatusCode.Conflict, duplicate.StatusCode);
        Assert.Equal(answer.Person.RegistrationId, (await duplicate.Content.ReadFromJsonAsync<WalkInApiResponse>())!.Person!.RegistrationId);
        var invalid = await staff.PostAsJsonAsync(new Uri("/api/checkin/walk-ins", UriKind.Relative), body with { email = "broken" });
        Assert.Equal(HttpStatusCode.BadRequest, invalid.StatusCode);
        Assert.Contains("Email", (await invalid.Content.ReadFromJsonAsync<WalkInApiResponse>())!.Errors.Keys);
        Assert.Equal(1, await CountEmailAsync(edition.EditionId, email));

        // Anonymous people get no badge; a device token cannot register people.
        var anonymousPdf = await anonymous.GetAsync(new Uri(answer.BadgeUrl!, UriKind.Relative));
        Assert.Equal("/account/login", AppFactory.PathOf(anonymousPdf));
        var device = (await app.Services.GetRequiredService<CheckInAdminService>().IssueDeviceAsync(edition.EditionId, "Phone", null))!;
        using var deviceClient = app.CreateBrowserlikeClient();
        deviceClient.DefaultRequestHeaders.Authorization = new System.Net.Http.Headers.AuthenticationHeaderValue("Bearer", device.Token);
        Assert.Equal(HttpStatusCode.Unauthorized, (await deviceClient.PostAsJsonAsync(new Uri("/api/checkin/walk-ins", UriKind.Relative), body with { email = "device@example.org" })).StatusCode);
        Assert.Equal(0, await CountEmailAsync(edition.EditionId, "device@example.org"));
    }

    private async Task<int> CountEmailAsync(int editionId, string email)
    {
        await using var db = await Db.CreateDbContextAsync();
        return await db.Registrations.CountAsync(r => r.EditionId == editionId && r.EmailNormalized == email);
    }
}
