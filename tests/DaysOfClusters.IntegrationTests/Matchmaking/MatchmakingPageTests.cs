using System.Net;
using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Features.Accounts;
using DaysOfClusters.Web.Features.Matchmaking;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.IntegrationTests.Matchmaking;

public sealed class MatchmakingPageTests(MatchmakingFixture fx) : IClassFixture<MatchmakingFixture>
{
    [Fact]
    public async Task AttendeePage_WhenPublished_ShowsTheMeetingWithTableAndPartner()
    {
        var edition = await fx.NewEditionAsync();
        await fx.Setup.AddBlockAsync(edition, MatchmakingFixture.BlockStart, MatchmakingFixture.BlockStart.AddMinutes(30), 30);
        await fx.Setup.AddTablesAsync(edition, 1);
        var slot = (await fx.Setup.SlotsAsync(edition)).Single().Start;
        var a = await fx.ParticipantAsync(edition, "alice");
        var b = await fx.ParticipantAsync(edition, "bob");
        await fx.Setup.SetAvailabilityAsync(a, [slot]);
        await fx.Setup.SetAvailabilityAsync(b, [slot]);
        await fx.AcceptedMeetingAsync(a, b);
        Assert.Equal(1, (await fx.Schedule.ScheduleAllAsync(edition, 1)).Scheduled);
        await fx.Schedule.PublishAsync(edition);
        const string token = "alice-manage-token-for-matchmaking";
        await fx.App.WithDbAsync(db => db.Registrations.Where(r => r.Id == a)
            .ExecuteUpdateAsync(s => s.SetProperty(r => r.ManageTokenHash, RegistrationRules.Sha256Hex(token))));

        using var client = fx.App.CreateBrowserlikeClient();
        var response = await client.GetAsync(new Uri($"/manage/{token}/matchmaking", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"mm-schedule\"", html, StringComparison.Ordinal);
        Assert.Contains("bob Test", html, StringComparison.Ordinal);
        Assert.Contains("bob Ltd", html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task OrganiserPage_WhenAnonymous_RedirectsToLogin()
    {
        var edition = await fx.NewEditionAsync();
        using var client = fx.App.CreateBrowserlikeClient();
        var response = await client.GetAsync(new Uri($"/organiser/editions/{edition}/matchmaking", UriKind.Relative));
        Assert.Equal("/account/login", AppFactory.PathOf(response));
        var api = await client.GetAsync(new Uri($"/api/organiser/matchmaking/{edition}/grid", UriKind.Relative));
        Assert.NotEqual(HttpStatusCode.OK, api.StatusCode);
    }

    [Fact]
    public async Task OrganiserPage_WhenOrganiser_RendersTheEditor()
    {
        var edition = await fx.NewEditionAsync();
        using var client = await fx.App.CreateLoggedInClientAsync(Roles.Organiser);
        var response = await client.GetAsync(new Uri($"/organiser/editions/{edition}/matchmaking", UriKind.Relative));
        var html = await response.Content.ReadAsStringAsync();
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Contains("data-testid=\"mm-schedule-all\"", html, StringComparison.Ordinal);
    }
}
