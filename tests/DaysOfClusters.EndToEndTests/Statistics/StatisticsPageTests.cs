using System.Diagnostics;
using System.Globalization;
using DaysOfClusters.EndToEndTests.Infrastructure;
using DaysOfClusters.IntegrationTests.CheckIn;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.CheckIn;
using DaysOfClusters.Web.Features.Statistics;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace DaysOfClusters.EndToEndTests.Statistics;

/// <summary>
/// The statistics page of the demo edition as an organiser sees it in Chromium: headline equal to the service's figures,
/// the donut, bar and line charts drawn with data, the world map coloured by attendance with a country's figures on hover,
/// a phone-width layout without sideways scrolling, and the one-page PDF report.
/// </summary>
public sealed class StatisticsPageTests(BrowserFixture fixture) : IClassFixture<BrowserFixture>
{
    private const string NoFigureFill = "#E3E6EA";

    [Fact]
    public async Task StatisticsPage_When_DemoEditionHasCheckIns_ShowsHeadlineChartsAndAttendanceMapWithHover()
    {
        var db = CheckInSeed.FactoryFor(fixture.App.DataFolder);
        var editionId = await CheckInEveryThirdDemoPersonAsync(db);
        var expected = (await new StatisticsService(db, TimeProvider.System).ReportAsync(editionId))!;
        Assert.True(expected.Headline.Attended > 0 && expected.Headline.Registered > expected.Headline.Attended);

        var page = await fixture.NewPageAsync();
        await LogInAsync(page);
        await page.GotoAsync($"/organiser/statistics?edition={editionId}");

        // Headline and cards: the same numbers the service computes.
        var headline = page.Locator("[data-testid=stats-headline]");
        await Assertions.Expect(headline).ToContainTextAsync(
            $"{expected.Headline.Registered.ToString("N0", CultureInfo.InvariantCulture)} experts from {expected.Headline.Countries} countries on {expected.Headline.Continents} continents");
        await Assertions.Expect(headline).ToContainTextAsync($"{expected.Headline.Attended.ToString("N0", CultureInfo.InvariantCulture)} attended");
        await Assertions.Expect(page.Locator("[data-testid=stat-card-Attended]")).ToContainTextAsync(expected.Headline.Attended.ToString("N0", CultureInfo.InvariantCulture));

        // Charts are SVG drawn with data: a donut slice per continent, bars for the top countries, a timeline line.
        var continents = expected.Continents.Count(c => c.Registered > 0);
        await Assertions.Expect(page.Locator("[data-testid=chart-continents] svg path.mud-chart-serie")).ToHaveCountAsync(continents);
        var topCountries = Math.Min(10, expected.Countries.Count(c => c.Registered > 0));
        Assert.True(await page.Locator("[data-testid=chart-countries] svg path.mud-chart-bar").CountAsync() >= topCountries,
            "a bar per top country");
        var timelinePath = await page.Locator("[data-testid=chart-timeline] svg path.mud-chart-line").First.GetAttributeAsync("d");
        Assert.True(timelinePath is { Length: > 20 }, $"the timeline line has points: {timelinePath}");

        // The map coloured by attendance: exactly the countries with attendees are filled.
        await Interactive.UntilAsync(
            () => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "Attended", Exact = true }).ClickAsync(),
            async () => await page.Locator("[data-testid=world-map][data-measure=attended]").CountAsync() > 0,
            "the map switches to attendance");
        await Interactive.UntilAsync(
            () => page.GetByRole(AriaRole.Button, new PageGetByRoleOptions { Name = "World", Exact = true }).ClickAsync(),
            async () => await page.Locator("[data-testid=world-map][data-view=world]").CountAsync() > 0,
            "the map shows the whole world");
        var fills = await page.Locator("[data-testid=world-map] path[data-country]").EvaluateAllAsync<string[][]>(
            "paths => paths.map(p => [p.getAttribute('data-country'), p.getAttribute('fill')])");
        var mapCodes = fills.Select(f => f[0]).ToHashSet(StringComparer.Ordinal);
        var filled = fills.Where(f => !string.Equals(f[1], NoFigureFill, StringComparison.OrdinalIgnoreCase)).Select(f => f[0]).Order().ToList();
        var attendedCountries = expected.Countries.Where(c => c.Attended > 0 && mapCodes.Contains(c.Key)).Select(c => c.Key).Order().ToList();
        Assert.NotEmpty(attendedCountries);
        Assert.Equal(attendedCountries, filled);

        // Hover over the country with most attendees: its figures appear next to the map.
        var top = expected.Countries.Where(c => mapCodes.Contains(c.Key)).OrderByDescending(c => c.Attended).First();
        var info = page.Locator("[data-testid=map-country-info]");
        await Interactive.UntilAsync(
            async () =>
            {
                await page.Mouse.MoveAsync(0, 0);
                await page.Locator($"[data-testid=world-map] path[data-country={top.Key}]").HoverAsync(new LocatorHoverOptions { Force = true });
            },
            async () => (await info.InnerTextAsync()).Contains(top.Label, StringComparison.Ordinal),
            "hovering a country shows its figures");
        await Assertions.Expect(info).ToContainTextAsync($"{top.Registered.ToString("N0", CultureInfo.InvariantCulture)} registered");
        await Assertions.Expect(info).ToContainTextAsync($"{top.Attended.ToString("N0", CultureInfo.InvariantCulture)} attended");
        await BrowserFixture.ScreenshotAsync(page, "statistics-desktop");

        // On a phone: everything stacks, nothing scrolls sideways, the charts are still drawn.
        var phone = await fixture.NewPageAsync(390, 844);
        await LogInAsync(phone, changePassword: false);
        await phone.GotoAsync($"/organiser/statistics?edition={editionId}");
        await Assertions.Expect(phone.Locator("[data-testid=chart-continents] svg path.mud-chart-serie")).ToHaveCountAsync(continents);
        await Assertions.Expect(phone.Locator("[data-testid=world-map] path[data-country]").First).ToBeVisibleAsync();
        await BrowserFixture.ScreenshotAsync(phone, "statistics-phone");
        var scrollWidth = await phone.EvaluateAsync<int>("() => document.documentElement.scrollWidth");
        var tooWide = await phone.EvaluateAsync<string>(
            "() => [...document.querySelectorAll('main *')].filter(e => e.getBoundingClientRect().right > 391).slice(0, 5).map(e => e.tagName + '.' + e.className + ' ' + Math.round(e.getBoundingClientRect().right)).join('; ')");
        Assert.True(scrollWidth <= 390, $"The statistics page is {scrollWidth}px wide on a 390px screen: {tooWide}");

        // The one-page PDF report for sponsors, as the organiser downloads it, rasterised to look at.
        var pdf = await page.Context.APIRequest.GetAsync($"/api/organiser/statistics/{editionId}/report.pdf");
        Assert.Equal(200, pdf.Status);
        var bytes = await pdf.BodyAsync();
        var pdfPath = Path.Combine(BrowserFixture.ScreenshotFolder, "statistics-report.pdf");
        await File.WriteAllBytesAsync(pdfPath, bytes);
        var pages = Rasterise(pdfPath, Path.Combine(BrowserFixture.ScreenshotFolder, "statistics-report"));
        Assert.Single(pages);
    }

    private static bool _passwordChanged;
    private const string NewPassword = "statistics-are-good-for-you";

    /// <summary>The first organiser's printed one-time login; the first time the app insists on a new password.</summary>
    private async Task LogInAsync(IPage page, bool changePassword = true)
    {
        var (email, oneTimePassword) = fixture.App.BootstrapLogin();
        await page.GotoAsync("/account/login?ReturnUrl=%2Forganiser%2Fstatistics");
        await page.FillAsync("#email", email);
        await page.FillAsync("#password", _passwordChanged ? NewPassword : oneTimePassword);
        await page.ClickAsync("form.doc-form button[type=submit]");
        if (_passwordChanged || !changePassword)
        {
            await page.WaitForURLAsync("**/organiser/statistics");
            return;
        }
        await page.WaitForURLAsync("**/account/change-password**");
        await page.FillAsync("#current", oneTimePassword);
        await page.FillAsync("#new", NewPassword);
        await page.FillAsync("#confirm", NewPassword);
        await page.ClickAsync("form.doc-form button[type=submit]");
        _passwordChanged = true;
        await page.WaitForURLAsync("**/organiser/**");
    }

    /// <summary>The open demo edition with an entrance and a first check-in for every third confirmed person, over three days.</summary>
    private static async Task<int> CheckInEveryThirdDemoPersonAsync(IDbContextFactory<AppDbContext> factory)
    {
        await using var db = await factory.CreateDbContextAsync();
        var edition = await db.Editions.OrderByDescending(e => e.Ordinal).FirstAsync();
        var now = DateTime.UtcNow;
        var entrance = new CheckInPoint { EditionId = edition.Id, Name = "Main entrance", Kind = CheckInPointKind.Entrance, SortOrder = 1, CreatedUtc = now };
        db.CheckInPoints.Add(entrance);
        await db.SaveChangesAsync();
        var ids = await db.Registrations.Where(r => r.EditionId == edition.Id).OrderBy(r => r.Id).Select(r => r.Id).ToListAsync();
        var start = edition.StartDate.ToDateTime(new TimeOnly(7, 0), DateTimeKind.Utc);
        db.Presences.AddRange(ids.Where((_, i) => i % 3 == 0).Select((id, i) => new Presence
        {
            EditionId = edition.Id, PointId = entrance.Id, RegistrationId = id, EntryCount = 1, FirstEntryUtc = start.AddDays(i % 3).AddMinutes(i),
        }));
        await db.SaveChangesAsync();
        return edition.Id;
    }

    private static string[] Rasterise(string pdf, string prefix)
    {
        var psi = new ProcessStartInfo("pdftoppm") { RedirectStandardError = true, UseShellExecute = false };
        foreach (var a in new[] { "-r", "80", "-png", pdf, prefix }) psi.ArgumentList.Add(a);
        using var process = Process.Start(psi)!;
        var error = process.StandardError.ReadToEnd();
        process.WaitForExit();
        Assert.True(process.ExitCode == 0, $"pdftoppm failed: {error}");
        var folder = Path.GetDirectoryName(prefix)!;
        return Directory.GetFiles(folder, Path.GetFileName(prefix) + "-*.png");
    }
}
