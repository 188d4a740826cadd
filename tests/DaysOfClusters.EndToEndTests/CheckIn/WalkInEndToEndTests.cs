using System.Diagnostics;
using DaysOfClusters.EndToEndTests.Infrastructure;
using DaysOfClusters.IntegrationTests.CheckIn;
using DaysOfClusters.UnitTests.Badges;
using DaysOfClusters.Web.Features.CheckIn;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace DaysOfClusters.EndToEndTests.CheckIn;

/// <summary>
/// A phone at the door: from the scanner to the walk-in form, errors first, then a person registered, checked in and their
/// badge opened in a new tab; then a known e-mail shows the registered person, who is checked in instead.
/// </summary>
public sealed class WalkInEndToEndTests
{
    [Fact]
    public async Task WalkIn_WhenStaffFillsTheFormOnAPhone_RegistersChecksInAndOpensTheBadge()
    {
        await using var app = await CheckInAppProcess.StartAsync();
        var password = await app.FirstOrganiserPassword.WaitAsync(TimeSpan.FromSeconds(10));
        var shots = Path.Combine(Environment.GetEnvironmentVariable("DOC_SCREENSHOTS") ?? Path.Combine(app.RepoRoot, "test-results"), "walk-in");
        Directory.CreateDirectory(shots);
        var db = CheckInSeed.FactoryFor(app.DataFolder);
        var edition = await CheckInSeed.EditionAsync(db, "e2e-walkin", 2);
        await using (var ctx = await db.CreateDbContextAsync())
            await ctx.Database.ExecuteSqlRawAsync("UPDATE AspNetUsers SET MustChangePassword = 0");

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new() { ExecutablePath = "/usr/bin/chromium", Headless = true, Args = ["--no-sandbox"] });
        var context = await browser.NewContextAsync(new() { BaseURL = app.BaseUrl, ViewportSize = new() { Width = 390, Height = 844 }, IsMobile = true, HasTouch = true });
        var page = await context.NewPageAsync();
        var log = new List<string>();
        page.Console += (_, m) => { lock (log) log.Add($"{m.Type}: {m.Text}"); };
        page.PageError += (_, e) => { lock (log) log.Add($"pageerror: {e}"); };
        try
        {
            await RunAsync(app, page, context, db, edition, password, shots);
        }
        catch
        {
            // What the phone showed when it failed, and what the browser said.
            await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "failure.png"), FullPage = true });
            lock (log) File.WriteAllLines(Path.Combine(shots, "console.log"), log);
            throw;
        }
    }

    private static async Task RunAsync(CheckInAppProcess app, IPage page, IBrowserContext context,
        Microsoft.EntityFrameworkCore.IDbContextFactory<DaysOfClusters.Web.Data.AppDbContext> db, SeededEdition edition, string password, string shots)
    {
        await page.GotoAsync("/account/login?ReturnUrl=%2Fcheckin");
        await page.FillAsync("#email", "organiser@daysofclusters.local");
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/checkin");

        // From the scanner, at the point chosen there.
        var link = page.Locator("[data-testid=checkin-walkin]");
        await Assertions.Expect(link).ToHaveAttributeAsync("href", $"/checkin/walk-in?point={edition.PointId}", new() { Timeout = 30_000 });
        await link.ClickAsync();
        await page.WaitForURLAsync("**/checkin/walk-in?point=*");

        // Nothing filled in: every required field says so, nothing is stored.
        await page.GetByLabel("The person has read the privacy notice and accepts it").WaitForAsync();
        await Interactive.UntilAsync(() => page.ClickAsync("[data-testid=walkin-submit]"),
            async () => await page.GetByText("This field is required.").CountAsync() >= 4, "the empty form shows field errors");
        await Assertions.Expect(page.Locator("[data-error=PrivacyConsent]")).ToContainTextAsync("privacy notice");
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "1-walkin-errors.png"), FullPage = true });

        await Interactive.TypeAsync(page, "FirstName", "Đorđe");
        await Interactive.TypeAsync(page, "LastName", "Petrović");
        await Interactive.TypeAsync(page, "Email", "djordje.petrovic@example.rs");
        await Interactive.TypeAsync(page, "Organisation", "Niš ICT Cluster");
        await Interactive.TypeAsync(page, "JobTitle", "Cluster manager");
        // The registration form's own fields: native pickers, as on a phone.
        await Interactive.SelectAsync(page.GetByLabel("Type of organisation"), "Cluster organisation");
        await Interactive.SelectAsync(page.GetByLabel("Country"), "Serbia");
        await Interactive.CheckAsync(page.GetByLabel("The person has read the privacy notice and accepts it"), mudLists: false);
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "2-walkin-filled.png"), FullPage = true });

        var popup = await page.RunAndWaitForPopupAsync(() => page.ClickAsync("[data-testid=walkin-submit]"));
        Assert.Contains("/checkin/badge/", popup.Url, StringComparison.Ordinal);
        var done = page.Locator("[data-testid=walkin-done]");
        await Assertions.Expect(done).ToContainTextAsync("Đorđe Petrović");
        await Assertions.Expect(done).ToContainTextAsync("Checked in at Entrance day 1");
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "3-walkin-done.png"), FullPage = true });

        // The tab holds the person's badge: its QR is a signed code and the name is on it.
        var pdf = await context.APIRequest.GetAsync(popup.Url);
        Assert.Equal("application/pdf", pdf.Headers["content-type"]);
        var pdfPath = Path.Combine(shots, "walkin-badge.pdf");
        await File.WriteAllBytesAsync(pdfPath, await pdf.BodyAsync());
        var qr = BadgeRaster.DecodeQr(BadgeRaster.Rasterise(pdfPath, 150)[0]);
        Assert.StartsWith("DOC1:", qr, StringComparison.Ordinal);
        using (var render = Process.Start("pdftoppm", $"-png -r 60 -singlefile \"{pdfPath}\" \"{Path.Combine(shots, "4-walkin-badge")}\"")) await render.WaitForExitAsync();
        await using (var ctx = await db.CreateDbContextAsync())
        {
            var person = await ctx.Registrations.SingleAsync(r => r.EmailNormalized == "djordje.petrovic@example.rs");
            Assert.Equal(RegistrationStatus.Confirmed, person.Status);
            Assert.Equal(ScanOutcome.Accepted, (await ctx.ScanLog.SingleAsync(s => s.RegistrationId == person.Id)).Outcome);
            Assert.True((await ctx.IssuedBadges.SingleAsync(b => b.RegistrationId == person.Id)).PrintCount >= 1);
        }

        // Somebody who registered online but forgot it: the desk finds them and checks them in instead.
        await page.ClickAsync("[data-testid=walkin-next]");
        await Interactive.TypeAsync(page, "Email", "person2@e2e-walkin.example");
        await page.ClickAsync("[data-testid=walkin-submit]");
        var duplicate = page.Locator("[data-testid=walkin-duplicate]");
        await Assertions.Expect(duplicate).ToContainTextAsync("Already registered: Ana2 Petrović2");
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "5-walkin-duplicate.png"), FullPage = true });
        await page.ClickAsync("[data-testid=walkin-checkin-instead]");
        await Assertions.Expect(page.Locator("[data-testid=walkin-instead-result]")).ToContainTextAsync("Checked in.");
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "6-walkin-checked-in-instead.png"), FullPage = true });
        await using (var ctx = await db.CreateDbContextAsync())
        {
            Assert.Equal(ScanOutcome.Accepted, (await ctx.ScanLog.SingleAsync(s => s.RegistrationId == edition.RegistrationIds[1])).Outcome);
            Assert.Equal(1, await ctx.Registrations.CountAsync(r => r.EmailNormalized == "person2@e2e-walkin.example"));
        }
    }
}
