using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Data.Seeding;
using DaysOfClusters.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web;

/// <summary>
/// Migrations, reference data and the first organiser, before the app takes requests; the demo data starts as soon as
/// the reference data is in and goes on while the app starts listening (<see cref="DemoDataLoader"/>).
/// </summary>
public static class StartupTasks
{
    private static readonly DateTime ProcessStart = System.Diagnostics.Process.GetCurrentProcess().StartTime;

    /// <summary>Milliseconds since the process started, for the start-up log.</summary>
    public static long SinceProcessStart() => (long)(DateTime.Now - ProcessStart).TotalMilliseconds;

    public static async Task RunAsync(WebApplication app)
    {
        // Each step's time in the log: where a slow start goes is the first thing to know about it.
        var log = app.Services.GetRequiredService<ILoggerFactory>().CreateLogger(typeof(StartupTasks));
        log.LogInformation("Start-up: host built {Milliseconds} ms after the process started", SinceProcessStart());
        app.Lifetime.ApplicationStarted.Register(() =>
            log.LogInformation("Start-up: listening {Milliseconds} ms after the process started", SinceProcessStart()));
        async Task Step(string name, Func<Task> step)
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await step();
            log.LogInformation("Start-up: {Step} took {Milliseconds} ms", name, clock.ElapsedMilliseconds);
        }

        await Step("migrations", () => DatabaseSetup.MigrateAsync(app.Services));

        // Two independent lines on the two cores a small server has (issue 19): the reference data and then the demo
        // data on one, the key ring and the first organiser (its password hash is CPU work) on the other. SQLite's busy
        // timeout queues their writes.
        var factory = app.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        var referenceThenDemo = Task.Run(async () =>
        {
            await Step("reference data", async () =>
            {
                await using var db = await factory.CreateDbContextAsync();
                await GeographySeeder.SeedAsync(db);
            });
            // The demo seeders need the countries; they carry on in the background while the app starts listening.
            app.Services.GetRequiredService<DemoDataLoader>().Start();
        });

        await Step("key ring", () => Features.Security.KeyRingEncryption.EncryptPlainKeysAsync(app.Services));
        await Step("first organiser", async () =>
        {
            using var scope = app.Services.CreateScope();
            var login = await scope.ServiceProvider.GetRequiredService<AccountBootstrapper>().EnsureFirstOrganiserAsync();
            if (login is not null)
            {
                // Printed once, to the console only (never to the logs): the password must be changed at first login.
                var sink = scope.ServiceProvider.GetService<IBootstrapLoginSink>() ?? ConsoleBootstrapLoginSink.Instance;
                sink.Publish(login);
            }
        });

        // E-mail hashes stored unkeyed (by an older version) become keyed ones.
        await Step("e-mail hashes", () => app.Services.GetRequiredService<Features.Registration.EmailHasher>().ConvertLegacyHashesAsync(factory));
        await referenceThenDemo;
    }
}
