using DaysOfClusters.Web.Features.Agenda;
using DaysOfClusters.Web.Features.Network;
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
}
