using System.Net.Http.Json;
using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Features.Agenda;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Network;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.IntegrationTests.Editions;

/// <summary>A first start with demo data shows the network's range: an open event of every series, each with its kind's rules.</summary>
public sealed class DemoNetworkEventsTests(DemoNetworkEventsTests.DemoApp app) : IClassFixture<DemoNetworkEventsTests.DemoApp>
{
    public sealed class DemoApp() : AppFactory(demoDisabled: false);

    [Fact]
    public async Task FirstStart_WhenDemoDataIsOn_ListsAnOpenEventOfEverySeriesWithItsKindsRules()
    {
        using var client = app.CreateClient();

        var events = await client.GetFromJsonAsync<List<PublicEventDto>>(new Uri("/api/events", UriKind.Relative));
        var open = events!.Where(e => e.Status == nameof(EditionStatus.Open)).ToList();
        Assert.Equal(["dofc", "matchmaking", "round-table", "serbian-day", "training"], open.Select(e => e.Series).Order(StringComparer.Ordinal));
        Assert.All(open, e => Assert.StartsWith("DEMO", e.Title, StringComparison.Ordinal));

        var editions = await app.WithDbAsync(db => db.Editions.AsNoTracking().ToDictionaryAsync(e => e.Slug));
        var roundTable = editions["demo-3rd-cluster-round-table"];
        Assert.Equal((EventKind.RoundTable, true, 1), (roundTable.Kind, roundTable.InvitationOnly, roundTable.SeatsPerOrganisation));
        var tableOrganisations = await app.WithDbAsync(db => db.Registrations.Where(r => r.EditionId == roundTable.Id).Select(r => r.Organisation).ToListAsync());
        Assert.NotEmpty(tableOrganisations);
        Assert.Equal(tableOrganisations.Count, tableOrganisations.Select(OrganisationSearch.Fold).Distinct().Count()); // one seat each
        var training = editions["demo-4th-training"];
        Assert.Equal((EventKind.Training, 75), (training.Kind, training.CertificateThresholdPercent));
        Assert.Contains(await app.WithDbAsync(db => db.RegistrationCategories.Where(c => c.EditionId == training.Id).Select(c => c.Name).ToListAsync()), n => n == "Trainee");
        var course = await app.Get<AgendaService>().PublicAgendaAsync(training.Slug);
        Assert.Equal(4, course!.Sessions.Count(s => s.Kind == SessionKind.Workshop));
        var partners = await app.Get<EventPartnerService>().ListAsync(editions["demo-6th-serbian-cluster-day"].Id);
        Assert.Contains(partners, p => p.Name.StartsWith("Embassy", StringComparison.Ordinal) && p.Role == PartnerRole.Partner);
    }
}
