using System.Net;
using System.Text.RegularExpressions;
using DaysOfClusters.IntegrationTests.Agenda;
using DaysOfClusters.Web.Features.Agenda;

namespace DaysOfClusters.IntegrationTests.Hardening;

/// <summary>
/// A calendar feed URL gets copied into calendar apps, shared calendars and sync services. It used to be the manage token
/// itself, so whoever saw the feed URL could edit, cancel, export or erase the registration. The feed has its own
/// read-only token now: the feed refuses the manage token, and the feed token opens no manage page.
/// </summary>
public sealed class CalendarFeedTokenTests(AgendaAppFactory app) : IClassFixture<AgendaAppFactory>
{
    [Fact]
    public async Task PersonalIcs_WhenTheFeedUrlLeaks_ItIsNotTheManageTokenAndTheManageTokenIsRefused()
    {
        var edition = await app.CreateEditionAsync();
        var panel = await app.AddSessionAsync(edition.Id, "Feed panel", null, AgendaAppFactory.Local(22, 10), 60);
        Assert.True((await app.Get<AgendaService>().PublishAsync(edition.Id, "tester")).Succeeded);
        var person = (await app.CreateRegistrationsAsync(edition.Id, 1))[0];
        await app.Get<BookmarkService>().ToggleAsync(person.Id, panel.Id);
        using var client = app.CreateClient();

        var page = await client.GetStringAsync($"/manage/{person.Token}/agenda");
        var feedPath = Regex.Match(page, @"/api/agenda/([A-Za-z0-9_\-]+)\.ics").Value;
        var feedToken = Regex.Match(feedPath, @"/api/agenda/([A-Za-z0-9_\-]+)\.ics").Groups[1].Value;

        Assert.NotEqual("", feedToken);
        Assert.NotEqual(person.Token, feedToken);
        Assert.DoesNotContain(person.Token, feedToken, StringComparison.Ordinal);
        Assert.Contains("Feed panel", await client.GetStringAsync(feedPath));
        Assert.Equal(HttpStatusCode.NotFound, (await client.GetAsync($"/api/agenda/{person.Token}.ics")).StatusCode);
        var manageWithFeedToken = await client.GetAsync($"/manage/{feedToken}/agenda");
        Assert.Equal(HttpStatusCode.NotFound, manageWithFeedToken.StatusCode);
        Assert.DoesNotContain("Feed panel", await manageWithFeedToken.Content.ReadAsStringAsync());
    }
}
