using System.Text.RegularExpressions;
using DaysOfClusters.EndToEndTests.Infrastructure;
using DaysOfClusters.Web.Features.Agenda;
using DaysOfClusters.Web.Features.Editions;
using Ical.Net;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using MimeKit;

namespace DaysOfClusters.EndToEndTests.Agenda;

/// <summary>
/// The agenda acceptance scenario in Chromium: an attendee bookmarks a session; the organiser drags it with the mouse into
/// another room and time where it clashes, sees the clash in the live conflicts list, shortens it by dragging its bottom
/// edge until the clash clears, and publishes. The public agenda, the .ics feed and the attendee's mailbox show the change.
/// </summary>
public sealed partial class TimetableDragEndToEndTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const int SlotPx = 18; // one 15-minute row of the editor grid
    private const float Slow = 20_000; // server round trips on a machine shared with other builds

    /// <summary>A page whose actions and navigations may wait longer than the fixture's default, for the same reason.</summary>
    private async Task<IPage> PageAsync(int width, int height)
    {
        var page = await fixture.NewPageAsync(width, height);
        page.SetDefaultTimeout(45_000);
        page.SetDefaultNavigationTimeout(45_000);
        return page;
    }

    [Fact]
    public async Task DraggedSession_WhenClashClearedAndPublished_ShowsNewTimeInAgendaAndFeedAndMailsBookmarker()
    {
        var app = fixture.App;
        var edition = await AgendaE2ESeed.EditionWithTwoSessionsAsync(app.DataFolder);
        const string attendeeEmail = "jelena.markovic@nis-ict.example";
        var registrationId = await AgendaE2ESeed.RegisterAttendeeAsync(app.DataFolder, app.BaseAddress, edition.EditionId, edition.Day, attendeeEmail);
        var db = AgendaE2ESeed.Db(app.DataFolder);

        // 1. The organiser logs in (first run: the one-time password must be changed) and publishes version 1.
        var editor = await PageAsync(1366, 1000);
        await LogInFirstOrganiserAsync(editor);
        await editor.GotoAsync($"/organiser/editions/{edition.EditionId}/agenda");
        var publish = editor.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Publish", Exact = true });
        await Interactive.UntilAsync(() => publish.ClickAsync(), async () => await editor.GetByText("Published version 1 on").CountAsync() > 0,
            "publishing version 1 once the editor is interactive");

        // 2. The attendee opens the manage link from the confirmation e-mail and bookmarks the panel.
        var manageLink = await ManageLinkFromMailAsync(attendeeEmail);
        var attendee = await PageAsync(390, 844);
        await attendee.GotoAsync(manageLink);
        await attendee.ClickAsync("[data-testid=personal-agenda]");
        await attendee.WaitForURLAsync("**/agenda");
        var panelCard = attendee.Locator(".agenda-card", new PageLocatorOptions { HasText = "Financing cluster growth" });
        var bookmark = panelCard.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Bookmark", Exact = true });
        var bookmarked = panelCard.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Remove bookmark", Exact = true });
        // The personal agenda is a static page: the button is a plain form post, answered with the updated page.
        await bookmark.ClickAsync();
        await Assertions.Expect(attendee.GetByRole(AriaRole.Status)).ToContainTextAsync("Bookmarked: Financing cluster growth", new() { Timeout = Slow });
        await Assertions.Expect(bookmarked).ToBeVisibleAsync();
        await using (var ctx = await db.CreateDbContextAsync())
            Assert.Equal([edition.PanelId], await ctx.Bookmarks.Where(b => b.RegistrationId == registrationId).Select(b => b.SessionId).ToListAsync());

        // ... and books a seat at the round table; two more people book after her: the second of them waits.
        var tableCard = attendee.Locator(".agenda-card", new PageLocatorOptions { HasText = "Round table: clusters and EC officers" });
        await tableCard.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Book a seat" }).ClickAsync();
        await Assertions.Expect(tableCard).ToContainTextAsync("Seat booked", new() { Timeout = Slow });
        await Assertions.Expect(tableCard).ToContainTextAsync("1 of 2 seats left");
        var others = new List<int>();
        foreach (var (first, last, org) in new[] { ("Ivan", "Dimitrov", "Sofia Agro-Food Cluster"), ("Elena", "Popescu", "Black Sea Energy Cluster") })
            others.Add(await AgendaE2ESeed.RegisterAttendeeAsync(app.DataFolder, app.BaseAddress, edition.EditionId, edition.Day, $"{first.ToLowerInvariant()}@e2e.example", first, last, org));
        Assert.Equal([SeatBookingOutcome.Booked, SeatBookingOutcome.Waitlisted], await AgendaE2ESeed.BookSeatsAsync(app.DataFolder, edition.RoundTableId, others));

        // 3. Drag the panel (Hall A 10:00–11:00), grabbed in the middle of its second row, to Room B so that its top lands at 10:30:
        //    it now overlaps the workshop (Room B 11:00–12:00).
        var panel = editor.Locator($".tt-session[data-session-id='{edition.PanelId}']");
        var target = editor.Locator(".tt-slot[title='10:30 · Room B (40)']");
        var from = await BoxAsync(panel);
        var to = await BoxAsync(target);
        await DragWithDropAsync(editor, from.X + from.Width / 2, from.Y + 1.5f * SlotPx, to.X + to.Width / 2, to.Y + 1.5f * SlotPx);

        var conflicts = editor.Locator("[data-testid=agenda-conflicts]");
        await Assertions.Expect(conflicts).ToContainTextAsync("Room B is booked twice: \"Financing cluster growth\" and \"Digital tools workshop\" overlap.", new() { Timeout = Slow });
        await Assertions.Expect(editor.GetByText("1 unresolved conflict(s)")).ToBeVisibleAsync();
        await Assertions.Expect(panel).ToHaveAttributeAsync("aria-label", "Financing cluster growth, 10:30 to 11:30, has conflicts");
        await Assertions.Expect(publish).ToBeDisabledAsync();
        await AssertStoredAsync(db, edition, edition.RoomBId, new TimeOnly(10, 30), new TimeOnly(11, 30));
        await editor.Mouse.MoveAsync(5, 5);
        await BrowserFixture.ScreenshotAsync(editor, "agenda-editor-clash");

        // 4. Shorten it by dragging its bottom edge up two rows (30 minutes): 10:30–11:00 ends as the workshop starts, no clash.
        //    The hand lets go over the card itself, so the cards must let drops through to the slots from the moment the
        //    drag starts, not once the server has answered (lost drops on a loaded machine): the grid's class is read in the
        //    browser during the drag's own dragstart, after the page's listeners and before any answer can arrive.
        var handle = panel.Locator(".tt-resize");
        await editor.EvaluateAsync("() => window.addEventListener('dragstart', e => { window.__e2eGridAtDragStart = e.target.closest('.tt-grid')?.className; })");
        var edge = await BoxAsync(handle);
        await DragWithDropAsync(editor, edge.X + edge.Width / 2, edge.Y + edge.Height / 2, edge.X + edge.Width / 2, edge.Y + edge.Height / 2 - 2 * SlotPx);

        Assert.Contains("tt-dragging", await editor.EvaluateAsync<string>("() => window.__e2eGridAtDragStart ?? 'no dragstart'"), StringComparison.Ordinal);
        await Assertions.Expect(editor.Locator("[data-testid=no-conflicts]")).ToBeVisibleAsync(new() { Timeout = Slow });
        await Assertions.Expect(editor.GetByText("No unresolved conflicts")).ToBeVisibleAsync();
        await Assertions.Expect(panel).ToHaveAttributeAsync("aria-label", "Financing cluster growth, 10:30 to 11:00");
        await AssertStoredAsync(db, edition, edition.RoomBId, new TimeOnly(10, 30), new TimeOnly(11, 0));
        await Assertions.Expect(publish).ToBeEnabledAsync();

        // 5. Publish version 2: one move, one attendee notified.
        await publish.ClickAsync();
        await Assertions.Expect(editor.GetByText("Published version 2: 1 change(s), 1 attendee(s) notified.")).ToBeVisibleAsync(new() { Timeout = Slow });

        // 6. The public agenda on a phone shows the panel at its new room and time.
        var visitor = await PageAsync(390, 844);
        await visitor.GotoAsync($"/e/{edition.Slug}/agenda");
        var publicCard = visitor.Locator(".agenda-card", new PageLocatorOptions { HasText = "Financing cluster growth" });
        await Assertions.Expect(publicCard).ToContainTextAsync("10:30", new() { Timeout = Slow });
        await Assertions.Expect(publicCard).ToContainTextAsync("11:00");
        await Assertions.Expect(publicCard).ToContainTextAsync("Room B");
        await Assertions.Expect(visitor.Locator("main")).ToContainTextAsync("Europe/Belgrade. Version 2, published");
        var scrollWidth = await visitor.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"The public agenda is {scrollWidth}px wide on a 390px screen.");
        await BrowserFixture.ScreenshotAsync(visitor, "agenda-public-phone");

        // 7. The .ics feed reads back with the new local time in the edition's zone.
        using var http = new HttpClient { BaseAddress = app.BaseAddress };
        var calendar = Calendar.Load(await http.GetStringAsync($"/api/editions/{edition.Slug}/agenda.ics"))!;
        var evt = Assert.Single(calendar.Events, e => e.Summary == "Financing cluster growth");
        Assert.Equal(edition.TimeZoneId, evt.DtStart!.TzId);
        Assert.Equal(edition.Day.ToDateTime(new TimeOnly(10, 30)), evt.DtStart.Value);
        Assert.Equal(edition.Day.ToDateTime(new TimeOnly(11, 0)), evt.DtEnd!.Value);
        Assert.Equal(EditionRules.ToUtc(edition.Day.ToDateTime(new TimeOnly(10, 30)), edition.TimeZoneId), evt.DtStart.AsUtc);
        Assert.Equal("Room B", evt.Location);
        Assert.Equal(2, evt.Sequence); // version 2: calendar apps replace the event they already have

        // 8. The organiser's seat list of the round table: two booked (by surname), one waiting; printing leaves only the list.
        await editor.GotoAsync($"/organiser/sessions/{edition.RoundTableId}/seats");
        var booked = editor.Locator("[data-testid=seats-booked] tbody tr");
        await Assertions.Expect(booked).ToHaveCountAsync(2, new() { Timeout = Slow });
        await Assertions.Expect(booked.Nth(0)).ToContainTextAsync("Ivan Dimitrov");
        await Assertions.Expect(booked.Nth(1)).ToContainTextAsync("Jelena Marković");
        var waiting = editor.Locator("[data-testid=seats-waiting] tbody tr");
        await Assertions.Expect(waiting).ToHaveCountAsync(1);
        await Assertions.Expect(waiting.Nth(0)).ToContainTextAsync("Elena Popescu");
        await Assertions.Expect(editor.Locator("main")).ToContainTextAsync("Topic: Cluster cooperation in the Balkans");
        await editor.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Print });
        await Assertions.Expect(editor.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Print" })).ToBeHiddenAsync();
        await Assertions.Expect(editor.GetByRole(AriaRole.Banner)).ToBeHiddenAsync();
        // The layout settles once the circuit is up (the drawer's state comes from the server): wait for it, as for any effect.
        var printedLeft = double.MaxValue;
        for (var i = 0; i < 50 && printedLeft >= 40; i++, await Task.Delay(100))
            printedLeft = await editor.Locator("[data-testid=seats-booked]").EvaluateAsync<double>("e => e.getBoundingClientRect().left");
        var layout = await editor.EvaluateAsync<string>(@"() => { const m = document.querySelector('.mud-main-content'), c = m && m.querySelector('.mud-container');
            return m ? `main ${getComputedStyle(m).marginLeft}/${getComputedStyle(m).paddingLeft} ${m.className}; container ${c ? getComputedStyle(c).maxWidth + ' ' + c.className : 'none'}` : 'no main'; }");
        Assert.True(printedLeft < 40, $"The printed seat list starts {printedLeft}px from the left edge ({layout}).");
        await BrowserFixture.ScreenshotAsync(editor, "agenda-seat-list-print");
        await editor.EmulateMediaAsync(new PageEmulateMediaOptions { Media = Media.Screen });

        // 9. The attendee who bookmarked it has an e-mail about the move.
        var notice = await MailAsync(attendeeEmail, m => m.Subject?.StartsWith("Agenda change", StringComparison.Ordinal) == true);
        var text = notice.TextBody ?? "";
        Assert.Contains("Financing cluster growth", text, StringComparison.Ordinal);
        Assert.Contains("10:00", text, StringComparison.Ordinal);
        Assert.Contains("10:30–11:00, Room B", text, StringComparison.Ordinal);
    }

    /// <summary>
    /// Drags as <see cref="DragAsync"/> does and checks, in the page, that the browser delivered a drop. A drag the page
    /// refuses (released over a card that takes no drop) ends with no drop event and leaves the timetable as it was; that
    /// is what a loaded machine used to show, so it fails here by name instead of as a missing effect 20 s later.
    /// </summary>
    private static async Task DragWithDropAsync(IPage page, float fromX, float fromY, float toX, float toY)
    {
        await page.EvaluateAsync("() => { window.__e2eDrops = 0; if (!window.__e2eDropWatch) { window.__e2eDropWatch = true; document.addEventListener('drop', () => window.__e2eDrops++, true); } }");
        await DragAsync(page, fromX, fromY, toX, toY);
        Assert.True(await page.EvaluateAsync<int>("() => window.__e2eDrops") > 0, "The browser delivered no drop: the page refused the drag where the mouse was released.");
    }

    /// <summary>Presses the mouse at one point, moves in small steps as a hand does, and releases at the other.</summary>
    private static async Task DragAsync(IPage page, float fromX, float fromY, float toX, float toY)
    {
        await page.Mouse.MoveAsync(fromX, fromY);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(fromX + 8, fromY + 8, new MouseMoveOptions { Steps = 4 });
        await page.Mouse.MoveAsync(toX, toY, new MouseMoveOptions { Steps = 15 });
        await page.Mouse.UpAsync();
    }

    private static async Task<LocatorBoundingBoxResult> BoxAsync(ILocator locator)
    {
        await locator.ScrollIntoViewIfNeededAsync();
        return await locator.BoundingBoxAsync() ?? throw new InvalidOperationException("Not visible: " + locator);
    }

    private static async Task AssertStoredAsync(Microsoft.EntityFrameworkCore.IDbContextFactory<Web.Data.AppDbContext> db, AgendaE2EEdition edition,
        int roomId, TimeOnly start, TimeOnly end)
    {
        await using var ctx = await db.CreateDbContextAsync();
        var session = await ctx.Sessions.AsNoTracking().SingleAsync(s => s.Id == edition.PanelId);
        Assert.Equal(roomId, session.RoomId);
        Assert.Equal(EditionRules.ToUtc(edition.Day.ToDateTime(start), edition.TimeZoneId), session.StartUtc);
        Assert.Equal(EditionRules.ToUtc(edition.Day.ToDateTime(end), edition.TimeZoneId), session.EndUtc);
    }

    private async Task LogInFirstOrganiserAsync(IPage page)
    {
        await OrganiserLogin.FirstLogInAsync(page, fixture.App, "/organiser/editions", "agenda-drag-and-drop-2026");
        await page.WaitForURLAsync("**/organiser/editions");
    }

    private async Task<string> ManageLinkFromMailAsync(string email)
    {
        var confirmation = await MailAsync(email, m => m.TextBody?.Contains("/manage/", StringComparison.Ordinal) == true);
        return ManageLink().Match(confirmation.TextBody ?? "") is { Success: true } m ? m.Value : throw new InvalidOperationException("No manage link in:\n" + confirmation.TextBody);
    }

    /// <summary>The first .eml in the app's pickup folder to the address that matches; mail is written after the transaction, so wait a little.</summary>
    private async Task<MimeMessage> MailAsync(string to, Func<MimeMessage, bool> match)
    {
        var folder = AgendaE2ESeed.MailFolder(fixture.App.DataFolder);
        for (var attempt = 0; attempt < 100; attempt++)
        {
            if (Directory.Exists(folder))
            {
                foreach (var file in Directory.GetFiles(folder, "*.eml").Order(StringComparer.Ordinal))
                {
                    var message = await MimeMessage.LoadAsync(file);
                    if (message.To.Mailboxes.Any(b => string.Equals(b.Address, to, StringComparison.OrdinalIgnoreCase)) && match(message)) return message;
                }
            }
            await Task.Delay(100);
        }
        throw new TimeoutException($"No matching e-mail to {to} in {folder}: " + string.Join(", ", Directory.Exists(folder) ? Directory.GetFiles(folder) : []));
    }

    [GeneratedRegex(@"https?://\S+/manage/[A-Za-z0-9_\-]+")]
    private static partial Regex ManageLink();

}
