using System.Net;
using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Features.Agenda;
using DaysOfClusters.Web.Features.Editions;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.IntegrationTests.Agenda;

/// <summary>
/// The personal agenda is a static page: bookmarks and seats are plain form posts with antiforgery, answered with the
/// updated page. Posts that name a session outside the person's published agenda, use a bogus manage link or carry no
/// antiforgery token change nothing.
/// </summary>
public sealed class ManageAgendaFormPostTests(AgendaAppFactory app) : IClassFixture<AgendaAppFactory>
{
    private sealed record Setup(Edition Edition, Session Panel, Session Table, (int Id, string Token) Person);

    private async Task<Setup> PublishedAgendaAsync(int seats = 2)
    {
        var edition = await app.CreateEditionAsync();
        var panel = await app.AddSessionAsync(edition.Id, "Financing cluster growth", null, AgendaAppFactory.Local(22, 10), 60);
        var table = await app.AddSessionAsync(edition.Id, "Round table of clusters", null, AgendaAppFactory.Local(23, 14), 60, SessionKind.RoundTable, seats: seats);
        Assert.True((await app.Get<AgendaService>().PublishAsync(edition.Id, "tester")).Succeeded);
        var person = (await app.CreateRegistrationsAsync(edition.Id, 1))[0];
        return new Setup(edition, panel, table, person);
    }

    /// <summary>GETs the page (which sets the antiforgery cookie on the client) and posts the pressed button with the page's token.</summary>
    private static async Task<HttpResponseMessage> PressAsync(HttpClient client, string token, string action, bool withAntiforgery = true, string? postTo = null)
    {
        var page = await client.GetAsync($"/manage/{token}/agenda");
        var fields = new Dictionary<string, string> { ["_handler"] = "agenda-actions", ["intent"] = action };
        if (withAntiforgery) fields["__RequestVerificationToken"] = AppFactory.AntiforgeryToken(await page.Content.ReadAsStringAsync());
        using var form = new FormUrlEncodedContent(fields);
        return await client.PostAsync($"/manage/{postTo ?? token}/agenda", form);
    }

    private async Task<List<int>> BookmarksOfAsync(int registrationId)
    {
        await using var db = await app.DbAsync();
        return await db.Bookmarks.Where(b => b.RegistrationId == registrationId).Select(b => b.SessionId).ToListAsync();
    }

    private async Task<List<(int RegistrationId, SeatBookingStatus Status)>> SeatsAtAsync(int sessionId)
    {
        await using var db = await app.DbAsync();
        return (await db.SeatBookings.Where(b => b.SessionId == sessionId).Select(b => new { b.RegistrationId, b.Status }).ToListAsync())
            .Select(b => (b.RegistrationId, b.Status)).ToList();
    }

    [Fact]
    public async Task BookmarkPost_WhenAntiforgeryTokenValid_StoresBookmarkAndAnswersWithRemoveButton()
    {
        var s = await PublishedAgendaAsync();
        using var client = app.CreateClient();

        var response = await PressAsync(client, s.Person.Token, $"bookmark:{s.Panel.Id}");
        var html = await response.Content.ReadAsStringAsync();

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        // A control named "action" would hide the form's action from Blazor's enhanced post (it went to "/[object HTMLButtonElement]").
        Assert.DoesNotContain("name=\"action\"", html);
        Assert.Equal([s.Panel.Id], await BookmarksOfAsync(s.Person.Id));
        Assert.Contains("aria-label=\"Remove bookmark\"", html);
        Assert.Contains("Bookmarked: Financing cluster growth", html);

        // Sent twice (a double tap, the browser resending the post): still one bookmark, not toggled off.
        await PressAsync(client, s.Person.Token, $"bookmark:{s.Panel.Id}");
        Assert.Equal([s.Panel.Id], await BookmarksOfAsync(s.Person.Id));

        await PressAsync(client, s.Person.Token, $"unbookmark:{s.Panel.Id}");
        Assert.Empty(await BookmarksOfAsync(s.Person.Id));
    }

    [Fact]
    public async Task SeatPost_WhenAntiforgeryTokenValid_BooksAndReleasesTheSeat()
    {
        var s = await PublishedAgendaAsync();
        using var client = app.CreateClient();

        var booked = await (await PressAsync(client, s.Person.Token, $"book:{s.Table.Id}")).Content.ReadAsStringAsync();

        Assert.Equal([(s.Person.Id, SeatBookingStatus.Booked)], await SeatsAtAsync(s.Table.Id));
        Assert.Contains("1 of 2 seats left", booked);
        Assert.Contains("Give up the seat", booked);

        var released = await (await PressAsync(client, s.Person.Token, $"release:{s.Table.Id}")).Content.ReadAsStringAsync();

        Assert.Empty(await SeatsAtAsync(s.Table.Id));
        Assert.Contains("2 of 2 seats left", released);
        Assert.Contains("Book a seat", released);
    }

    [Fact]
    public async Task SeatPost_WhenTableFull_PutsThePersonOnTheWaitingList()
    {
        var s = await PublishedAgendaAsync(seats: 1);
        var other = (await app.CreateRegistrationsAsync(s.Edition.Id, 1))[0];
        await app.Get<RoundTableService>().BookAsync(other.Id, s.Table.Id);
        using var client = app.CreateClient();

        var html = await (await PressAsync(client, s.Person.Token, $"book:{s.Table.Id}")).Content.ReadAsStringAsync();

        Assert.Contains((s.Person.Id, SeatBookingStatus.Waitlisted), await SeatsAtAsync(s.Table.Id));
        Assert.Contains("Leave the waiting list", html);
    }

    [Fact]
    public async Task HostilePost_WhenSessionOfAnotherEditionOrNotOnTheAgenda_IsRefusedAndChangesNothing()
    {
        var s = await PublishedAgendaAsync();
        var elsewhere = await PublishedAgendaAsync();
        var unpublished = await app.AddSessionAsync(s.Edition.Id, "Draft session", null, AgendaAppFactory.Local(22, 16), 30, SessionKind.RoundTable, seats: 5);
        using var client = app.CreateClient();

        foreach (var action in new[] { $"bookmark:{elsewhere.Panel.Id}", $"book:{elsewhere.Table.Id}", $"book:{unpublished.Id}", $"bookmark:{unpublished.Id}",
                     "bookmark:abc", "book:-1", "erase:1", "bookmark:99999999999" })
        {
            var response = await PressAsync(client, s.Person.Token, action);
            Assert.Equal(HttpStatusCode.OK, response.StatusCode);
            Assert.Contains("That session is not on this agenda. Nothing was changed.", await response.Content.ReadAsStringAsync());
        }

        Assert.Empty(await BookmarksOfAsync(s.Person.Id));
        Assert.Empty(await SeatsAtAsync(elsewhere.Table.Id));
        Assert.Empty(await SeatsAtAsync(unpublished.Id));
    }

    [Fact]
    public async Task ReleasePost_WhenSomeoneElseHoldsTheSeat_LeavesTheirSeat()
    {
        var s = await PublishedAgendaAsync();
        var holder = (await app.CreateRegistrationsAsync(s.Edition.Id, 1))[0];
        await app.Get<RoundTableService>().BookAsync(holder.Id, s.Table.Id);
        using var client = app.CreateClient();

        await PressAsync(client, s.Person.Token, $"release:{s.Table.Id}");

        Assert.Equal([(holder.Id, SeatBookingStatus.Booked)], await SeatsAtAsync(s.Table.Id));
    }

    [Fact]
    public async Task Post_WhenManageTokenBogus_ChangesNothing()
    {
        var s = await PublishedAgendaAsync();
        using var client = app.CreateClient();

        var response = await PressAsync(client, s.Person.Token, $"book:{s.Table.Id}", postTo: "not-a-real-token");

        Assert.NotEqual(HttpStatusCode.OK, response.StatusCode);
        Assert.Empty(await SeatsAtAsync(s.Table.Id));
        Assert.Empty(await BookmarksOfAsync(s.Person.Id));
    }

    [Fact]
    public async Task Post_WhenAntiforgeryTokenMissing_IsRefusedAndChangesNothing()
    {
        var s = await PublishedAgendaAsync();
        using var client = app.CreateClient();

        var bookmark = await PressAsync(client, s.Person.Token, $"bookmark:{s.Panel.Id}", withAntiforgery: false);
        var seat = await PressAsync(client, s.Person.Token, $"book:{s.Table.Id}", withAntiforgery: false);

        Assert.Equal(HttpStatusCode.BadRequest, bookmark.StatusCode);
        Assert.Equal(HttpStatusCode.BadRequest, seat.StatusCode);
        Assert.Empty(await BookmarksOfAsync(s.Person.Id));
        Assert.Empty(await SeatsAtAsync(s.Table.Id));
    }
}
