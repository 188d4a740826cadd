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
    /// <summary>Two instances on one database and the given Redis, an edition with badges, and A's dashboard open in Chromium.</summary>
    private sealed class Pair : IAsyncDisposable
    {
        public required SharedTestDatabase Database { get; init; }
        public required RunningApp A { get; init; }
        public required RunningApp B { get; init; }
        public required SeededEdition Edition { get; init; }
        public required List<BadgeIssue> Badges { get; init; }
        public required IPlaywright Playwright { get; init; }
        public required IBrowser Browser { get; init; }
        public required IBrowserContext Context { get; init; }
        public required IPage Dashboard { get; init; }
        public required string Shots { get; init; }
        public ILocator Total => Dashboard.Locator("[data-testid=checked-in-total]");
        public ILocator LastScans => Dashboard.Locator("[data-testid=last-scans]");

        public async ValueTask DisposeAsync()
        {
            await Browser.DisposeAsync();
            Playwright.Dispose();
            await B.DisposeAsync();
            await A.DisposeAsync();
            await Database.DisposeAsync();
        }
    }

    private static async Task<Pair> StartPairAsync(RedisTestServer redis, int people, string slug, string? provider = null)
    {
        // Whatever is started is stopped again if a later step fails (no app process outlives the test).
        var started = new Stack<IAsyncDisposable>();
        try
        {
            return await StartPairAsync(redis, people, slug, provider, started);
        }
        catch
        {
            while (started.TryPop(out var item)) await item.DisposeAsync();
            throw;
        }
    }

    private static async Task<Pair> StartPairAsync(RedisTestServer redis, int people, string slug, string? provider, Stack<IAsyncDisposable> started)
    {
        var database = provider is null ? await SharedTestDatabase.CreateAsync() : await SharedTestDatabase.CreateAsync(provider);
        started.Push(database);
        var settings = new Dictionary<string, string>(database.AppSettings)
        {
            ["ConnectionStrings:Redis"] = redis.Endpoint,
            // Its own channels, so test runs sharing test.sh's Redis never hear each other.
            ["Redis:ChannelPrefix"] = $"doc-test-{Guid.NewGuid():N}",
            // No timer refresh during the test: only the pushed updates can bring B's scans to A's dashboard.
            ["CheckIn:DashboardRefreshSeconds"] = "3600",
            ["Demo:Disabled"] = "true",
            // One key file for both, as the README says: it decrypts the shared data-protection key ring.
            ["DataProtection:KeyFile"] = Path.Combine(database.DataFolder, "shared-data-protection.key"),
        };
        var a = await RunningApp.StartAsync(settings, database.DataFolder);
        started.Push(a);
        // B starts once A has migrated the database and created the first organiser.
        var b = await RunningApp.StartAsync(settings, database.DataFolder);
        started.Push(b);
        var (email, password) = a.BootstrapLogin();

        var db = database.Factory;
        // Both instances show what is seeded here, so they work on this very database.
        await using (var ctx = await db.CreateDbContextAsync())
            Assert.Equal(database.IsPostgreSql ? "Npgsql.EntityFrameworkCore.PostgreSQL" : "Microsoft.EntityFrameworkCore.Sqlite", ctx.Database.ProviderName);
        var edition = await CheckInSeed.EditionAsync(db, slug, people);
        await using (var ctx = await db.CreateDbContextAsync())
            await ctx.Users.ExecuteUpdateAsync(u => u.SetProperty(x => x.MustChangePassword, false));
        // Printing signs with the edition's key; the instances verify with its public half from the database.
        using var keys = new BadgeKeyService(db, new EphemeralDataProtectionProvider(), TimeProvider.System);
        var issuer = new BadgeIssuer(db, keys, TimeProvider.System);
        var badges = new List<BadgeIssue>();
        foreach (var id in edition.RegistrationIds) badges.Add((await issuer.CurrentAsync(id))!);

        var playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        started.Push(new DisposeAction(() => { playwright.Dispose(); return ValueTask.CompletedTask; }));
        var browser = await playwright.Chromium.LaunchAsync(new()
        {
            ExecutablePath = BrowserFixture.ChromiumPath, Headless = true, Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage"],
        });
        started.Push(browser);
        // One browser profile for both: 127.0.0.1 on two ports shares cookies like one host behind a proxy, so the
        // login cookie A issues must open B's pages too (shared data-protection keys).
        var context = await browser.NewContextAsync(new() { ViewportSize = new() { Width = 1280, Height = 900 }, Locale = "en-GB" });
        context.SetDefaultTimeout(30_000);
        var dashboard = await context.NewPageAsync();
        var pair = new Pair
        {
            Database = database, A = a, B = b, Edition = edition, Badges = badges, Playwright = playwright, Browser = browser, Context = context,
            Dashboard = dashboard, Shots = $"instances-{(database.IsPostgreSql ? "postgresql" : "sqlite")}-{slug}",
        };

        var dashboardPath = $"/organiser/editions/{edition.EditionId}/checkin";
        await dashboard.GotoAsync(new Uri(a.BaseAddress, "/account/login?ReturnUrl=" + Uri.EscapeDataString(dashboardPath)).ToString());
        await dashboard.FillAsync("#email", email);
        await dashboard.FillAsync("#password", password);
        await dashboard.ClickAsync("form.doc-form button[type=submit]");
        await dashboard.WaitForURLAsync($"**{dashboardPath}");
        await Assertions.Expect(pair.Total).ToContainTextAsync($"0 / {people}");
        // The hub connection is up and the page joined the edition's group: from here on no hint can be missed.
        await Assertions.Expect(dashboard.Locator("[data-testid=live-state]")).ToHaveAttributeAsync("data-across-instances", "connected");
        await Assertions.Expect(dashboard.Locator("[data-testid=live-state]")).ToContainTextAsync("live, all instances");
        return pair;
    }

    [Theory]
    [MemberData(nameof(SharedTestDatabase.Providers), MemberType = typeof(SharedTestDatabase))]
    public async Task ScanOnInstanceB_When_BadgeCheckedInOnA_IsRefusedAndShowsOnAsDashboard(string provider)
    {
        await using var redis = await RedisTestServer.StartAsync();
        await using var pair = await StartPairAsync(redis, 3, "two-instances", provider);
        var (first, second) = (pair.Badges[0], pair.Badges[1]);

        // Door 1 on instance A checks the first person in; A's own dashboard hears it in-process.
        var doorA = await OpenScannerAsync(pair.Context, pair.A, 3);
        await ScanAsync(doorA, first.ShortCode);
        await Assertions.Expect(doorA.Locator("[data-testid=checkin-result]")).ToHaveAttributeAsync("data-outcome", "accepted");
        await Assertions.Expect(pair.Total).ToContainTextAsync("1 / 3");

        // Door 2 on instance B: the same badge is refused as already checked in (B read A's write, not its own memory).
        var doorB = await OpenScannerAsync(pair.Context, pair.B, 3);
        await ScanAsync(doorB, first.ShortCode);
        var resultB = doorB.Locator("[data-testid=checkin-result]");
        await Assertions.Expect(resultB).ToHaveAttributeAsync("data-outcome", "alreadyInside");
        await Assertions.Expect(resultB).ToContainTextAsync("Already checked in");
        await Assertions.Expect(resultB).ToContainTextAsync("Ana1 Petrović1");
        await doorB.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"{pair.Shots}-1-door-b-already-checked-in.png") });
        await using (var ctx = await pair.Database.Factory.CreateDbContextAsync())
        {
            var outcomes = await ctx.ScanLog.Where(s => s.RegistrationId == pair.Edition.RegistrationIds[0]).OrderBy(s => s.Id).Select(s => s.Outcome).ToListAsync();
            Assert.Equal([ScanOutcome.Accepted, ScanOutcome.AlreadyInside], outcomes);
        }
        // ...and A's dashboard shows B's refusal, relayed through Redis (the timer refresh is off).
        await Assertions.Expect(pair.LastScans).ToContainTextAsync("AlreadyInside", new() { Timeout = 15_000 });

        // B checks the second person in: A's dashboard counts them and lists them.
        await ScanAsync(doorB, second.ShortCode);
        await Assertions.Expect(resultB).ToHaveAttributeAsync("data-outcome", "accepted");
        await Assertions.Expect(resultB).ToContainTextAsync("Ana2 Petrović2");
        await Assertions.Expect(pair.Total).ToContainTextAsync("2 / 3", new() { Timeout = 15_000 });
        await Assertions.Expect(pair.LastScans).ToContainTextAsync("Ana2 Petrović2");
        // Each row keeps its own outcome colour as newer scans push it down (green accepted, amber already inside).
        var rows = pair.LastScans.Locator("tr");
        var accepted = rows.Filter(new() { HasText = "Ana2 Petrović2" }).Locator(".mud-chip");
        await Assertions.Expect(accepted).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-chip-color-success"));
        Assert.DoesNotContain("mud-chip-color-warning", await accepted.GetAttributeAsync("class") ?? "", StringComparison.Ordinal);
        // What a person sees, not only the class list: painted like the first accepted scan (the last row), not amber.
        Assert.Equal(await rows.Last.Locator(".mud-chip").EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"),
            await accepted.EvaluateAsync<string>("e => getComputedStyle(e).backgroundColor"));
        await Assertions.Expect(rows.Filter(new() { HasText = "AlreadyInside" }).Locator(".mud-chip")).ToHaveClassAsync(new System.Text.RegularExpressions.Regex("mud-chip-color-warning"));
        await pair.Dashboard.BringToFrontAsync();
        await pair.Dashboard.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"{pair.Shots}-2-dashboard-a-shows-b.png"), FullPage = true });
    }

    [Fact]
    public async Task Scanning_When_RedisGoesDownAndComesBack_KeepsWorkingAndTheDashboardHearsTheOtherInstanceAgain()
    {
        // A Redis of this test's own: it is stopped and started again, which test.sh's shared one must never be.
        await using var redis = await RedisTestServer.StartOwnAsync();
        const int people = 12;
        await using var pair = await StartPairAsync(redis, people, "redis-restart");
        var doorA = await OpenScannerAsync(pair.Context, pair.A, people);
        var doorB = await OpenScannerAsync(pair.Context, pair.B, people);

        await redis.StopAsync();
        // Both doors keep checking people in while Redis is down...
        await ScanAsync(doorB, pair.Badges[0].ShortCode);
        await Assertions.Expect(doorB.Locator("[data-testid=checkin-result]")).ToHaveAttributeAsync("data-outcome", "accepted");
        await ScanAsync(doorA, pair.Badges[1].ShortCode);
        await Assertions.Expect(doorA.Locator("[data-testid=checkin-result]")).ToHaveAttributeAsync("data-outcome", "accepted");
        // ...A's dashboard still hears A's own scan at once (in-process; its refresh reads B's from the database too)...
        await Assertions.Expect(pair.LastScans).ToContainTextAsync("Ana2 Petrović2", new() { Timeout = 15_000 });
        await Assertions.Expect(pair.Total).ToContainTextAsync($"2 / {people}");
        // ...and says that it cannot hear the other instances live, instead of "live, all instances".
        var liveState = pair.Dashboard.Locator("[data-testid=live-state]");
        await Assertions.Expect(liveState).ToContainTextAsync("Redis is unreachable", new() { Timeout = 30_000 });
        await Assertions.Expect(liveState).ToHaveAttributeAsync("data-across-instances", "no");
        // "Updated" is the edition's time (Belgrade, the seed's zone), like the scans' times, not the server's UTC clock.
        var updated = TimeOnly.ParseExact(((await liveState.TextContentAsync()) ?? "").Split(' ')[1], "HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
        var belgradeNow = TimeOnly.FromDateTime(TimeZoneInfo.ConvertTimeBySystemTimeZoneId(DateTime.UtcNow, "Europe/Belgrade"));
        Assert.True(Math.Abs((belgradeNow - updated).TotalMinutes) is < 2 or > 24 * 60 - 2, $"Updated {updated}, while it is {belgradeNow} in Belgrade.");
        await pair.Dashboard.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"{pair.Shots}-1-redis-down.png"), FullPage = true });
        // ...and B said once in its log that it could not tell the others.
        await WaitForAsync(() => pair.B.Output.Contains("not sent to the other instances", StringComparison.Ordinal), "B's warning about Redis");

        // Redis is back: the instances reconnect by themselves, and B's next scans reach A's dashboard again. Hints sent
        // before B's connection is up again are lost by design, so B checks in one more person until one shows.
        await redis.RestartAsync();
        var seen = false;
        for (var next = 2; next < people && !seen; next++)
        {
            await ScanAsync(doorB, pair.Badges[next].ShortCode);
            await Assertions.Expect(doorB.Locator("[data-testid=checkin-result]")).ToContainTextAsync($"Ana{next + 1} Petrović{next + 1}");
            try
            {
                await Assertions.Expect(pair.LastScans).ToContainTextAsync($"Ana{next + 1} Petrović{next + 1}", new() { Timeout = 5_000 });
                seen = true;
            }
            catch (PlaywrightException) { }
        }
        Assert.True(seen, "after Redis came back no scan on B reached A's dashboard");
        await Assertions.Expect(liveState).ToHaveAttributeAsync("data-across-instances", "connected");
        await Assertions.Expect(liveState).ToContainTextAsync("live, all instances");
        await pair.Dashboard.ScreenshotAsync(new() { Path = Path.Combine(BrowserFixture.ScreenshotFolder, $"{pair.Shots}-2-redis-back.png"), FullPage = true });
    }

    private sealed class DisposeAction(Func<ValueTask> dispose) : IAsyncDisposable
    {
        public ValueTask DisposeAsync() => dispose();
    }

    private static async Task WaitForAsync(Func<bool> condition, string what)
    {
        for (var i = 0; i < 300 && !condition(); i++) await Task.Delay(100);
        Assert.True(condition(), $"timed out waiting for {what}");
    }

    private static async Task<IPage> OpenScannerAsync(IBrowserContext context, RunningApp app, int badges)
    {
        var page = await context.NewPageAsync();
        await page.GotoAsync(new Uri(app.BaseAddress, "/checkin").ToString());
        Assert.EndsWith("/checkin", page.Url, StringComparison.Ordinal); // the cookie from A was accepted, no login form
        // The offline list (everyone has a badge) has loaded: the scanner has picked the edition and its first point.
        await Assertions.Expect(page.Locator("[data-testid=checkin-root]")).ToHaveAttributeAsync("data-list-size", badges.ToString(System.Globalization.CultureInfo.InvariantCulture));
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
