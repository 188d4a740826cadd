using System.Text.RegularExpressions;
using DaysOfClusters.EndToEndTests.Infrastructure;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Matchmaking;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;
using RegistrationEntity = DaysOfClusters.Web.Features.Registration.Registration;

namespace DaysOfClusters.EndToEndTests.Matchmaking;

/// <summary>
/// Two attendees opt in from their manage links, one asks for a meeting, the other accepts, both mark when they can meet;
/// the organiser schedules, drags the meeting to another table (a drag into a slot they cannot attend is refused) and publishes;
/// both attendees then see the same time and table.
/// </summary>
public sealed partial class MatchmakingEndToEndTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private static readonly int Year = DateTime.UtcNow.Year + 1;
    // 14:00–15:00 in Belgrade (CEST) on the first day: two 30-minute slots.
    private static readonly DateTime BlockStartUtc = new(Year, 9, 22, 12, 0, 0, DateTimeKind.Utc);

    [Fact]
    public async Task TwoAttendees_WhenRequestAcceptedAndOrganiserSchedulesAndPublishes_BothSeeTheSameSlotAndTable()
    {
        var seeded = await SeedAsync();

        // 1. Both attendees opt in from their manage links; Bojan first, so he is in Ana's marketplace.
        var bojan = await fixture.NewPageAsync();
        await OptInAsync(bojan, seeded.BojanToken, ["Agri-food", "Logistics and transport"]);
        var ana = await fixture.NewPageAsync();
        await OptInAsync(ana, seeded.AnaToken, ["ICT"]);

        // 2. Ana finds Bojan in the marketplace and asks for a meeting with a message.
        var bojanCard = ana.Locator("[data-testid=mm-profile]", new PageLocatorOptions { HasText = "Bojan Jovanović" });
        await Assertions.Expect(bojanCard).ToBeVisibleAsync();
        await Assertions.Expect(bojanCard.Locator("[data-testid=mm-profile-sectors]")).ToContainTextAsync("Agri-food");
        await Assertions.Expect(bojanCard.Locator("[data-testid=mm-c2c]")).ToBeVisibleAsync();
        // The country filter (a GET form: it works without JavaScript) offers the marketplace's countries by name, with how many profiles each has.
        var country = ana.GetByLabel("Country", new PageGetByLabelOptions { Exact = true });
        await Assertions.Expect(country.Locator("option", new LocatorLocatorOptions { HasText = "Serbia (1)" })).ToHaveCountAsync(1);
        await country.SelectOptionAsync(new SelectOptionValue { Label = "Serbia (1)" });
        await ShotAsync(ana, "matchmaking-0-attendee-country-filter");
        await ana.ClickAsync("[data-testid=mm-search]");
        await ana.WaitForURLAsync(new Regex("[?&]country=RS"));
        // The filtered page has come back (the address changes before it arrives): typing earlier would be replaced by it.
        await Assertions.Expect(ana.GetByRole(AriaRole.Link, new PageGetByRoleOptions { Name = "Clear filters" })).ToBeVisibleAsync();
        await Assertions.Expect(ana.Locator("[data-testid=mm-profile]")).ToHaveCountAsync(1);
        await Assertions.Expect(bojanCard).ToBeVisibleAsync();
        await ana.GetByLabel("Message with my requests").FillAsync("Shall we prepare a joint Interreg proposal?");
        await bojanCard.Locator("[data-testid=mm-request-send]").ClickAsync();
        await Assertions.Expect(ana.GetByRole(AriaRole.Status)).ToContainTextAsync("Request sent.");
        var sent = ana.Locator("[data-testid=mm-request]", new PageLocatorOptions { HasText = "To Bojan Jovanović" });
        await Assertions.Expect(sent).ToContainTextAsync("Pending");
        // The filter is still in the address after the post: the page answers with the same filtered marketplace.
        await Assertions.Expect(ana.Locator("[data-testid=mm-profile]")).ToHaveCountAsync(1);
        await ShotAsync(ana, "matchmaking-1-attendee-request-sent");

        // 3. Bojan sees the request (and its message) and accepts it.
        await bojan.ReloadAsync();
        var incoming = bojan.Locator("[data-testid=mm-request]", new PageLocatorOptions { HasText = "From Ana Marković" });
        await Assertions.Expect(incoming).ToContainTextAsync("Shall we prepare a joint Interreg proposal?");
        await incoming.GetByRole(AriaRole.Button, new LocatorGetByRoleOptions { Name = "Accept", Exact = true }).ClickAsync();
        await Assertions.Expect(bojan.GetByRole(AriaRole.Status)).ToContainTextAsync("Accepted.");
        await Assertions.Expect(incoming).ToContainTextAsync("Accepted");

        // 4. Both can meet only in the second slot (14:30): the schedule must use it.
        await MarkSecondSlotAsync(bojan, seeded.BojanId);
        await ana.ReloadAsync();
        await Assertions.Expect(ana.Locator("[data-testid=mm-request]", new PageLocatorOptions { HasText = "To Bojan Jovanović" })).ToContainTextAsync("Accepted");
        await MarkSecondSlotAsync(ana, seeded.AnaId);

        // 5. The organiser logs in (one-time password, forced change), adds tables and runs Schedule all.
        var organiser = await fixture.NewPageAsync(1366, 1000);
        await LogInAsOrganiserAsync(organiser);
        await KeepSectorsAsync(organiser);
        await organiser.GotoAsync($"/organiser/editions/{seeded.EditionId}/matchmaking");
        var tables = organiser.GetByLabel("Add tables");
        await Interactive.UntilAsync(
            async () =>
            {
                await tables.FillAsync("3");
                await tables.PressAsync("Tab");
                await organiser.ClickAsync("[data-testid=mm-add-tables]");
            },
            // Until the circuit is interactive the typed 3 may be lost and the default (10) added: either way the grid appears.
            () => organiser.Locator("[data-testid=mm-grid]").IsVisibleAsync(),
            "tables are added");
        Assert.True(await organiser.Locator("[data-testid=mm-grid] thead th").CountAsync() >= 1 + 3);
        await organiser.ClickAsync("[data-testid=mm-schedule-all]");
        await Assertions.Expect(organiser.Locator("[data-testid=mm-outcome]")).ToContainTextAsync("Scheduled 1 of 1 accepted (upper bound 1");
        var meeting = organiser.Locator("[data-testid=mm-grid] [data-testid=mm-meeting]");
        await Assertions.Expect(meeting).ToHaveCountAsync(1);
        var cell = await meeting.EvaluateAsync<string>("m => m.closest('td').dataset.testid");
        Assert.Matches(@"^mm-cell-1-\d$", cell); // slot index 1 = 14:30
        await Assertions.Expect(organiser.Locator("[data-mm-drag=ready]")).ToHaveCountAsync(1);

        // 6. Drag it to table 3 of the same slot: moved. Drag it into the first slot: refused, nobody is free then.
        await DragAsync(organiser, meeting, organiser.Locator("[data-testid=mm-cell-1-3]"));
        await Assertions.Expect(organiser.Locator("[data-testid=mm-cell-1-3] [data-testid=mm-meeting]")).ToHaveCountAsync(1);
        await DragAsync(organiser, organiser.Locator("[data-testid=mm-cell-1-3] [data-testid=mm-meeting]"), organiser.Locator("[data-testid=mm-cell-0-2]"));
        await Assertions.Expect(organiser.Locator("[data-testid=mm-move-error]")).ToContainTextAsync("Both sides must be available in that slot.");
        await Assertions.Expect(organiser.Locator("[data-testid=mm-cell-1-3] [data-testid=mm-meeting]")).ToHaveCountAsync(1);
        await Assertions.Expect(organiser.Locator("[data-testid=mm-cell-0-2] [data-testid=mm-meeting]")).ToHaveCountAsync(0);
        await ShotAsync(organiser, "matchmaking-2-organiser-grid-refused-drag");

        // Mark it as priority (an EC officer's meeting, say): the grid and the request list show the star.
        var star = organiser.Locator("[data-testid=mm-cell-1-3] [data-testid=mm-priority-toggle]");
        await star.ClickAsync();
        await Assertions.Expect(organiser.Locator("[data-testid=mm-cell-1-3] [data-testid=mm-priority-mark]")).ToHaveCountAsync(1);
        await Assertions.Expect(organiser.Locator("[data-testid=mm-cell-1-3] [data-testid=mm-c2c]")).ToHaveCountAsync(1);
        await Assertions.Expect(organiser.Locator("[data-testid=mm-org-request]").First.Locator("[data-testid=mm-priority-toggle]")).ToHaveAttributeAsync("aria-label", new Regex("^Unmark priority"));

        // 7. Publish.
        await organiser.ClickAsync("[data-testid=mm-publish]");
        await Assertions.Expect(organiser.GetByText("Published 1 meetings.")).ToBeVisibleAsync();
        await Assertions.Expect(organiser.Locator("[data-testid=mm-stat-scheduled]")).ToContainTextAsync("Scheduled 1 of 1 accepted");
        await ShotAsync(organiser, "matchmaking-3-organiser-published");

        // 8. Both attendees see the same slot and table (a phone for Ana).
        await bojan.ReloadAsync();
        var anaPhone = await fixture.NewPageAsync(390, 844);
        await anaPhone.GotoAsync($"/manage/{seeded.AnaToken}/matchmaking");
        var bojanRow = bojan.Locator("[data-testid=mm-my-meeting]");
        var anaRow = anaPhone.Locator("[data-testid=mm-my-meeting]");
        await Assertions.Expect(bojanRow).ToHaveCountAsync(1);
        await Assertions.Expect(anaRow).ToHaveCountAsync(1);
        await Assertions.Expect(bojanRow.Locator("[data-testid=mm-table]")).ToHaveTextAsync("3");
        await Assertions.Expect(anaRow.Locator("[data-testid=mm-table]")).ToHaveTextAsync("3");
        var bojanTime = await bojanRow.Locator("[data-testid=mm-time]").InnerTextAsync();
        Assert.Equal(bojanTime, await anaRow.Locator("[data-testid=mm-time]").InnerTextAsync());
        Assert.Contains("14:30–15:00", bojanTime, StringComparison.Ordinal);
        await Assertions.Expect(anaRow).ToContainTextAsync("Bojan Jovanović");
        await Assertions.Expect(anaRow.Locator("[data-testid=mm-c2c]")).ToBeVisibleAsync();
        await Assertions.Expect(bojanRow).ToContainTextAsync("Ana Marković");
        await ShotAsync(bojan, "matchmaking-4-attendee-schedule-desktop");
        await ShotAsync(anaPhone, "matchmaking-5-attendee-schedule-phone");
        var scrollWidth = await anaPhone.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(scrollWidth <= 390, $"The attendee's matchmaking page is {scrollWidth}px wide on a 390px screen.");

        // The calendar file carries the same table.
        var ics = await anaPhone.APIRequest.GetAsync($"/manage/{seeded.AnaToken}/matchmaking.ics");
        Assert.Equal(200, ics.Status);
        Assert.Contains("LOCATION:Table 3", await ics.TextAsync(), StringComparison.Ordinal);

        // And the PDF (kept next to the screenshots, to be looked at).
        var pdf = await anaPhone.APIRequest.GetAsync($"/manage/{seeded.AnaToken}/matchmaking.pdf");
        Assert.Equal(200, pdf.Status);
        var bytes = await pdf.BodyAsync();
        Assert.Equal("%PDF", System.Text.Encoding.ASCII.GetString(bytes, 0, 4));
        await File.WriteAllBytesAsync(Path.Combine(BrowserFixture.ScreenshotFolder, "matchmaking-6-schedule.pdf"), bytes);

        await using var db = OpenDatabase();
        var stored = await db.MeetingAssignments.SingleAsync(a => a.EditionId == seeded.EditionId);
        Assert.True(stored.Published);
        Assert.Equal(BlockStartUtc.AddMinutes(30), stored.SlotStartUtc);
    }

    /// <summary>The attendee page is static: sectors are ticked boxes and the profile a plain form post, answered with the updated page.</summary>
    private static async Task OptInAsync(IPage page, string token, string[] sectors)
    {
        await page.GotoAsync($"/manage/{token}/matchmaking");
        var picker = page.Locator("[data-testid=sector-picker]");
        foreach (var sector in sectors)
            await picker.GetByRole(AriaRole.Checkbox, new LocatorGetByRoleOptions { Name = sector, Exact = true }).CheckAsync();
        await page.ClickAsync("[data-testid=mm-optin]");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Profile saved.");
        await Assertions.Expect(page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Save profile" })).ToBeVisibleAsync();
        await Assertions.Expect(page.Locator("[data-testid=mm-slot]")).ToHaveCountAsync(2);
        foreach (var sector in sectors)
            await Assertions.Expect(picker.GetByRole(AriaRole.Checkbox, new LocatorGetByRoleOptions { Name = sector, Exact = true })).ToBeCheckedAsync();
    }

    /// <summary>
    /// Picks sectors in the organisers' sector picker (a MudBlazor multi-select on an interactive page) until each shows as a chip.
    /// It waits on what a person sees: the options (role option) of the open list, and the chips.
    /// </summary>
    private static async Task PickSectorsAsync(IPage page, string[] sectors)
    {
        var picker = page.GetByRole(AriaRole.Combobox, new PageGetByRoleOptions { Name = "Sectors" }).First;
        var chips = page.Locator("[data-testid=sector-chip]");
        // A click before the circuit is interactive opens nothing: repeat until every chosen sector shows as a chip.
        await Interactive.UntilAsync(
            async () =>
            {
                await picker.ClickAsync();
                foreach (var sector in sectors)
                {
                    var option = page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = sector, Exact = true }).First;
                    try { await option.WaitForAsync(new LocatorWaitForOptions { Timeout = 2000 }); }
                    catch (TimeoutException) { await page.Keyboard.PressAsync("Escape"); return; }
                    if (await chips.Filter(new LocatorFilterOptions { HasText = sector }).CountAsync() == 0) await option.ClickAsync();
                }
                await page.Keyboard.PressAsync("Escape");
            },
            async () => await chips.CountAsync() == sectors.Length,
            "sectors are picked from the list");
    }

    /// <summary>The organiser adds a sector to the list, moves it up and retires it; desktop and phone screenshots.</summary>
    private static async Task KeepSectorsAsync(IPage page)
    {
        await page.GotoAsync("/organiser/sectors");
        var name = page.Locator("[data-testid=sector-new] input, input[data-testid=sector-new]").First;
        var added = page.Locator("[data-testid=sector-row]", new PageLocatorOptions { HasText = "Maritime economy" });
        await Interactive.UntilAsync(
            async () => { await name.FillAsync("Maritime economy"); await name.PressAsync("Tab"); await page.ClickAsync("[data-testid=sector-add]"); },
            async () => await added.CountAsync() == 1, "the organiser adds a sector");
        var rows = page.Locator("[data-testid=sector-row] [data-testid=sector-name]");
        var last = await rows.CountAsync() - 1;
        Assert.Equal("Maritime economy", await rows.Nth(last).InnerTextAsync());
        await page.GetByLabel("Move Maritime economy up").ClickAsync();
        await Assertions.Expect(rows.Nth(last - 1)).ToHaveTextAsync("Maritime economy");
        // Its Serbian name, for attendees who read the site in Serbian.
        await added.Locator("[data-testid=sector-rename]").ClickAsync();
        var serbian = page.Locator("[data-testid=sector-rename-sr] input, input[data-testid=sector-rename-sr]").First;
        await serbian.FillAsync("Pomorska privreda");
        await serbian.PressAsync("Tab");
        await ShotAsync(page, "matchmaking-0-sectors-edit-desktop");
        await page.ClickAsync("[data-testid=sector-rename-save]");
        await Assertions.Expect(added.Locator("[data-testid=sector-name-sr]")).ToHaveTextAsync("· Pomorska privreda");
        await added.Locator("[data-testid=sector-retire]").ClickAsync();
        await Assertions.Expect(added).ToContainTextAsync("Retired");
        await Assertions.Expect(added.Locator("[data-testid=sector-retire]")).ToHaveTextAsync("Restore");
        await ShotAsync(page, "matchmaking-0-sectors-desktop");
        await page.SetViewportSizeAsync(390, 844);
        await ShotAsync(page, "matchmaking-0-sectors-phone");
        var width = await page.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        Assert.True(width <= 390, $"The sectors page is {width}px wide on a 390px screen.");
        await page.SetViewportSizeAsync(1366, 1000);

        // The directory's organisation form picks from the same list; the retired sector is not offered there.
        await page.GotoAsync("/organiser/organisations/new");
        await PickSectorsAsync(page, ["ICT", "Creative industries"]);
        var tourism = page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = "Tourism" });
        await Interactive.UntilAsync(
            () => page.GetByRole(AriaRole.Combobox, new PageGetByRoleOptions { Name = "Sectors" }).First.ClickAsync(),
            () => tourism.IsVisibleAsync(), "the sector list opens", attempts: 5);
        await Assertions.Expect(page.GetByRole(AriaRole.Option, new PageGetByRoleOptions { Name = "Maritime economy" })).ToHaveCountAsync(0);
        await page.Keyboard.PressAsync("Escape");
        await ShotAsync(page, "matchmaking-0-organisation-sectors");
    }

    private async Task MarkSecondSlotAsync(IPage page, int registrationId)
    {
        await page.Locator("[data-testid=mm-availability]").GetByRole(AriaRole.Checkbox).Nth(1).CheckAsync();
        await page.ClickAsync("[data-testid=mm-save-availability]");
        await Assertions.Expect(page.GetByRole(AriaRole.Status)).ToContainTextAsync("Availability saved.");
        await Assertions.Expect(page.Locator("[data-testid=mm-availability]").GetByRole(AriaRole.Checkbox).Nth(1)).ToBeCheckedAsync();
        await using var db = OpenDatabase();
        Assert.True(await db.MatchmakingAvailabilities.AnyAsync(a => a.RegistrationId == registrationId && a.SlotStartUtc == BlockStartUtc.AddMinutes(30)),
            "The second slot is stored.");
    }

    /// <summary>Full-page screenshots from the top, so the fixed app bar is drawn where it belongs.</summary>
    private static async Task ShotAsync(IPage page, string name)
    {
        await page.EvaluateAsync("() => window.scrollTo(0, 0)");
        await page.Mouse.MoveAsync(0, 0);
        await BrowserFixture.ScreenshotAsync(page, name);
    }

    private static async Task DragAsync(IPage page, ILocator source, ILocator target)
    {
        // Mouse coordinates are the viewport's: bring both cells into view first.
        await target.ScrollIntoViewIfNeededAsync();
        await source.ScrollIntoViewIfNeededAsync();
        var from = (await source.Locator(".mm-names").BoundingBoxAsync())!;
        var to = (await target.BoundingBoxAsync())!;
        await page.Mouse.MoveAsync(from.X + from.Width / 2, from.Y + from.Height / 2);
        await page.Mouse.DownAsync();
        await page.Mouse.MoveAsync(from.X + from.Width / 2 + 10, from.Y + from.Height / 2 + 10, new MouseMoveOptions { Steps = 3 });
        await page.Mouse.MoveAsync(to.X + to.Width / 2, to.Y + to.Height / 2, new MouseMoveOptions { Steps = 12 });
        await page.Mouse.UpAsync();
    }

    private async Task LogInAsOrganiserAsync(IPage page)
    {
        await OrganiserLogin.FirstLogInAsync(page, fixture.App, "/organiser/editions", "matchmaking-at-table-three");
        await page.WaitForURLAsync("**/organiser/editions");
    }

    private sealed record Seeded(int EditionId, string AnaToken, string BojanToken, int AnaId, int BojanId);

    /// <summary>The running app's own database (WAL and a busy timeout make writing next to it safe).</summary>
    private AppDbContext OpenDatabase()
    {
        var builder = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(builder, $"Data Source={Path.Combine(fixture.App.DataFolder, "days-of-clusters.db")};Default Timeout=30");
        return new AppDbContext(builder.Options);
    }

    /// <summary>An open edition with a matchmaking block and two confirmed attendees who agreed to networking, written into the running app's database.</summary>
    private async Task<Seeded> SeedAsync()
    {
        await using var db = OpenDatabase();
        var edition = new Edition
        {
            Ordinal = 40, Title = "Matchmaking in Niš", Slug = $"mm-e2e-{Guid.NewGuid():N}"[..16], HostCity = "Niš", CountryCode = "RS",
            StartDate = new DateOnly(Year, 9, 22), EndDate = new DateOnly(Year, 9, 23), TimeZoneId = "Europe/Belgrade", Status = EditionStatus.Open,
            CreatedUtc = DateTime.UtcNow,
        };
        db.Editions.Add(edition);
        await db.SaveChangesAsync();
        db.RegistrationCategories.AddRange(DefaultCategories.For(edition.Id));
        db.Add(new MatchmakingBlock { EditionId = edition.Id, StartUtc = BlockStartUtc, EndUtc = BlockStartUtc.AddMinutes(60), SlotMinutes = 30 });
        await db.SaveChangesAsync();
        var category = await db.RegistrationCategories.FirstAsync(c => c.EditionId == edition.Id);
        string Person(string first, string last, string organisation, string country, OrganisationType type)
        {
            var token = $"{first.ToLowerInvariant()}-{Guid.NewGuid():N}";
            var email = $"{first.ToLowerInvariant()}.{Guid.NewGuid():N}@example.org";
            db.Registrations.Add(new RegistrationEntity
            {
                EditionId = edition.Id, CategoryId = category.Id, FirstName = first, LastName = last, Email = email, EmailNormalized = email,
                EmailHash = RegistrationRules.Sha256Hex(email), Organisation = organisation, OrganisationType = type, CountryCode = country,
                PrivacyConsentUtc = DateTime.UtcNow, PrivacyNoticeVersion = "1", NetworkingConsent = true, Status = RegistrationStatus.Confirmed,
                CreatedUtc = DateTime.UtcNow, UpdatedUtc = DateTime.UtcNow, ManageTokenHash = RegistrationRules.Sha256Hex(token), Language = "en",
            });
            return token;
        }
        var ana = Person("Ana", "Marković", "ICT Cluster of Central Serbia", "RS", OrganisationType.ClusterOrganisation);
        var bojan = Person("Bojan", "Jovanović", "Agrofood Cluster Banat", "RS", OrganisationType.ClusterOrganisation);
        await db.SaveChangesAsync();
        int IdOf(string token)
        {
            var hash = RegistrationRules.Sha256Hex(token);
            return db.Registrations.Single(r => r.ManageTokenHash == hash).Id;
        }
        return new Seeded(edition.Id, ana, bojan, IdOf(ana), IdOf(bojan));
    }

}
