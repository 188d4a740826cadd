using System.Collections.Concurrent;
using System.Globalization;
using Microsoft.Playwright;

namespace DaysOfClusters.EndToEndTests.Infrastructure;

/// <summary>One running app and one headless Debian chromium (never a downloaded browser) for the tests of a class.</summary>
public class BrowserFixture : IAsyncLifetime
{
    public RunningApp App { get; private set; } = default!;
    public IPlaywright Playwright { get; private set; } = default!;
    public IBrowser Browser { get; private set; } = default!;

    // What the browsers printed (Blazor's reconnects, circuit errors), kept with the app's output for a failure's post-mortem.
    private readonly ConcurrentQueue<string> _browserLog = new();

    public static string ChromiumPath => Environment.GetEnvironmentVariable("DOC_CHROMIUM") is { Length: > 0 } p ? p : "/usr/bin/chromium";

    public static string ScreenshotFolder
    {
        get
        {
            var folder = Environment.GetEnvironmentVariable("DOC_SCREENSHOTS") is { Length: > 0 } configured
                ? configured
                : Path.Combine(RunningApp.RepositoryRoot(), "artifacts", "screenshots");
            Directory.CreateDirectory(folder);
            return folder;
        }
    }

    /// <summary>Runs before the app starts and returns extra app settings (e.g. a test SMTP server's port).</summary>
    protected virtual Task<IDictionary<string, string>?> BeforeAppStartsAsync() => Task.FromResult<IDictionary<string, string>?>(null);

    public async Task InitializeAsync()
    {
        App = await RunningApp.StartAsync(await BeforeAppStartsAsync());
        Playwright = await Microsoft.Playwright.Playwright.CreateAsync();
        Browser = await Playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ChromiumPath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }

    public async Task<IPage> NewPageAsync(int width = 1366, int height = 900)
    {
        var context = await Browser.NewContextAsync(new BrowserNewContextOptions
        {
            BaseURL = App.BaseAddress.ToString().TrimEnd('/'),
            ViewportSize = new ViewportSize { Width = width, Height = height },
            Locale = "en-GB",
        });
        context.SetDefaultTimeout(20_000);
        context.Page += (_, page) => Watch(page);
        return await context.NewPageAsync();
    }

    private void Watch(IPage page)
    {
        page.Console += (_, message) => _browserLog.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} {message.Type} {page.Url}: {message.Text}");
        page.PageError += (_, error) => _browserLog.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} pageerror {page.Url}: {error}");
        page.WebSocket += (_, socket) => socket.Close += (_, _) => _browserLog.Enqueue($"{DateTime.UtcNow:HH:mm:ss.fff} websocket closed {socket.Url}");
    }

    public static Task ScreenshotAsync(IPage page, string name, bool fullPage = true) =>
        page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(ScreenshotFolder, name + ".png"), FullPage = fullPage });

    public virtual async Task DisposeAsync()
    {
        if (Browser is not null) await Browser.DisposeAsync();
        if (App is not null)
        {
            var logs = Path.Combine(Path.GetDirectoryName(ScreenshotFolder)!, "logs");
            Directory.CreateDirectory(logs);
            var name = $"{GetType().Name}-{DateTime.UtcNow.ToString("HHmmss", CultureInfo.InvariantCulture)}-{Guid.NewGuid().ToString("N")[..6]}.log";
            await File.WriteAllTextAsync(Path.Combine(logs, name),
                "== browser" + Environment.NewLine + string.Join(Environment.NewLine, _browserLog) + Environment.NewLine + "== app" + Environment.NewLine + App.Output);
        }
        Playwright?.Dispose();
        if (App is not null) await App.DisposeAsync();
    }
}
