using System.Net;
using DaysOfClusters.Web.Features.Agenda;
using Microsoft.AspNetCore.Mvc.Testing;

namespace DaysOfClusters.IntegrationTests.Agenda;

public sealed class AgendaPagesTests : IClassFixture<AgendaAppFactory>
{
    private readonly AgendaAppFactory _app;

    public AgendaPagesTests(AgendaAppFactory app) => _app = app;

    [Fact]
    public async Task OrganiserAgendaApi_WhenAnonymous_IsNotServed()
    {
        var edition = await _app.CreateEditionAsync();
        using var client = _app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });

        var conflicts = await client.GetAsync($"/api/organiser/editions/{edition.Id}/agenda/conflicts");
        var publish = await client.PostAsync($"/api/organiser/editions/{edition.Id}/agenda/publish", null);

        Assert.NotEqual(HttpStatusCode.OK, conflicts.StatusCode);
        Assert.NotEqual(HttpStatusCode.OK, publish.StatusCode);
        Assert.Null(await _app.Get<AgendaService>().PublicAgendaAsync(edition.Slug));
    }

    [Fact]
    public async Task ManageAgendaPage_WhenTokenValid_ListsPublishedSessionsAndSeats()
    {
        var edition = await _app.CreateEditionAsync();
        var table = await _app.AddSessionAsync(edition.Id, "Round table of clusters", null, AgendaAppFactory.Local(22, 14), 60, SessionKind.RoundTable, seats: 3);
        Assert.True((await _app.Get<AgendaService>().PublishAsync(edition.Id, "tester")).Succeeded);
        var person = (await _app.CreateRegistrationsAsync(edition.Id, 1))[0];
        await _app.Get<RoundTableService>().BookAsync(person.Id, table.Id);
        using var client = _app.CreateClient();

        var html = await client.GetStringAsync($"/manage/{person.Token}/agenda");
        var invalidResponse = await client.GetAsync("/manage/not-a-real-token/agenda");
        var invalid = await invalidResponse.Content.ReadAsStringAsync();

        Assert.Contains("Round table of clusters", html);
        Assert.Contains("2 of 3 seats left", html);
        Assert.Contains("/api/agenda/", html); // the feed has its own token (Hardening/CalendarFeedTokenTests)
        Assert.DoesNotContain("Round table of clusters", invalid);
        Assert.Contains("This link is not valid", invalid);
        Assert.Equal(System.Net.HttpStatusCode.NotFound, invalidResponse.StatusCode);
    }

    [Fact]
    public async Task SessionPage_WhenPublished_ShowsSpeakersAndRoundTableOrganisations()
    {
        var edition = await _app.CreateEditionAsync();
        var agenda = _app.Get<AgendaService>();
        var speaker = await agenda.SaveSpeakerAsync(new Speaker { EditionId = edition.Id, Name = "Ana Example", Organisation = "Example Cluster" });
        var (id, errors) = await agenda.SaveSessionAsync(edition.Id, new SessionInput
        {
            Title = "Clusters with EC officers", Kind = SessionKind.RoundTable, LocalStart = new DateTime(2027, 9, 22, 14, 0, 0), DurationMinutes = 90,
            SeatCapacity = 30, Topic = "Cooperation", Organisations = "Balkan Cluster One\nBlack Sea Cluster Two",
            Speakers = [new SpeakerAssignment { SpeakerId = speaker.Id, Role = SpeakerRole.Host }],
        });
        Assert.Empty(errors);
        Assert.True((await agenda.PublishAsync(edition.Id, "tester")).Succeeded);
        using var client = _app.CreateClient();

        var html = await client.GetStringAsync($"/e/{edition.Slug}/sessions/{id}");

        Assert.Contains("Clusters with EC officers", html);
        Assert.Contains("Ana Example", html);
        Assert.Contains("Black Sea Cluster Two", html);
        Assert.Contains("14:00–15:30", html);
    }
}
