using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Features.Accounts;
using DaysOfClusters.Web.Features.Agenda;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Network;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.IntegrationTests.Agenda;

/// <summary>A round table lists the directory organisations of the people holding its seats: all of them for organisers, only those listed for networking on public and attendee pages.</summary>
public sealed class RoundTableOrganisationsTests(AgendaAppFactory app) : IClassFixture<AgendaAppFactory>
{
    private async Task<int> OrganisationAsync(string name, string country, int? memberSince = null)
    {
        await using var db = await app.DbAsync();
        var now = DateTime.UtcNow;
        var o = new Organisation { Name = name, CountryCode = country, SearchKey = "", NameKey = "", CreatedUtc = now };
        OrganisationService.Apply(o, new OrganisationInput { Name = name, CountryCode = country, NetworkMemberSince = memberSince }, now);
        db.Add(o);
        await db.SaveChangesAsync();
        return o.Id;
    }

    private async Task LinkAsync(int registrationId, int? organisationId, bool listed)
    {
        await using var db = await app.DbAsync();
        await db.Registrations.Where(r => r.Id == registrationId).ExecuteUpdateAsync(s => s.SetProperty(r => r.NetworkingConsent, listed));
        if (organisationId is { } id) db.Add(new RegistrationOrganisation { RegistrationId = registrationId, OrganisationId = id });
        await db.SaveChangesAsync();
    }

    [Fact]
    public async Task ParticipatingOrganisations_WhenSeatsAreBookedAndWaitlisted_ListsTheBookedPeoplesDirectoryOrganisationsOnEveryView()
    {
        var edition = await app.CreateEditionAsync();
        var table = await app.AddSessionAsync(edition.Id, "Cluster-to-cluster round table", null, AgendaAppFactory.Local(22, 11), 60, SessionKind.RoundTable, seats: 4);
        var other = await app.AddSessionAsync(edition.Id, "Another round table", null, AgendaAppFactory.Local(23, 11), 60, SessionKind.RoundTable, seats: 4);
        Assert.True((await app.Get<AgendaService>().PublishAsync(edition.Id, "tester")).Succeeded);
        var balkan = await OrganisationAsync("Balkan Wood Cluster", "RS", memberSince: 2014);
        var blackSea = await OrganisationAsync("Black Sea Tourism Cluster", "BG");
        var waiting = await OrganisationAsync("Danube Logistics Cluster", "RO");
        var elsewhere = await OrganisationAsync("Adriatic ICT Cluster", "ME");
        var people = await app.CreateRegistrationsAsync(edition.Id, 7);
        (int? Organisation, bool Listed, int Session)[] plan =
        [
            (balkan, true, table.Id), (balkan, false, table.Id), (blackSea, true, table.Id), (null, true, table.Id), // the four seats
            (waiting, true, table.Id),                                                                               // waiting list
            (elsewhere, true, other.Id), (balkan, true, other.Id),
        ];
        var seats = app.Get<RoundTableService>();
        for (var i = 0; i < plan.Length; i++)
        {
            await LinkAsync(people[i].Id, plan[i].Organisation, plan[i].Listed);
            await seats.BookAsync(people[i].Id, plan[i].Session);
        }

        // Organisers: every seat holder counted, most seats first; the waiting list and the person without a directory link are not.
        var all = await seats.ParticipatingOrganisationsOfAsync(table.Id);
        Assert.Equal([(balkan, 2, true), (blackSea, 1, false)], all.Select(o => (o.OrganisationId, o.Seats, o.NetworkMember)));
        Assert.Equal("Balkan Wood Cluster · RS", all[0].Label);

        // Public and attendee views: only people listed for networking.
        var listed = await seats.ParticipatingOrganisationsAsync(edition.Id, listedOnly: true);
        Assert.Equal([(balkan, 1), (blackSea, 1)], listed[table.Id].Select(o => (o.OrganisationId, o.Seats)));
        Assert.Equal([elsewhere, balkan], listed[other.Id].Select(o => o.OrganisationId)); // equal seats: by name

        using var client = app.CreateClient();
        var session = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync($"/e/{edition.Slug}/sessions/{table.Id}"));
        Assert.Contains("Organisations at the table", session);
        Assert.Contains("Balkan Wood Cluster · RS", session);
        Assert.Contains("Black Sea Tourism Cluster · BG", session);
        Assert.DoesNotContain("Danube Logistics Cluster", session);
        Assert.DoesNotContain("Adriatic ICT Cluster", session);

        var manage = System.Net.WebUtility.HtmlDecode(await client.GetStringAsync($"/manage/{people[0].Token}/agenda"));
        Assert.Contains("Organisations at the table", manage);
        Assert.Contains("Black Sea Tourism Cluster · BG", manage);
        Assert.Contains("Adriatic ICT Cluster · ME", manage);
        Assert.DoesNotContain("Danube Logistics Cluster", manage);
    }

    [Fact]
    public async Task SeatListPage_WhenOrganiserOpensIt_ListsEveryBookedSeatHoldersDirectoryOrganisation()
    {
        using var site = new AppFactory();
        var now = DateTime.UtcNow;
        var (sessionId, organisations) = await site.WithDbAsync(async db =>
        {
            var edition = new Edition
            {
                Ordinal = 9, Title = "Seat list edition", Slug = "seats-" + Guid.NewGuid().ToString("N")[..8], HostCity = "Niš", CountryCode = "RS",
                StartDate = new DateOnly(2027, 9, 22), EndDate = new DateOnly(2027, 9, 23), TimeZoneId = "Europe/Belgrade", Status = EditionStatus.Open, CreatedUtc = now,
            };
            db.Editions.Add(edition);
            await db.SaveChangesAsync();
            var category = DefaultCategories.For(edition.Id)[0];
            db.RegistrationCategories.Add(category);
            var session = new Session
            {
                EditionId = edition.Id, Title = "Round table of wood clusters", Kind = SessionKind.RoundTable, SeatCapacity = 10,
                StartUtc = AgendaAppFactory.Local(22, 11), EndUtc = AgendaAppFactory.Local(22, 12), UpdatedUtc = now,
            };
            db.Sessions.Add(session);
            var wood = new Organisation { Name = "Klaster drvne industrije Jug", CountryCode = "RS", SearchKey = "", NameKey = "", CreatedUtc = now };
            var sea = new Organisation { Name = "Black Sea Tourism Cluster", CountryCode = "BG", SearchKey = "", NameKey = "", CreatedUtc = now };
            OrganisationService.Apply(wood, new OrganisationInput { Name = wood.Name, CountryCode = "RS", NetworkMemberSince = 2013 }, now);
            OrganisationService.Apply(sea, new OrganisationInput { Name = sea.Name, CountryCode = "BG" }, now);
            db.AddRange(wood, sea);
            await db.SaveChangesAsync();
            // Two of the wood cluster (one not listed for networking: organisers still see it), one of the tourism cluster waiting.
            foreach (var (i, organisation, status) in new[] { (0, wood, SeatBookingStatus.Booked), (1, wood, SeatBookingStatus.Booked), (2, sea, SeatBookingStatus.Waitlisted) })
            {
                var email = $"seat{i}@list.example";
                var r = new Registration
                {
                    EditionId = edition.Id, CategoryId = category.Id, FirstName = "Seat", LastName = $"Holder {i}", Email = email, EmailNormalized = email, EmailHash = email,
                    Organisation = organisation.Name, CountryCode = organisation.CountryCode, PrivacyNoticeVersion = "1", Status = RegistrationStatus.Confirmed,
                    NetworkingConsent = i == 0, ManageTokenHash = RegistrationRules.Sha256Hex(Guid.NewGuid().ToString("N")), CreatedUtc = now, UpdatedUtc = now,
                };
                db.Registrations.Add(r);
                await db.SaveChangesAsync();
                db.Add(new RegistrationOrganisation { RegistrationId = r.Id, OrganisationId = organisation.Id });
                db.SeatBookings.Add(new SeatBooking { RegistrationId = r.Id, SessionId = session.Id, Status = status, WaitlistPosition = status == SeatBookingStatus.Waitlisted ? 1 : null, CreatedUtc = now });
            }
            await db.SaveChangesAsync();
            return (session.Id, (Wood: wood.Id, Sea: sea.Id));
        });
        using var organiser = await site.CreateLoggedInClientAsync(Roles.Organiser);

        var html = System.Net.WebUtility.HtmlDecode(await organiser.GetStringAsync(new Uri($"/organiser/sessions/{sessionId}/seats", UriKind.Relative)));

        var table = html[html.IndexOf("data-testid=\"seats-organisations\"", StringComparison.Ordinal)..];
        table = System.Text.RegularExpressions.Regex.Replace(table[..table.IndexOf("</table>", StringComparison.Ordinal)], @">\s+<", "><");
        // The page's scoped styles mark each of its elements (b-xxxxxxxxxx); the cells' text and order are what count here.
        table = System.Text.RegularExpressions.Regex.Replace(table, @"\s+b-[a-z0-9]{10}(?==|\s|>)", "");
        Assert.Contains($"/organiser/organisations/{organisations.Wood}", table);
        Assert.Contains("Klaster drvne industrije Jug</a></td><td>RS</td><td>yes</td><td>2</td>", table);
        Assert.DoesNotContain("Black Sea Tourism Cluster", table); // only waiting, no seat
    }
}
