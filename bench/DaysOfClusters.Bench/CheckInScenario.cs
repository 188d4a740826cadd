using System.Diagnostics;
using System.Net;
using System.Net.Http.Headers;
using System.Net.Http.Json;
using DaysOfClusters.IntegrationTests.CheckIn;
using DaysOfClusters.Web.Features.Badges;
using DaysOfClusters.Web.Features.CheckIn;
using Microsoft.AspNetCore.DataProtection;

namespace DaysOfClusters.Bench;

/// <summary>
/// `checkin --clients 10 --seconds 30 [--provider PostgreSQL --connection "…"] [--redis host:port]`: the built app on loopback (fresh data folder,
/// SQLite or a fresh PostgreSQL database), N clients posting valid scans of distinct attendees to /api/checkin with a device
/// token, then the same load on GET /health as the reference.
/// </summary>
public static class CheckInScenario
{
    public static async Task<Dictionary<string, object?>> RunAsync(BenchOptions options)
    {
        var clients = options.GetInt("clients", 10);
        var seconds = options.GetInt("seconds", 30);
        var people = options.GetInt("people", 150000); // 30 s at over 2,000 scans/s on a quiet machine needs that many distinct people
        var appDll = Path.Combine(AppContext.BaseDirectory, "DaysOfClusters.Web.dll");
        var dataDir = Directory.CreateTempSubdirectory("doc-bench-checkin-").FullName;
        await using var database = await BenchDatabase.CreateAsync(options);
        var port = StartupScenario.FreePort();
        var baseUrl = $"http://127.0.0.1:{port}";
        // All clients share one device token: the per-device rate limit (meant for one real scanner) is lifted.
        var psi = new ProcessStartInfo("dotnet", $"\"{appDll}\" --urls {baseUrl} --App:PublicBaseUrl {baseUrl} --Data:Folder \"{dataDir}\" --Demo:Disabled true --Logging:LogLevel:Default Warning --RateLimits:CheckInDevice 100000000{database.ProcessArguments}")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, WorkingDirectory = AppContext.BaseDirectory,
        };
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        // --redis host:port: the check-in hub's backplane is on, so every accepted scan is also relayed through Redis.
        if (options.Get("redis") is { } redis) psi.Arguments += $" --ConnectionStrings:Redis {redis}";
        using var process = Process.Start(psi)!;
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(10) };
            for (var i = 0; i < 600; i++)
            {
                try { if ((await http.GetAsync(new Uri("/health", UriKind.Relative))).StatusCode == HttpStatusCode.OK) break; }
                catch (HttpRequestException) { }
                await Task.Delay(100);
            }

            // Seed through the app's own model: edition, people, badges signed with the edition key, a device token.
            var seedWatch = Stopwatch.StartNew();
            var db = database.FactoryFor(dataDir);
            var edition = await CheckInSeed.EditionAsync(db, "bench", people);
            using var keys = new BadgeKeyService(db, new EphemeralDataProtectionProvider(), TimeProvider.System);
            var key = await keys.SigningKeyAsync(edition.EditionId);
            var codes = new List<string>(people);
            await using (var ctx = await db.CreateDbContextAsync())
            {
                var now = DateTime.UtcNow;
                foreach (var id in edition.RegistrationIds)
                {
                    var badge = new IssuedBadge { EditionId = edition.EditionId, RegistrationId = id, TicketId = unchecked((long)BadgeTicketId.NewId()), IssueNumber = 1, CategoryCode = 1, IssuedUtc = now };
                    ctx.IssuedBadges.Add(badge);
                    codes.Add(BadgeToken.Encode(new BadgeTokenPayload(edition.EditionId, badge.TicketIdValue, 1, 1), key));
                }
                var token = DeviceTokenService.NewToken();
                ctx.ScannerDevices.Add(new ScannerDevice { EditionId = edition.EditionId, Name = "bench", TokenHash = DeviceTokenService.Hash(token), CreatedUtc = now });
                await ctx.SaveChangesAsync();
                http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
            }
            await Console.Error.WriteLineAsync($"seeded {people} people with badges in {seedWatch.Elapsed.TotalSeconds:F1} s");

            var next = -1;
            var scan = await RunLoadAsync(clients, seconds, async () =>
            {
                var i = Interlocked.Increment(ref next);
                if (i >= codes.Count) throw new InvalidOperationException("Ran out of distinct attendees; raise --people.");
                using var response = await http.PostAsJsonAsync(new Uri("/api/checkin", UriKind.Relative),
                    new { code = codes[i], point = edition.PointId, nonce = $"bench-{i}", scannedAt = DateTimeOffset.UtcNow });
                if (!response.IsSuccessStatusCode) return false;
                var body = await response.Content.ReadFromJsonAsync<CheckInApiResponse>();
                return body?.Outcome == "accepted";
            });
            await Console.Error.WriteLineAsync($"scans: {scan.Count} in {seconds} s, errors {scan.Errors}");
            var health = await RunLoadAsync(clients, seconds, async () =>
            {
                using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
                return response.IsSuccessStatusCode;
            });
            await Console.Error.WriteLineAsync($"health: {health.Count} in {seconds} s, errors {health.Errors}");

            var scansPerS = scan.Count / scan.Seconds;
            var healthPerS = health.Count / health.Seconds;
            return new Dictionary<string, object?>
            {
                ["scenario"] = "checkin",
                ["provider"] = database.Label,
                ["clients"] = clients,
                ["redis"] = options.Get("redis") is not null,
                ["seconds"] = seconds,
                ["scans"] = scan.Count,
                ["scans_per_s"] = Math.Round(scansPerS, 1),
                ["p50_ms"] = Math.Round(Percentile(scan.Latencies, 0.50), 2),
                ["p99_ms"] = Math.Round(Percentile(scan.Latencies, 0.99), 2),
                ["errors"] = scan.Errors,
                ["health_per_s"] = Math.Round(healthPerS, 1),
                ["health_p99_ms"] = Math.Round(Percentile(health.Latencies, 0.99), 2),
                ["health_errors"] = health.Errors,
                ["ratio"] = Math.Round(healthPerS == 0 ? 0 : scansPerS / healthPerS, 3),
            };
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
        }
    }

    private sealed record LoadResult(int Count, int Errors, double Seconds, List<double> Latencies);

    private static async Task<LoadResult> RunLoadAsync(int clients, int seconds, Func<Task<bool>> call)
    {
        var latencies = new List<double>[clients];
        var errors = 0;
        var sw = Stopwatch.StartNew();
        var until = TimeSpan.FromSeconds(seconds);
        await Task.WhenAll(Enumerable.Range(0, clients).Select(c => Task.Run(async () =>
        {
            var mine = latencies[c] = [];
            while (sw.Elapsed < until)
            {
                var start = Stopwatch.GetTimestamp();
                bool ok;
                try { ok = await call(); }
                catch (Exception e) when (e is HttpRequestException or TaskCanceledException or InvalidOperationException) { ok = false; }
                mine.Add(Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if (!ok) Interlocked.Increment(ref errors);
            }
        })));
        var all = latencies.SelectMany(l => l).ToList();
        return new LoadResult(all.Count, errors, sw.Elapsed.TotalSeconds, all);
    }

    private static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return 0;
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}
