using System.Collections.Concurrent;
using System.Diagnostics;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Data.Seeding;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using DaysOfClusters.Web.Infrastructure.Mail;
using Microsoft.AspNetCore.DataProtection;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Hosting;
using Microsoft.Extensions.Logging;

namespace DaysOfClusters.Bench;

/// <summary>
/// `registration --count 1000 --clients 50 --capacity 500 [--provider PostgreSQL --connection "…"]`: the app's own
/// RegistrationWriter (same registrations as the app, e-mails to the pickup folder) on a real SQLite file in a temporary
/// folder, or a fresh PostgreSQL database, called by N concurrent clients.
/// </summary>
public static class RegistrationScenario
{
    public static async Task<Dictionary<string, object?>> RunAsync(BenchOptions options)
    {
        var count = options.GetInt("count", 1000);
        var clients = options.GetInt("clients", 50);
        var capacity = options.GetInt("capacity", 500);
        var dataDir = Directory.CreateTempSubdirectory("doc-bench-registration-").FullName;
        await using var database = await BenchDatabase.CreateAsync(options);
        try
        {
            var builder = Host.CreateApplicationBuilder();
            builder.Configuration.AddInMemoryCollection(new Dictionary<string, string?>(database.Settings) { ["Data:Folder"] = dataDir });
            builder.Logging.ClearProviders();
            builder.Services.AddSingleton(TimeProvider.System);
            builder.Services.AddAppDatabase(builder.Configuration, builder.Environment);
            builder.Services.AddDataProtection().PersistKeysToFileSystem(new DirectoryInfo(Path.Combine(dataDir, "keys"))).SetApplicationName("DaysOfClusters.Bench");
            builder.Services.AddMail();
            builder.Services.AddRegistration();
            using var host = builder.Build();
            await DatabaseSetup.MigrateAsync(host.Services);

            int editionId;
            var factory = host.Services.GetRequiredService<IDbContextFactory<AppDbContext>>();
            await using (var db = await factory.CreateDbContextAsync())
            {
                await GeographySeeder.SeedAsync(db);
                var edition = new Edition
                {
                    Ordinal = 99, Title = "Bench edition", Slug = "bench", HostCity = "Niš", CountryCode = "RS", StartDate = new DateOnly(2027, 10, 14),
                    EndDate = new DateOnly(2027, 10, 15), TimeZoneId = "Europe/Belgrade", Capacity = capacity, Status = EditionStatus.Open, CreatedUtc = DateTime.UtcNow,
                };
                db.Editions.Add(edition);
                await db.SaveChangesAsync();
                db.RegistrationCategories.AddRange(DefaultCategories.For(edition.Id));
                await db.SaveChangesAsync();
                editionId = edition.Id;
            }

            var days = new List<DateOnly> { new(2027, 10, 14), new(2027, 10, 15) };
            var inputs = new RegistrationGenerator().Attendees(count, seed: 4242).Select(a => new RegistrationInput
            {
                FirstName = a.FirstName, LastName = a.LastName, Email = a.Email, Organisation = a.Organisation, OrganisationType = a.OrganisationType,
                JobTitle = a.JobTitle, CountryCode = a.CountryCode, DaysAttending = [.. days], PrivacyConsent = true,
            }).ToArray();

            var service = host.Services.GetRequiredService<RegistrationWriter>();
            await host.Services.GetRequiredService<RegistrationSeats>().EnsureCountersAsync(editionId);
            var latencies = new ConcurrentBag<double>();
            var outcomes = new ConcurrentDictionary<RegisterOutcome, int>();
            var failures = 0;
            var next = -1;
            await Console.Error.WriteLineAsync($"registration: {count} registrations, {clients} clients, capacity {capacity}, {database.Label}, data {dataDir}");
            var cpuBefore = Process.GetCurrentProcess().TotalProcessorTime;
            var total = Stopwatch.StartNew();
            var workers = Enumerable.Range(0, clients).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < count)
                {
                    var sw = Stopwatch.StartNew();
                    try
                    {
                        var result = await service.RegisterAsync(editionId, inputs[i], RegistrationCaller.System);
                        outcomes.AddOrUpdate(result.Outcome, 1, (_, n) => n + 1);
                    }
                    catch (Exception e)
                    {
                        Interlocked.Increment(ref failures);
                        await Console.Error.WriteLineAsync($"  failed: {e.GetType().Name}: {e.Message}");
                    }
                    latencies.Add(sw.Elapsed.TotalMilliseconds);
                    if ((i + 1) % 200 == 0) await Console.Error.WriteLineAsync($"  {i + 1}/{count}");
                }
            })).ToArray();
            await Task.WhenAll(workers);
            total.Stop();
            // The machine may be shared: CPU time per registration shows the cost independently of what else runs.
            var cpu = Process.GetCurrentProcess().TotalProcessorTime - cpuBefore;

            await using var check = await factory.CreateDbContextAsync();
            var stored = await check.Registrations.Where(r => r.EditionId == editionId).Select(r => new { r.Status, r.EmailNormalized }).ToListAsync();
            var sorted = latencies.Order().ToArray();
            double Percentile(double p) => sorted.Length == 0 ? 0 : sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
            return new Dictionary<string, object?>
            {
                ["scenario"] = "registration",
                ["provider"] = database.Label,
                ["count"] = count,
                ["clients"] = clients,
                ["capacity"] = capacity,
                ["confirmed"] = stored.Count(r => r.Status == RegistrationStatus.Confirmed),
                ["waitlisted"] = stored.Count(r => r.Status == RegistrationStatus.Waitlisted),
                ["lost"] = count - stored.Count,
                ["duplicates"] = stored.Count - stored.Select(r => r.EmailNormalized).Distinct().Count(),
                ["refused"] = outcomes.Where(o => o.Key != RegisterOutcome.Registered).Sum(o => o.Value),
                ["errors"] = failures,
                ["per_s"] = Math.Round(count / total.Elapsed.TotalSeconds, 1),
                ["p50_ms"] = Math.Round(Percentile(0.50), 1),
                ["p99_ms"] = Math.Round(Percentile(0.99), 1),
                ["cpu_ms_per_registration"] = Math.Round(cpu.TotalMilliseconds / count, 2),
            };
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }
}
