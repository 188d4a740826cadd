using DaysOfClusters.EndToEndTests.Infrastructure;
using DaysOfClusters.IntegrationTests.CheckIn;
using DaysOfClusters.Web.Features.Badges;
using DaysOfClusters.Web.Features.CheckIn;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Playwright;

namespace DaysOfClusters.EndToEndTests.Instances;

/// <summary>
/// Two app processes on one database and one Redis, as behind a load balancer: what one door scans, the other door and
/// the organiser's dashboard on the other instance know at once.
/// </summary>
public sealed class TwoInstancesEndToEndTests
{
    [Fact]
    public async Task ScanOnInstanceB_When_BadgeCheckedInOnA_IsRefusedAndShowsOnAsDashboard()
    {
        await using var redis = await RedisTestServer.StartAsync();
        await using var database = await SharedTestDatabase.CreateAsync();
        var settings = new Dictionary<string, string>(database.AppSettings)
        {
            ["ConnectionStrings:Redis"] = redis.Endpoint,
            // Its own channels, so test runs sharing test.sh's Redis never hear each other.
            ["Redis:ChannelPrefix"] = $"doc-test-{Guid.NewGuid():N}",
            // No timer refresh during the test: only the pushed updates can bring B's scans to A's dashboard.
            ["CheckIn:DashboardRefreshSeconds"] = "3600",
            ["Demo:Disabled"] = "true",
        };
        await using var a = await RunningApp.StartAsync(settings, database.DataFolder);
        // B starts once A has migrated the database and created the first organiser.
        await using var b = await RunningApp.StartAsync(settings, database.DataFolder);
        var (email, password) = a.BootstrapLogin();

        var db = database.Factory;
        // Both instances show what is seeded here, so they work on this very database.
        await using (var ctx = await db.CreateDbContextAsync())
            Assert.Equal(database.IsPostgreSql ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite", ctx.Database.ProviderName);
        var edition = await CheckInSeed.EditionAsync(db, "two-instances", 3);
        var shots = database.IsPostgreSql ? "instances-postgresql" : "instances-sqlite";
        await using (var ctx = await db.CreateDbContextAsync())
            await ctx.Users.ExecuteUpdateAsync(u => u.SetProperty(x => x.MustChangePassword, false));
        // Printing signs with the edition's key; the instances verify with its public half from the database.
        using var keys = new BadgeKeyService(db, new EphemeralDataProtectionProvider(), TimeProvider.System);
        var issuer = new BadgeIssuer(db, keys, TimeProvider.System);
        var first = (await issuer.CurrentAsync(edition.RegistrationIds[0]))!;
        var second = (await issuer.CurrentAsync(edition.RegistrationIds[1]))!;

        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = BrowserFixture.ChromiumPath, Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        // One browser profile for both: 127.0.0.1 on two ports shares cookies like one host behind a proxy, so the
        // login cookie A issues must open B's pages too (shared data-protection keys).
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "en-GB" });
        context.SetDefaultTimeout(30_000);

        var dashboard = await context.NewPageAsync();
        var dashboardPath = $"/organiser/editions/{edition.EditionId}/checkin";
        await dashboard.GotoAsync(new Uri(a.BaseAddress, "/account/login?ReturnUrl=" + Uri.EscapeDataString(dashboardPath)).ToString());
        await dashboard.FillAsync("#email", email);
        await dashboard.FillAsync("#password", password);
        await dashboard.ClickAsync("form.doc-form button[type=submit]");
        await dashboard.WaitForURLAsync($"**{dashboardPath}");
        var total = dashboard.Locator("[data-testid=checked-in-total]");
        var lastScans = dashboard.Locator("[data-testid=last-scans]");
        await Assertions.Expect(total).ToContainTextAsync("0 / 3");
        // The hub connection is up and the page joined the edition's group: from here on no hint can be missed.
        await Assertions.Expect(dashboard.Locator("[data-testid=live-state]")).ToHaveAttributeAsync("data-across-instances", "connected");
        await Assertions.Expect(dashboard.Locator("[data-testid=live-state]")).ToContainTextAsync("live, all instances");

        // Door 1 on instance A checks the first person in; A's own dashboard hears it in-process.
        var doorA = await OpenScannerAsync(context, a);
        await ScanAsync(doorA, first.ShortCode);
        await Assertions.Expect(doorA.Locator("[data-testid=checkin-result]")).ToHaveAttributeAsync("data-outcome", "accepted");
        await Assertions.Expect(total).ToContainTextAsync("1 / 3");

        // Door 2 on instance B: the same badge is refused as already checked in (B read A's write, not its own memory).
        var doorB = await OpenScannerAsync(context, b);
        await ScanAsync(doorB, first.ShortCode);
        var resultB = doorB.Locator("[data-testid=checkin-result]");
        await Assertions.Expect(resultB).ToHaveAttributeAsync("data-outcome", "alreadyInside");
        await Assertions.Expect(resultB).ToContainTextAsync("Already checked in");
        await Assertions.Expect(resultB).ToContainTextAsync("Ana1 Petrović1");
        await doorB.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"{shots}-1-door-b-already-checked-in.png") });
        await using (var ctx = await db.CreateDbContextAsync())
        {
            var outcomes = await ctx.ScanLog.Where(s => s.RegistrationId == edition.RegistrationIds[0]).OrderBy(s => s.Id).Select(s => s.Outcome).ToListAsync();
            Assert.Equal([ScanOutcome.Accepted, ScanOutcome.AlreadyInside], outcomes);
        }
        // ...and A's dashboard shows B's refusal, relayed through Redis (the timer refresh is off).
        await Assertions.Expect(lastScans).ToContainTextAsync("AlreadyInside", new() { Timeout = 15_000 });

        // B checks the second person in: A's dashboard counts them and lists them.
        await ScanAsync(doorB, second.ShortCode);
        await Assertions.Expect(resultB).ToHaveAttributeAsync("data-outcome", "accepted");
        await Assertions.Expect(resultB).ToContainTextAsync("Ana2 Petrović2");
        await Assertions.Expect(total).ToContainTextAsync("2 / 3", new() { Timeout = 15_000 });
        await Assertions.Expect(lastScans).ToContainTextAsync("Ana2 Petrović2");
        await dashboard.BringToFrontAsync();
        await dashboard.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"{shots}-2-dashboard-a-shows-b.png"), FullPage = true });
    }

    private static async Task<IPage> OpenScannerAsync(IBrowserContext context, RunningApp app)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, "/checkin").ToString());
        Assert.EndsWith("/checkin", page.Url, StringComparison.Ordinal); // the cookie from A was accepted, no login form
        // The offline list (the two people with badges) has loaded: the scanner has picked the edition and its first point.
        await Assertions.Expect(page.Locator("[data-testid=checkin-root]")).ToHaveAttributeAsync("data-list-size", "2");
        await Assertions.Expect(page.Locator("[data-testid=checkin-online]")).ToHaveTextAsync("Online");
        return page;
    }

    private static async Task ScanAsync(IPage door, string shortCode)
    {
        await door.BringToFrontAsync();
        await door.FillAsync("[data-testid=checkin-code]", shortCode);
        await door.PressAsync("[data-testid=checkin-code]", "Enter");
    }
}
