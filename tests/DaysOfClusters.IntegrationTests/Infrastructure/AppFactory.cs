using System.Collections.Concurrent;
using System.Net;
using System.Text.RegularExpressions;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Data.Seeding;
using DaysOfClusters.Web.Features.Accounts;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Identity;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.AspNetCore.TestHost;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;

namespace DaysOfClusters.IntegrationTests.Infrastructure;

/// <summary>Captures the first organiser's one-time login instead of printing it.</summary>
public sealed class CapturingBootstrapLoginSink : IBootstrapLoginSink
{
    public ConcurrentQueue<BootstrapLogin> Logins { get; } = new();
    public void Publish(BootstrapLogin login) => Logins.Enqueue(login);
}

/// <summary>
/// The real app (Program) in the test host, on its own SQLite file in a fresh temporary data folder, environment "Testing";
/// on its own PostgreSQL database when the suite runs on PostgreSQL (<see cref="TestDatabase"/>), unless pinned to a
/// provider. Pass an existing folder to start the app a second time on the same data.
/// The one test host: the feature fixtures (<c>RegistrationAppFactory</c>, <c>AgendaAppFactory</c>, …) derive from it and
/// add only their settings, services and data helpers.
/// </summary>
public partial class AppFactory : WebApplicationFactory<Program>
{
    public const string TestPassword = "correct-horse-battery-staple";

    private readonly bool _ownsFolder;
    private readonly IReadOnlyDictionary<string, string?> _settings;

    private readonly Action<IServiceCollection>? _services;

    public AppFactory(string? dataFolder = null, bool demoDisabled = true, IReadOnlyDictionary<string, string?>? settings = null, DatabaseProvider? provider = null,
        Action<IServiceCollection>? services = null)
    {
        _services = services;
        _ownsFolder = dataFolder is null;
        _settings = settings ?? new Dictionary<string, string?>();
        DataFolder = dataFolder ?? Directory.CreateTempSubdirectory("doc-it-").FullName;
        DemoDisabled = demoDisabled;
        Database = TestDatabase.ForFolder(DataFolder, owner: _ownsFolder, provider);
    }

    public TestDatabase Database { get; }

    public string DataFolder { get; }
    public bool DemoDisabled { get; }
    public CapturingBootstrapLoginSink BootstrapLogins { get; } = new();

    /// <summary>False: the host is handed over while its demo data may still be loading (tests of that state).</summary>
    protected virtual bool WaitsForDemoData => true;

    /// <summary>Started, and with its demo data in: the app loads it after it starts listening, and tests read it at once.</summary>
    protected override IHost CreateHost(IHostBuilder builder)
    {
        var host = base.CreateHost(builder);
        if (WaitsForDemoData) host.Services.GetRequiredService<DemoDataLoader>().Ready.WaitAsync(TimeSpan.FromMinutes(2)).GetAwaiter().GetResult();
        return host;
    }

    protected override void ConfigureWebHost(IWebHostBuilder builder)
    {
        builder.UseEnvironment("Testing");
        builder.UseSetting("Data:Folder", DataFolder);
        builder.UseSetting("Demo:Disabled", DemoDisabled ? "true" : "false");
        Database.ApplyTo(builder);
        ApplyTestDefaults(builder);
        foreach (var (key, value) in _settings) builder.UseSetting(key, value);
        builder.ConfigureTestServices(services =>
        {
            services.AddSingleton<IBootstrapLoginSink>(BootstrapLogins);
            AddTestServices(services);
            _services?.Invoke(services);
        });
    }

    /// <summary>A feature fixture's services (a movable clock, a test sign-in scheme), registered after the app's own.</summary>
    protected virtual void AddTestServices(IServiceCollection services)
    {
    }

    public T Get<T>() where T : notnull => Services.GetRequiredService<T>();

    public IDbContextFactory<AppDbContext> Db => Services.GetRequiredService<IDbContextFactory<AppDbContext>>();

    public async Task<AppDbContext> DbAsync() => await Db.CreateDbContextAsync();

    /// <summary>The folder the app writes e-mails to when no SMTP server is configured.</summary>
    public string MailFolder => Path.Combine(DataFolder, "mail-pickup");

    /// <summary>
    /// What every test host needs outside Development: the public base of e-mail links (the test server answers as
    /// localhost), and log-in limits high enough for suites that log in many users within a minute from one address.
    /// Tests of those limits override them.
    /// </summary>
    public static void ApplyTestDefaults(IWebHostBuilder builder)
    {
        builder.UseSetting("App:PublicBaseUrl", "http://localhost");
        builder.UseSetting("RateLimits:LoginPerIp", "100000");
        builder.UseSetting("RateLimits:LoginPerAccount", "100000");
    }

    /// <summary>Makes sure the host (and so the start-up tasks) has run.</summary>
    public AppFactory Started()
    {
        _ = Services;
        return this;
    }

    public async Task<T> WithDbAsync<T>(Func<AppDbContext, Task<T>> action)
    {
        var factory = Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync();
        return await action(db);
    }

    /// <summary>Creates an active user in the given role, with a known password that need not be changed.</summary>
    public async Task<AppUser> CreateUserAsync(string role, string? email = null, bool mustChangePassword = false)
    {
        using var scope = Services.CreateScope();
        var users = scope.ServiceProvider.GetRequiredService<UserManager<AppUser>>();
        email ??= $"{role.ToLowerInvariant()}-{Guid.NewGuid():N}@test.local";
        var user = new AppUser
        {
            UserName = email, Email = email, EmailConfirmed = true, DisplayName = role, LockoutEnabled = true,
            MustChangePassword = mustChangePassword, CreatedUtc = DateTime.UtcNow,
        };
        var created = await users.CreateAsync(user, TestPassword);
        Assert.True(created.Succeeded, string.Join("; ", created.Errors.Select(e => e.Description)));
        Assert.True((await users.AddToRoleAsync(user, role)).Succeeded);
        return user;
    }

    /// <summary>A client that keeps cookies and does not follow redirects, so tests see every 302.</summary>
    public HttpClient CreateBrowserlikeClient() =>
        CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false, HandleCookies = true, BaseAddress = new Uri("http://localhost") });

    /// <summary>Logs in through the real login page (static SSR form with antiforgery); returns the response to the post.</summary>
    public static async Task<HttpResponseMessage> PostLoginAsync(HttpClient client, string email, string password)
    {
        var page = await client.GetAsync(new Uri("/account/login", UriKind.Relative));
        Assert.Equal(HttpStatusCode.OK, page.StatusCode);
        var token = AntiforgeryToken(await page.Content.ReadAsStringAsync());
        using var form = new FormUrlEncodedContent(new Dictionary<string, string>
        {
            ["_handler"] = "login",
            ["__RequestVerificationToken"] = token,
            ["Input.Email"] = email,
            ["Input.Password"] = password,
        });
        return await client.PostAsync(new Uri("/account/login", UriKind.Relative), form);
    }

    /// <summary>A client logged in as a new user of the role (or the given user), through the real login form.</summary>
    public async Task<HttpClient> CreateLoggedInClientAsync(string role)
    {
        var user = await CreateUserAsync(role);
        var client = CreateBrowserlikeClient();
        var response = await PostLoginAsync(client, user.Email!, TestPassword);
        Assert.True(response.StatusCode is HttpStatusCode.Redirect or HttpStatusCode.Found or HttpStatusCode.SeeOther,
            $"Login as {role} answered {(int)response.StatusCode}, not a redirect.");
        return client;
    }

    /// <summary>The path of a redirect target, whether the Location header is absolute or relative.</summary>
    public static string? PathOf(HttpResponseMessage response)
    {
        var location = response.Headers.Location;
        if (location is null) return null;
        return location.IsAbsoluteUri ? location.AbsolutePath : location.OriginalString.Split('?')[0];
    }

    public static string AntiforgeryToken(string html)
    {
        var match = TokenPattern().Match(html);
        Assert.True(match.Success, "No antiforgery token in the page.");
        return WebUtility.HtmlDecode(match.Groups[1].Value);
    }

    [GeneratedRegex("name=\"__RequestVerificationToken\"[^>]*value=\"([^\"]+)\"")]
    private static partial Regex TokenPattern();

    public override async ValueTask DisposeAsync()
    {
        await base.DisposeAsync();
        Database.Dispose();
        if (_ownsFolder)
        {
            try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        }
        GC.SuppressFinalize(this);
    }
}
