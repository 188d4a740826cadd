using DaysOfClusters.EndToEndTests.Infrastructure;
using DaysOfClusters.Web.Features.Agenda;
using DaysOfClusters.Web.Features.Matchmaking;
using Deque.AxeCore.Playwright;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace DaysOfClusters.EndToEndTests.Agenda;

/// <summary>
/// The attendee pages (public agenda, session, personal agenda, matchmaking) are static pages with plain form posts: a
/// person on a phone with JavaScript switched off bookmarks, books a seat, saves a matchmaking profile and asks for a
/// meeting; with JavaScript on, axe finds nothing serious on them, light or dark.
/// </summary>
public sealed class AttendeePagesWithoutJavaScriptEndToEndTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private async Task<IPage> PageAsync(int width, int height, bool javaScript, bool dark = false, string? culture = null)
    {
        var context = await fixture.Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = fixture.App.BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
            JavaScriptEnabled = javaScript,
        });
        var cookies = new List<Cookie>();
        if (dark) cookies.Add(new Cookie { Name = "doc-theme", Value = "dark", Url = fixture.App.BaseAddress.ToString() });
        if (culture is not null) cookies.Add(new Cookie { Name = ".AspNetCore.Culture", Value = $"c={culture}|uic={culture}", Url = fixture.App.BaseAddress.ToString() });
        if (cookies.Count > 0) await context.AddCookiesAsync(cookies);
        context.SetDefaultTimeout(30_000);
        return await context.NewPageAsync();
    }

    private sealed record Attendees(AgendaE2EEdition Edition, int JelenaId, string JelenaToken, int IvanId, string IvanToken);

    private async Task<Attendees> SeedAsync()
    {
        var app = fixture.App;
        var edition = await AgendaE2ESeed.EditionWithTwoSessionsAsync(app.DataFolder);
        await AgendaE2ESeed.PublishAsync(app.DataFolder, edition.EditionId);
        var jelena = await AgendaE2ESeed.RegisterAttendeeAsync(app.DataFolder, app.BaseAddress, edition.EditionId, edition.Day,
            $"jelena.{Guid.NewGuid():N}@nis-ict.example", networking: true);
        var ivan = await AgendaE2ESeed.RegisterAttendeeAsync(app.DataFolder, app.BaseAddress, edition.EditionId, edition.Day,
            $"ivan.{Guid.NewGuid():N}@agro.example", "Ivan", "Dimitrov", "Sofia Agro-Food Cluster", networking: true);
        return new Attendees(edition, jelena, await AgendaE2ESeed.NewManageTokenAsync(app.DataFolder, jelena),
            ivan, await AgendaE2ESeed.NewManageTokenAsync(app.DataFolder, ivan));
    }

    [Fact]
    public async Task AttendeeOnPhone_WhenJavaScriptOff_BookmarksTakesSeatSavesProfileAndRequestsMeeting()
    {
        var seeded = await SeedAsync();
        var db = AgendaE2ESeed.Db(fixture.App.DataFolder);
        var phone = await PageAsync(390, 844, javaScript: false);

        // The public agenda's filters are a GET form: Room B shows only the workshop; a search word only the round table.
        await phone.GotoAsync($"/e/{seeded.Edition.Slug}/agenda");
        await Assertions.Expect(phone.Locator(".agenda-card")).ToHaveCountAsync(3);
        await phone.GetByLabel("Room", new PageGetByLabelOptions { Exact = true }).SelectOptionAsync(new SelectOptionValue { Label = "Room B" });
        await phone.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Show", Exact = true }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Clear filters" })).ToBeVisibleAsync();
        await Assertions.Expect(phone.Locator(".agenda-card")).ToHaveCountAsync(1);
        await Assertions.Expect(phone.Locator(".agenda-card")).ToContainTextAsync("Digital tools workshop");
        await Assertions.Expect(phone.GetByLabel("Room", new PageGetByLabelOptions { Exact = true })).ToHaveValueAsync(seeded.Edition.RoomBId.ToString(System.Globalization.CultureInfo.InvariantCulture));
        await phone.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Clear filters" }).ClickAsync();
        await phone.GetByLabel("Search sessions, speakers, organisations").FillAsync("EC officers");
        await phone.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Show", Exact = true }).ClickAsync();
        await Assertions.Expect(phone.Locator(".agenda-card")).ToHaveCountAsync(1);
        await Assertions.Expect(phone.Locator(".agenda-card")).ToContainTextAsync("Round table: clusters and EC officers");
        await Assertions.Expect(phone.GetByLabel("Search sessions, speakers, organisations")).ToHaveValueAsync("EC officers");

        // Personal agenda: bookmark the panel.
        await phone.GotoAsync($"/manage/{seeded.JelenaToken}/agenda");
        var panelCard = phone.Locator(".agenda-card", new PageLocatorOptions { HasText = "Financing cluster growth" });
        await panelCard.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Bookmark", Exact = true }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Status)).ToContainTextAsync("Bookmarked: Financing cluster growth");
        await Assertions.Expect(panelCard.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Remove bookmark", Exact = true })).ToBeVisibleAsync();
        await using (var ctx = await db.CreateDbContextAsync())
            Assert.Equal([seeded.Edition.PanelId], await ctx.Bookmarks.Where(b => b.RegistrationId == seeded.JelenaId).Select(b => b.SessionId).ToListAsync());

        // ... and takes a seat at the round table.
        var tableCard = phone.Locator(".agenda-card", new PageLocatorOptions { HasText = "Round table: clusters and EC officers" });
        await tableCard.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Book a seat" }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Status)).ToContainTextAsync("Seat booked");
        await Assertions.Expect(tableCard).ToContainTextAsync("1 of 2 seats left");
        await Assertions.Expect(tableCard.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Give up the seat" })).ToBeVisibleAsync();
        await using (var ctx = await db.CreateDbContextAsync())
            Assert.Equal(SeatBookingStatus.Booked, (await ctx.SeatBookings.SingleAsync(b => b.RegistrationId == seeded.JelenaId && b.SessionId == seeded.Edition.RoundTableId)).Status);
        await BrowserFixture.ScreenshotAsync(phone, "attendee-nojs-agenda-phone");
        var width = await phone.Locator("body").EvaluateAsync<int>("b => b.scrollWidth");
        Assert.True(width <= 390, $"The personal agenda is {width}px wide on a 390px screen.");

        // "Only my bookmarks" is a GET form: the bookmarked panel and the booked table stay, the workshop goes.
        await phone.GetByLabel("Only my bookmarks").CheckAsync();
        await phone.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Show", Exact = true }).ClickAsync();
        await phone.WaitForURLAsync("**/agenda?mine=true");
        await Assertions.Expect(phone.Locator(".agenda-card")).ToHaveCountAsync(2);
        await Assertions.Expect(phone.GetByText("Digital tools workshop")).ToHaveCountAsync(0);

        // Ivan opts in for matchmaking (also without JavaScript), so he is in Jelena's marketplace.
        var ivan = await PageAsync(390, 844, javaScript: false);
        await ivan.GotoAsync($"/manage/{seeded.IvanToken}/matchmaking");
        await ivan.Locator("[data-testid=sector-picker]").GetByRole(AriaRole.Checkbox, new LocatorGetByRoleOptions { Name = "Agri-food", Exact = true }).CheckAsync();
        await ivan.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Opt in" }).ClickAsync();
        await Assertions.Expect(ivan.GetByRole(AriaRole.Status)).ToContainTextAsync("Profile saved.");

        // Jelena saves her profile, with what she typed kept on the page after the post.
        await phone.GotoAsync($"/manage/{seeded.JelenaToken}/matchmaking");
        await phone.Locator("[data-testid=sector-picker]").GetByRole(AriaRole.Checkbox, new LocatorGetByRoleOptions { Name = "ICT", Exact = true }).CheckAsync();
        await phone.GetByLabel("What we offer").FillAsync("Testing labs for IoT devices");
        await phone.GetByRole(AriaRole.Checkbox, new PageGetByRoleOptions { Name = "Joint project" }).CheckAsync();
        await phone.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Opt in" }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Status)).ToContainTextAsync("Profile saved.");
        await Assertions.Expect(phone.GetByLabel("What we offer")).ToHaveValueAsync("Testing labs for IoT devices");
        await Assertions.Expect(phone.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Save profile" })).ToBeVisibleAsync();

        // ... and asks Ivan for a meeting from the marketplace.
        var ivanCard = phone.Locator("[data-testid=mm-profile]", new PageLocatorOptions { HasText = "Ivan Dimitrov" });
        await Assertions.Expect(ivanCard).ToContainTextAsync("Agri-food");
        await phone.GetByLabel("Message with my requests").FillAsync("Food traceability with IoT?");
        await ivanCard.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Request a meeting: Ivan Dimitrov" }).ClickAsync();
        await Assertions.Expect(phone.GetByRole(AriaRole.Status)).ToContainTextAsync("Request sent.");
        await Assertions.Expect(phone.Locator("[data-testid=mm-request]", new PageLocatorOptions { HasText = "To Ivan Dimitrov" })).ToContainTextAsync("Pending");
        await BrowserFixture.ScreenshotAsync(phone, "attendee-nojs-matchmaking-phone");
        await using (var ctx = await db.CreateDbContextAsync())
        {
            var request = await ctx.MeetingRequests.SingleAsync(r => r.FromRegistrationId == seeded.JelenaId);
            Assert.Equal(seeded.IvanId, request.ToRegistrationId);
            Assert.Equal(MeetingRequestStatus.Pending, request.Status);
            Assert.Equal("Food traceability with IoT?", request.Message);
        }

        // Ivan declines it, still without JavaScript.
        await ivan.ReloadAsync();
        var incoming = ivan.Locator("[data-testid=mm-request]", new PageLocatorOptions { HasText = "From Jelena Marković" });
        await incoming.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Decline", Exact = true }).ClickAsync();
        await Assertions.Expect(ivan.GetByRole(AriaRole.Status)).ToContainTextAsync("Declined.");
        await Assertions.Expect(incoming).ToContainTextAsync("Declined");
    }

    [Fact]
    public async Task AttendeePages_WhenScannedWithAxe_HaveNoSeriousOrCriticalViolations()
    {
        var seeded = await SeedAsync();
        var probe = await PageAsync(1366, 900, javaScript: false);
        await probe.GotoAsync($"/manage/{seeded.IvanToken}/matchmaking");
        await probe.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Opt in" }).ClickAsync();
        await Assertions.Expect(probe.GetByRole(AriaRole.Status)).ToContainTextAsync("Profile saved.");
        var slug = seeded.Edition.Slug;
        var pages = new[]
        {
            ("agenda", $"/e/{slug}/agenda"),
            ("session", $"/e/{slug}/sessions/{seeded.Edition.RoundTableId}"),
            ("my-agenda", $"/manage/{seeded.JelenaToken}/agenda"),
            ("matchmaking", $"/manage/{seeded.JelenaToken}/matchmaking"),
        };
        var problems = new List<string>();
        foreach (var (width, height, size) in new[] { (390, 844, "phone"), (1366, 900, "desktop") })
        foreach (var dark in new[] { false, true })
        {
            var page = await PageAsync(width, height, javaScript: true, dark);
            foreach (var (name, url) in pages)
            {
                await page.GotoAsync(url);
                await Assertions.Expect(page.Locator("h1")).ToBeVisibleAsync();
                await page.WaitForLoadStateAsync(LoadState.NetworkIdle);
                var shot = $"attendee-{name}-{size}-{(dark ? "dark" : "light")}";
                await BrowserFixture.ScreenshotAsync(page, shot);
                var result = await page.RunAxe();
                problems.AddRange(result.Violations.Where(v => v.Impact is "serious" or "critical").Select(v =>
                    $"{shot}: {v.Impact} {v.Id}: {v.Help} — {string.Join(" | ", v.Nodes.Select(n => string.Join(",", n.Target)))}"));
            }
        }

        // The same pages read in Serbian (one look each, on a phone).
        var serbian = await PageAsync(390, 844, javaScript: false, culture: "sr-Latn");
        foreach (var (name, url) in pages)
        {
            await serbian.GotoAsync(url);
            await Assertions.Expect(serbian.Locator("html")).ToHaveAttributeAsync("lang", "sr-Latn");
            await BrowserFixture.ScreenshotAsync(serbian, $"attendee-{name}-phone-sr");
        }
        Assert.True(problems.Count == 0, string.Join(Environment.NewLine, problems));
    }
}
