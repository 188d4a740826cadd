using System.Diagnostics;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Data.Seeding;
using DaysOfClusters.Web.Features.CheckIn;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using DaysOfClusters.Web.Features.Statistics;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaysOfClusters.Bench;

/// <summary>
/// `stats --registrations 100000 --editions 10`: generated registrations on SQLite (30 % returning people, 85 % confirmed,
/// 70 % of those checked in through the real check-in tables: three entrance points per edition, some people at two), then
/// everything the statistics page loads (its edition picker and the whole report) for one edition and for all editions.
/// JSON: `ms_one_edition` and `ms_all_editions` are the medians of each page; `ms` the median of both pages loaded one
/// after the other (the figure the goal is about); `count_ms` a bare count of registrations in the same run.
/// </summary>
public static class StatsScenario
{
    public static async Task<Dictionary<string, object?>> RunAsync(BenchOptions options)
    {
        var total = options.GetInt("registrations", 100_000);
        var editionCount = options.GetInt("editions", 10);
        var runs = options.GetInt("runs", 7);
        // --db FILE: measure on that database (seeded by an earlier run with --keep; migrated first) instead of seeding a new one.
        var existing = options.Get("db");
        var folder = existing is null ? Directory.CreateTempSubdirectory("doc-bench-stats-").FullName : Path.GetDirectoryName(Path.GetFullPath(existing))!;
        var keep = existing is not null || options.Get("keep") is not null;
        try
        {
            var connection = new SqliteConnectionStringBuilder { DataSource = existing is null ? Path.Combine(folder, "stats.db") : Path.GetFullPath(existing), Pooling = true }.ToString();
            var services = new ServiceCollection();
            var logSql = options.Get("sql") is not null;
            services.AddDbContextFactory<AppDbContext>(o =>
            {
                DatabaseSetup.Configure(o, connection);
                // --sql: every statement with its duration on stderr, to see which query costs what.
                if (logSql) o.LogTo(Console.Error.WriteLine, [Microsoft.EntityFrameworkCore.Diagnostics.RelationalEventId.CommandExecuted]);
            });
            await using var provider = services.BuildServiceProvider();
            var migrateWatch = Stopwatch.StartNew();
            await DatabaseSetup.MigrateAsync(provider);
            var migrateSeconds = migrateWatch.Elapsed.TotalSeconds;
            var factory = provider.GetRequiredService<IDbContextFactory<AppDbContext>>();
            var seedWatch = Stopwatch.StartNew();
            List<int> editionIds;
            if (existing is null)
            {
                editionIds = await SeedAsync(factory, total, editionCount);
                await Console.Error.WriteLineAsync($"seeded {total} registrations in {editionCount} editions in {seedWatch.Elapsed.TotalSeconds:F1} s");
            }
            else
            {
                await using var db = await factory.CreateDbContextAsync();
                editionIds = await db.Editions.OrderBy(e => e.Ordinal).Select(e => e.Id).ToListAsync();
                total = await db.Registrations.CountAsync();
                editionCount = editionIds.Count;
                await Console.Error.WriteLineAsync($"using {existing}: {total} registrations in {editionCount} editions (migrations applied in {migrateSeconds:F1} s)");
            }

            var service = new StatisticsService(factory, TimeProvider.System);
            var one = editionIds[^1];
            var counts = new List<double>();
            var both = new List<double>();
            var edition = new List<double>();
            var all = new List<double>();
            // CPU time of this process per page: on a machine shared with other work the wall-clock figures include waiting
            // for a core, this one does not.
            var editionCpu = new List<double>();
            var allCpu = new List<double>();
            var process = Process.GetCurrentProcess();
            double CpuMs() { process.Refresh(); return process.TotalProcessorTime.TotalMilliseconds; }
            for (var run = 0; run <= runs; run++)
            {
                var sw = Stopwatch.StartNew();
                await using (var db = await factory.CreateDbContextAsync())
                {
                    _ = await db.Registrations.CountAsync();
                }
                var countMs = sw.Elapsed.TotalMilliseconds;
                // What the page loads: the edition picker, then the report of the chosen scope.
                var cpu = CpuMs();
                sw.Restart();
                _ = await service.EditionChoicesAsync();
                var e = await service.ReportAsync(one);
                var editionMs = sw.Elapsed.TotalMilliseconds;
                var editionCpuMs = CpuMs() - cpu;
                cpu = CpuMs();
                sw.Restart();
                _ = await service.EditionChoicesAsync();
                var a = await service.ReportAsync(null);
                var allMs = sw.Elapsed.TotalMilliseconds;
                var allCpuMs = CpuMs() - cpu;
                if (run == 0)
                {
                    await Console.Error.WriteLineAsync($"warm-up: edition {e!.Headline.Registered} registered / {e.Headline.Attended} attended, {e.Timeline?.Points.Count} timeline days; " +
                        $"all {a!.Headline.Registered} registered / {a.Headline.Attended} attended from {a.Headline.Countries} countries, {a.Arrivals.Count} arrival days, " +
                        $"returning {a.Editions.Sum(g => g.Returning)}");
                    continue;
                }
                counts.Add(countMs);
                edition.Add(editionMs);
                all.Add(allMs);
                both.Add(editionMs + allMs);
                editionCpu.Add(editionCpuMs);
                allCpu.Add(allCpuMs);
                await Console.Error.WriteLineAsync($"run {run}/{runs}: edition {editionMs:F1} ms (cpu {editionCpuMs:F0}), all {allMs:F1} ms (cpu {allCpuMs:F0}), count {countMs:F1} ms");
            }
            var ms = StartupScenario.Median(both);
            var count = StartupScenario.Median(counts);
            return new Dictionary<string, object?>
            {
                ["scenario"] = "stats",
                ["registrations"] = total,
                ["editions"] = editionCount,
                ["runs"] = runs,
                ["ms_covers"] = "one-edition page + all-editions page, each = edition picker + whole report (median of runs)",
                ["ms"] = Math.Round(ms, 1),
                ["ms_one_edition"] = Math.Round(StartupScenario.Median(edition), 1),
                ["ms_all_editions"] = Math.Round(StartupScenario.Median(all), 1),
                ["cpu_ms_one_edition"] = Math.Round(StartupScenario.Median(editionCpu), 1),
                ["cpu_ms_all_editions"] = Math.Round(StartupScenario.Median(allCpu), 1),
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
            // One entrance point per conference day; 70 % of the confirmed people enter on day (Id % 3) + 1, a fifth of those also
            // on the day before (two presence rows), and 1 % of the cancelled ones had checked in before cancelling (not counted).
            var points = Enumerable.Range(0, 3).Select(d => new CheckInPoint
            {
                EditionId = edition.Id, Name = $"Entrance day {d + 1}", Kind = CheckInPointKind.Entrance, Day = start.AddDays(d), SortOrder = d,
                CreatedUtc = start.ToDateTime(TimeOnly.MinValue, DateTimeKind.Utc),
            }).ToList();
            db.CheckInPoints.AddRange(points);
            await db.SaveChangesAsync();
            db.ChangeTracker.Clear();
            var day0 = start.ToDateTime(new TimeOnly(6, 0), DateTimeKind.Utc).ToString("yyyy-MM-dd HH:mm:ss", System.Globalization.CultureInfo.InvariantCulture);
            for (var d = 0; d < 3; d++)
            {
                await db.Database.ExecuteSqlRawAsync(
                    """
                    INSERT INTO Presences (EditionId, PointId, RegistrationId, FirstEntryUtc, InsideSince, EntryCount, ExitCount)
                    SELECT EditionId, {0}, Id, strftime('%Y-%m-%d %H:%M:%S', {1}, '+' || {2} || ' days', '+' || (Id % 180) || ' minutes'), NULL, 1 + Id % 2, Id % 2
                    FROM Registrations
                    WHERE EditionId = {3} AND ((Status = 'Confirmed' AND Id % 10 < 7) OR (Status = 'Cancelled' AND Id % 100 = 0))
                      AND (Id % 3 = {2} OR (Id % 3 = {2} + 1 AND Id % 5 = 0))
                    """,
                    points[d].Id, day0, d, edition.Id);
            }
        }
        await db.Database.ExecuteSqlRawAsync("ANALYZE");
        return ids;
    }
}
