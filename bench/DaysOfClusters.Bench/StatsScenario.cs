using System.Diagnostics;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Data.Seeding;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using DaysOfClusters.Web.Features.Statistics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaysOfClusters.Bench;

/// <summary>
/// `stats --registrations 100000 --editions 10`: generated registrations on SQLite (30 % returning people, 85 % confirmed,
/// 70 % of those checked in through a bench check-in table), then everything the statistics page shows for one edition
/// and for all editions. `ms` is the median of both reports together; `count_ms` a bare count of registrations in the same run.
/// </summary>
public static class StatsScenario
{
    private sealed class BenchAttendance : IAttendanceSource
    {
        public IQueryable<AttendanceArrival> Arrivals(AppDbContext db) =>
            db.Database.SqlQueryRaw<AttendanceArrival>("SELECT RegistrationId, FirstCheckInUtc FROM BenchCheckIns");

        public IQueryable<int> AttendedRegistrationIds(AppDbContext db) => Arrivals(db).Select(a => a.RegistrationId);
    }

    public static async Task<Dictionary<string, object?>> RunAsync(BenchOptions options)
    {
        var total = options.GetInt("registrations", 100_000);
        var editionCount = options.GetInt("editions", 10);
        var runs = options.GetInt("runs", 7);
        var folder = Directory.CreateTempSubdirectory("doc-bench-stats-").FullName;
        var keep = options.Get("keep") is not null;
        try
        {
            var connection = new SqliteConnectionStringBuilder { DataSource = Path.Combine(folder, "stats.db"), Pooling = true }.ToString();
            var services = new ServiceCollection();
            var logSql = options.Get("sql") is not null;
            services.AddDbContextFactory<AppDbContext>(o =>
            {
                DatabaseSetup.Configure(o, connection);
                // --sql: every statement with its duration on stderr, to see which query costs what.
                if (logSql) o.LogTo(Console.Error.WriteLine, [Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted]);
            });
            await using var provider = services.BuildServiceProvider();
            await DatabaseSetup.MigrateAsync(provider);
            var factory = provider.GetRequiredService<IDbContextFactory<AppDbContext>>();
            var seedWatch = Stopwatch.StartNew();
            var editionIds = await SeedAsync(factory, total, editionCount);
            await Console.Error.WriteLineAsync($"seeded {total} registrations in {editionCount} editions in {seedWatch.Elapsed.TotalSeconds:F1} s");

            var service = new StatisticsService(factory, new BenchAttendance(), TimeProvider.System);
            var one = editionIds[^1];
            var counts = new List<double>();
            var both = new List<double>();
            var edition = new List<double>();
            var all = new List<double>();
            for (var run = 0; run <= runs; run++)
            {
                var sw = Stopwatch.StartNew();
                await using (var db = await factory.CreateDbContextAsync())
                {
                    _ = await db.Registrations.CountAsync();
                }
                var countMs = sw.Elapsed.TotalMilliseconds;
                sw.Restart();
                var e = await service.ReportAsync(one);
                var editionMs = sw.Elapsed.TotalMilliseconds;
                sw.Restart();
                var a = await service.ReportAsync(null);
                var allMs = sw.Elapsed.TotalMilliseconds;
                if (run == 0)
                {
                    await Console.Error.WriteLineAsync($"warm-up: edition {e!.Headline.Registered} registered, all {a!.Headline.Registered} registered / {a.Headline.Attended} attended from {a.Headline.Countries} countries");
                    continue;
                }
                counts.Add(countMs);
                edition.Add(editionMs);
                all.Add(allMs);
                both.Add(editionMs + allMs);
                await Console.Error.WriteLineAsync($"run {run}/{runs}: edition {editionMs:F1} ms, all {allMs:F1} ms, count {countMs:F1} ms");
            }
            var ms = StartupScenario.Median(both);
            var count = StartupScenario.Median(counts);
            return new Dictionary<string, object?>
            {
                ["scenario"] = "stats",
                ["registrations"] = total,
                ["editions"] = editionCount,
                ["ms"] = Math.Round(ms, 1),
                ["edition_ms"] = Math.Round(StartupScenario.Median(edition), 1),
                ["all_ms"] = Math.Round(StartupScenario.Median(all), 1),
                ["count_ms"] = Math.Round(count, 2),
                ["ratio"] = Math.Round(ms / Math.Max(count, 0.001), 1),
            };
        }
        finally
        {
            SqliteConnection.ClearAllPools();
            if (keep) await Console.Error.WriteLineAsync($"kept {folder}");
            else try { Directory.Delete(folder, recursive: true); } catch (IOException) { }
        }
    }

    private static async Task<List<int>> SeedAsync(IDbContextFactory<AppDbContext> factory, int total, int editionCount)
    {
        await using var db = await factory.CreateDbContextAsync();
        await GeographySeeder.SeedAsync(db);
        await db.Database.ExecuteSqlRawAsync("CREATE TABLE BenchCheckIns (RegistrationId INTEGER NOT NULL PRIMARY KEY, FirstCheckInUtc TEXT NOT NULL)");
        db.ChangeTracker.AutoDetectChangesEnabled = false;
        var generator = new RegistrationGenerator();
        var random = new Random(42);
        var ids = new List<int>();
        var perEdition = total / editionCount;
        for (var k = 0; k < editionCount; k++)
        {
            var start = new DateOnly(2016 + k, 9, 24);
            var edition = new Edition
            {
                Ordinal = k + 1, Title = $"Bench edition {k + 1}", Slug = $"bench-{k + 1}", HostCity = "Niš", CountryCode = "RS",
                StartDate = start, EndDate = start.AddDays(2), TimeZoneId = "Europe/Belgrade", Status = EditionStatus.Archived,
                RegistrationOpensUtc = start.AddDays(-90).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
                RegistrationClosesUtc = start.AddDays(-1).ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            };
            db.Editions.Add(edition);
            await db.SaveChangesAsync();
            var categories = DefaultCategories.For(edition.Id);
            db.RegistrationCategories.AddRange(categories);
            await db.SaveChangesAsync();
            ids.Add(edition.Id);
            var count = k == editionCount - 1 ? total - perEdition * (editionCount - 1) : perEdition;
            var batch = new List<Registration>(count);
            var i = 0;
            foreach (var a in generator.Attendees(count, seed: 1000 + k))
            {
                var email = i < count * 3 / 10 ? $"returning.{i}@example.org" : a.Email;
                var created = edition.RegistrationOpensUtc!.Value.AddMinutes(random.Next(0, 89 * 24 * 60));
                var roll = random.Next(100);
                batch.Add(new Registration
                {
                    EditionId = edition.Id, CategoryId = categories[i % 15 == 0 ? 1 : 0].Id, FirstName = a.FirstName, LastName = a.LastName,
                    Email = email, EmailNormalized = email, EmailHash = DaysOfClusters.Web.Features.Registration.RegistrationRules.Sha256Hex(email), Organisation = a.Organisation,
                    OrganisationType = a.OrganisationType, CountryCode = a.CountryCode, PrivacyNoticeVersion = "1",
                    Status = roll < 85 ? RegistrationStatus.Confirmed : roll < 90 ? RegistrationStatus.Cancelled : roll < 95 ? RegistrationStatus.Waitlisted : RegistrationStatus.Pending,
                    WaitlistNumber = null, ManageTokenHash = $"bench-{k}-{i}", CreatedUtc = created, UpdatedUtc = created, PrivacyConsentUtc = created,
                });
                i++;
            }
            db.Registrations.AddRange(batch);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            var checkInDay = start.ToDateTime(new TimeOnly(7, 0), DateTimeKind.Utc);
            await db.Database.ExecuteSqlRawAsync(
                "INSERT INTO BenchCheckIns (RegistrationId, FirstCheckInUtc) SELECT Id, strftime('%Y-%m-%d %H:%M:%S', {0}, '+' || (Id % 3) || ' days', '+' || (Id % 180) || ' minutes') FROM Registrations WHERE EditionId = {1} AND Status = 'Confirmed' AND Id % 10 < 7",
                checkInDay.ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture), edition.Id);
        }
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
        return ids;
    }
}
