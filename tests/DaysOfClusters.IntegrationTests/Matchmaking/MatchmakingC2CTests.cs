using System.Net;
using DaysOfClusters.Web.Features.Matchmaking;
using DaysOfClusters.Web.Features.Network;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using UglyToad.PdfPig;

namespace DaysOfClusters.IntegrationTests.Matchmaking;

/// <summary>
/// Each side of a meeting shows its organisation from the directory (the registration's link), and meetings where both
/// sides are cluster organisations are labelled C2C: marketplace, requests, grid, unscheduled list, personal schedule (web and PDF).
/// </summary>
public sealed class MatchmakingC2CTests(MatchmakingFixture fx) : IClassFixture<MatchmakingFixture>
{
    private MatchmakingProfiles Profiles => fx.Profiles;
    private MeetingRequests Requests => fx.Requests;
    private MatchmakingSetup Setup => fx.Setup;
    private MeetingSchedule Schedule => fx.Schedule;

    private sealed record Scenario(int Edition, (int Id, string Token, string Email) Ana, (int Id, string Token, string Email) Marko, int Sme,
        int ClusterMeeting, int SmeMeeting, string AnaDirectoryName, string MarkoDirectoryName);

    /// <summary>Ana and Marko register through the form as cluster organisations (linked to the directory); the SME is not linked.</summary>
    private async Task<Scenario> SeedAsync()
    {
        var edition = await fx.NewEditionAsync();
        await Setup.AddBlockAsync(edition, MatchmakingFixture.BlockStart, MatchmakingFixture.BlockStart.AddMinutes(40), 20);
        await Setup.AddTablesAsync(edition, 2);
        var slots = (await Setup.SlotsAsync(edition)).Select(s => s.Start).ToList();
        var ana = await fx.RegisteredParticipantAsync(edition, "Ana");
        var marko = await fx.RegisteredParticipantAsync(edition, "Marko", country: "MK");
        var sme = await fx.ParticipantAsync(edition, "smeowner");
        foreach (var id in new[] { ana.Id, marko.Id, sme }) await Setup.SetAvailabilityAsync(id, slots);

        // The directory's names differ from what was typed, so the test sees where the name comes from.
        var organisations = fx.App.Services.GetRequiredService<OrganisationService>();
        var anaName = $"Klaster Ana Niš {Guid.NewGuid():N}"[..24];
        var markoName = $"Macedonian Cluster {Guid.NewGuid():N}"[..28];
        foreach (var (registration, name, country) in new[] { (ana.Id, anaName, "RS"), (marko.Id, markoName, "MK") })
        {
            var organisationId = await fx.WithDbAsync(db => db.RegistrationOrganisations.Where(l => l.RegistrationId == registration).Select(l => l.OrganisationId).SingleAsync());
            var (saved, errors) = await organisations.SaveAsync(organisationId, new OrganisationInput { Name = name, Kind = OrganisationType.ClusterOrganisation, CountryCode = country });
            Assert.True(saved is not null, string.Join("; ", errors.SelectMany(e => e.Value)));
        }
        var clusterMeeting = await fx.AcceptedMeetingAsync(ana.Id, marko.Id);
        var smeMeeting = await fx.AcceptedMeetingAsync(ana.Id, sme);
        return new Scenario(edition, ana, marko, sme, clusterMeeting, smeMeeting, anaName, markoName);
    }

    [Fact]
    public async Task Lists_WhenBothSidesAreClusters_ShowDirectoryOrganisationsAndC2C()
    {
        var s = await SeedAsync();

        var cards = await Profiles.SearchAsync(s.Edition, new MarketplaceFilter(), s.Ana.Id);
        var marko = cards.Single(c => c.RegistrationId == s.Marko.Id);
        Assert.Equal(s.MarkoDirectoryName, marko.Organisation);
        Assert.Equal(OrganisationType.ClusterOrganisation, marko.OrganisationKind);
        var sme = cards.Single(c => c.RegistrationId == s.Sme);
        Assert.Equal("smeowner Ltd", sme.Organisation);
        Assert.Equal(OrganisationType.CompanySme, sme.OrganisationKind);
        // The directory name is searchable too.
        Assert.Equal([s.Marko.Id], (await Profiles.SearchAsync(s.Edition, new MarketplaceFilter(Text: s.MarkoDirectoryName[..22]), s.Ana.Id)).Select(c => c.RegistrationId));

        var requests = await Requests.RequestsOfAsync(s.Ana.Id);
        var c2c = requests.Single(r => r.Id == s.ClusterMeeting);
        Assert.Equal((s.AnaDirectoryName, s.MarkoDirectoryName), (c2c.FromOrganisation, c2c.ToOrganisation));
        Assert.True(c2c.IsC2C);
        Assert.False(requests.Single(r => r.Id == s.SmeMeeting).IsC2C);

        var unscheduled = await Schedule.UnscheduledAsync(s.Edition);
        Assert.True(unscheduled.Single(u => u.RequestId == s.ClusterMeeting).IsC2C);
        Assert.False(unscheduled.Single(u => u.RequestId == s.SmeMeeting).IsC2C);

        Assert.Equal(2, (await Schedule.ScheduleAllAsync(s.Edition, 0.5)).Scheduled);
        var grid = await Schedule.GridAsync(s.Edition);
        var cell = grid.Single(g => g.RequestId == s.ClusterMeeting);
        Assert.Equal((s.AnaDirectoryName, s.MarkoDirectoryName), (cell.AOrganisation, cell.BOrganisation));
        Assert.True(cell.IsC2C);
        Assert.False(grid.Single(g => g.RequestId == s.SmeMeeting).IsC2C);

        await Schedule.PublishAsync(s.Edition);
        var markoSchedule = Assert.Single(await Schedule.MyScheduleAsync(s.Marko.Id));
        Assert.Equal(s.AnaDirectoryName, markoSchedule.OtherOrganisation);
        Assert.True(markoSchedule.IsC2C);
        var anaSchedule = await Schedule.MyScheduleAsync(s.Ana.Id);
        Assert.False(anaSchedule.Single(m => m.RequestId == s.SmeMeeting).IsC2C);
    }

    [Fact]
    public async Task PersonalSchedule_WhenPublished_WebAndPdfShowDirectoryOrganisationAndC2C()
    {
        var s = await SeedAsync();
        await Schedule.ScheduleAllAsync(s.Edition, 0.5);
        await Schedule.PublishAsync(s.Edition);
        using var client = fx.App.CreateBrowserlikeClient();

        var html = WebUtility.HtmlDecode(await (await client.GetAsync(new Uri($"/manage/{s.Marko.Token}/matchmaking", UriKind.Relative))).Content.ReadAsStringAsync());
        Assert.Contains(s.AnaDirectoryName, html, StringComparison.Ordinal);
        Assert.Contains(s.MarkoDirectoryName, html, StringComparison.Ordinal); // the heading: my own organisation
        Assert.Contains("data-testid=\"mm-c2c\"", html, StringComparison.Ordinal);

        var pdf = await client.GetAsync(new Uri($"/manage/{s.Marko.Token}/matchmaking.pdf", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, pdf.StatusCode);
        using var document = PdfDocument.Open(await pdf.Content.ReadAsByteArrayAsync());
        var text = string.Join("\n", document.GetPages().Select(p => string.Join(" ", p.GetWords().Select(w => w.Text))));
        Assert.Contains("C2C", text, StringComparison.Ordinal);
        Assert.Contains(s.AnaDirectoryName.Split(' ')[0], text, StringComparison.Ordinal);
        Assert.Contains(s.MarkoDirectoryName.Split(' ')[^1], text, StringComparison.Ordinal);

        // Ana's SME meeting is not C2C: exactly one of her two rows carries the label.
        var anaPdf = await client.GetAsync(new Uri($"/manage/{s.Ana.Token}/matchmaking.pdf", UriKind.Relative));
        using var anaDocument = PdfDocument.Open(await anaPdf.Content.ReadAsByteArrayAsync());
        var anaWords = anaDocument.GetPages().SelectMany(p => p.GetWords()).Select(w => w.Text).ToList();
        Assert.Single(anaWords, w => w == "C2C");
        Assert.Contains("smeowner", anaWords);
    }
}
