using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Data.Seeding;
using DaysOfClusters.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web;

/// <summary>
/// Migrations, reference data and the first organiser, before the app takes requests; the demo data follows once it
/// listens (<see cref="DemoDataLoader"/>).
/// </summary>
public static class StartupTasks
{
    public static async Task RunAsync(WebApplication app)
    {
        // Each step's time in the log: where a slow start goes is the first thing to know about it.
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StartupTasks));
        var clock = System.Diagnostics.Stopwatch.StartNew();
        var processStart = System.Diagnostics.Process.GetCurrentProcess().StartTime;
        log.LogInformation("Start-up: host built {Milliseconds} ms after the process started", (long)(DateTime.Now - processStart).TotalMilliseconds);
        app.Lifetime.ApplicationStarted.Register(() =>
            log.LogInformation("Start-up: listening {Milliseconds} ms after the process started", (long)(DateTime.Now - processStart).TotalMilliseconds));
        void Step(string name)
        {
            log.LogInformation("Start-up: {Step} took {Milliseconds} ms", name, clock.ElapsedMilliseconds);
            clock.Restart();
        }
        await DatabaseSetup.MigrateAsync(app.Services);
        Step("migrations");
        await Features.Security.KeyRingEncryption.EncryptPlainKeysAsync(app.Services);
        var factory = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using (var db = await factory.CreateDbContextAsync())
        {
            await GeographySeeder.SeedAsync(db);
        }
        Step("reference data");

        using var scope = app.Services.CreateScope();
        var login = await scope.ServiceProvider.GetRequiredService<AccountBootstrapper>().EnsureFirstOrganiserAsync();
        if (login is not null)
        {
            // Printed once, to the console only (never to the logs): the password must be changed at first login.
            var sink = scope.ServiceProvider.GetService<IBootstrapLoginSink>() ?? ConsoleBootstrapLoginSink.Instance;
            sink.Publish(login);
        }
        Step("first organiser");

        // E-mail hashes stored unkeyed (by an older version) become keyed ones.
        await app.Services.GetRequiredService<Features.Registration.EmailHasher>().ConvertLegacyHashesAsync(factory);
        Step("e-mail hashes");
    }
}
