using System.Text;
using DaysOfClusters.IntegrationTests.CheckIn;
using DaysOfClusters.UnitTests.Badges;
using DaysOfClusters.Web.Features.Badges;
using DaysOfClusters.Web.Features.CheckIn;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace DaysOfClusters.EndToEndTests.CheckIn;

/// <summary>
/// The real app and Chromium whose fake camera plays a video of a badge the app rendered: the scanner checks the person in,
/// the dashboard shows it; then offline, a typed code is queued, shown as waiting and synced on reconnect.
/// </summary>
public sealed class CheckInScannerEndToEndTests
{
    [Fact]
    public async Task Scanner_WhenCameraSeesBadgeAndLaterOffline_ChecksInAndSyncsQueuedScan()
    {
        await using var app = await CheckInAppProcess.StartAsync();
        var password = await app.FirstOrganiserPassword.WaitAsync(TimeSpan.FromSeconds(10));
        var shots = Path.Combine(app.RepoRoot, "test-results", "checkin");
        Directory.CreateDirectory(shots);

        // Seed straight into the app's database (it is running: WAL and a busy timeout make that safe).
        var db = CheckInSeed.FactoryFor(app.DataFolder);
        var edition = await CheckInSeed.EditionAsync(db, "e2e-checkin", 3);
        await using (var ctx = await db.CreateDbContextAsync())
            await ctx.Database.ExecuteSqlRawAsync("UPDATE AspNetUsers SET MustChangePassword = 0");
        // The app only needs the public key to verify; signing here with a key created in this process is what printing does.
        using var keys = new BadgeKeyService(db, new EphemeralDataProtectionProvider(), TimeProvider.System);
        var issuer = new BadgeIssuer(db, keys, TimeProvider.System);
        var first = (await issuer.CurrentAsync(edition.RegistrationIds[0]))!;
        var second = (await issuer.CurrentAsync(edition.RegistrationIds[1]))!;

        var video = Path.Combine(app.DataFolder, "badge.y4m");
        WriteBadgeVideo(first, video);

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = "/usr/bin/chromium", Headless = true,
            Args = ["--use-fake-ui-for-media-stream", "--use-fake-device-for-media-stream", $"--use-file-for-fake-video-capture={video}", "--no-sandbox"],
        });
        var context = await browser.NewContextAsync(new() { BaseURL = app.BaseUrl, ViewportSize = new() { Width = 360, Height = 740 }, IsMobile = true, HasTouch = true });
        var page = await context.NewPageAsync();
        var consoleLog = new List<string>();
        page.Console += (_, m) => { lock (consoleLog) consoleLog.Add($"{m.Type}: {m.Text}"); };
        page.Response += (_, r) => { if (r.Status >= 400) lock (consoleLog) consoleLog.Add($"http {r.Status}: {r.Url} ({r.Headers.GetValueOrDefault("content-type")})"); };
        page.PageError += (_, e) => { lock (consoleLog) consoleLog.Add($"pageerror: {e}"); };
        await using var saveLog = new LogOnDispose(() => { lock (consoleLog) File.WriteAllLines(Path.Combine(shots, "console.log"), consoleLog); });
        await page.GotoAsync("/account/login?ReturnUrl=%2Fcheckin");
        await page.FillAsync("#email", "organiser@daysofclusters.local");
        await page.FillAsync("#password", password);
        await page.ClickAsync("button[type=submit]");
        await page.WaitForURLAsync("**/checkin");

        // 1. Camera path: the fake camera shows the printed badge.
        var result = page.Locator("[data-testid=checkin-result]");
        await Assertions.Expect(result).ToHaveAttributeAsync("data-outcome", "accepted", new() { Timeout = 60_000 });
        await Assertions.Expect(result).ToContainTextAsync("Ana1 Petrović1");
        await Assertions.Expect(result).ToContainTextAsync("Germany");
        await Assertions.Expect(result).ToContainTextAsync("Delegate");
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "1-scanner-accepted.png") });

        var dashboard = await context.NewPageAsync();
        await dashboard.GotoAsync($"/organiser/editions/{edition.EditionId}/checkin");
        await Assertions.Expect(dashboard.Locator("[data-testid=checked-in-total]")).ToContainTextAsync("1 / 3", new() { Timeout = 30_000 });
        await Assertions.Expect(dashboard.Locator("[data-testid=last-scans]")).ToContainTextAsync("Ana1 Petrović1");
        await dashboard.ScreenshotAsync(new() { Path = Path.Combine(shots, "2-dashboard.png"), FullPage = true });

        // 2. Offline: a code typed at the desk is decided on the device, queued, shown as waiting, then uploaded.
        await page.BringToFrontAsync();
        await Assertions.Expect(page.Locator("[data-testid=checkin-root]")).ToHaveAttributeAsync("data-list-size", "2");
        await context.SetOfflineAsync(true);
        await page.FillAsync("[data-testid=checkin-code]", second.ShortCode);
        await page.PressAsync("[data-testid=checkin-code]", "Enter");
        await Assertions.Expect(result).ToContainTextAsync("Ana2 Petrović2");
        await Assertions.Expect(result).ToHaveAttributeAsync("data-outcome", "accepted");
        await Assertions.Expect(page.Locator("[data-testid=checkin-queue]")).ToHaveTextAsync("1 scan waiting");
        await Assertions.Expect(page.Locator("[data-testid=checkin-online]")).ToHaveTextAsync("Offline");
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "3-scanner-offline-queued.png") });
        await using (var ctx = await db.CreateDbContextAsync())
            Assert.False(await ctx.ScanLog.AnyAsync(s => s.RegistrationId == edition.RegistrationIds[1]));

        await context.SetOfflineAsync(false);
        await Assertions.Expect(page.Locator("[data-testid=checkin-queue]")).ToHaveTextAsync("All scans sent", new() { Timeout = 30_000 });
        await Assertions.Expect(page.Locator("[data-testid=checkin-online]")).ToHaveTextAsync("Online");
        await page.ScreenshotAsync(new() { Path = Path.Combine(shots, "4-scanner-synced.png") });
        await using (var ctx = await db.CreateDbContextAsync())
        {
            var uploaded = await ctx.ScanLog.SingleAsync(s => s.RegistrationId == edition.RegistrationIds[1]);
            Assert.Equal(ScanOutcome.Accepted, uploaded.Outcome);
            Assert.True(uploaded.IsLateUpload);
        }
        // The dashboard, left open, updated by itself.
        await Assertions.Expect(dashboard.Locator("[data-testid=checked-in-total]")).ToContainTextAsync("2 / 3", new() { Timeout = 15_000 });
        await dashboard.ScreenshotAsync(new() { Path = Path.Combine(shots, "5-dashboard-live.png"), FullPage = true });
    }

    /// <summary>Rasterises the badge the app renders (pdftoppm -gray -r 100) and writes a few YUV4MPEG2 frames: Y = the grey image, U/V neutral.</summary>
    private static void WriteBadgeVideo(BadgeIssue issue, string path)
    {
        var pdf = BadgeRenderer.Render([new BadgeData("8th Days of Clusters", "24–25 Nov 2026", "Belgrade", "Ana1", "Petrović1", "Cluster 1", "Germany",
            "Delegate", "#1B3A6B", issue.QrText, issue.ShortCode)], BadgeFormat.A6);
        var pdfPath = Path.ChangeExtension(path, ".pdf");
        File.WriteAllBytes(pdfPath, pdf);
        var image = BadgeRaster.Rasterise(pdfPath, 100)[0];
        Assert.Equal(issue.QrText, BadgeRaster.DecodeQr(image)); // the frame really carries the code
        int width = image.Width + image.Width % 2, height = image.Height + image.Height % 2;
        var y = new byte[width * height];
        Array.Fill(y, (byte)255);
        for (var row = 0; row < image.Height; row++) Buffer.BlockCopy(image.Pixels, row * image.Width, y, row * width, image.Width);
        var chroma = new byte[width / 2 * (height / 2)];
        Array.Fill(chroma, (byte)128);
        using var file = File.Create(path);
        file.Write(Encoding.ASCII.GetBytes($"YUV4MPEG2 W{width} H{height} F10:1 Ip A1:1 C420jpeg\n"));
        for (var frame = 0; frame < 5; frame++)
        {
            file.Write("FRAME\n"u8);
            file.Write(y);
            file.Write(chroma);
            file.Write(chroma);
        }
    }

    private sealed class LogOnDispose(Action save) : IAsyncDisposable
    {
        public ValueTask DisposeAsync()
        {
            save();
            return ValueTask.CompletedTask;
        }
    }
}
