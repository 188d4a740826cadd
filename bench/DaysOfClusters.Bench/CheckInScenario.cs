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
        // --points N: the scans spread over N entrances of the same day (gates of one venue), one after the other.
        var pointCount = Math.Max(1, options.GetInt("points", 1));
        await using var database = await BenchDatabase.CreateAsync(options);
        // All clients share one device token: the per-device rate limit (meant for one real scanner) is lifted.
        var settings = new Dictionary<string, string>
        {
            ["Demo:Disabled"] = "true", ["Logging:LogLevel:Default"] = "Warning", ["RateLimits:CheckInDevice"] = "100000000",
        };
        // --redis host:port: the check-in hub's backplane is on, so every accepted scan is also relayed through Redis.
        if (options.Get("redis") is { } redis) settings["ConnectionStrings:Redis"] = redis;
        await using var app = BenchApp.Start("checkin", database, settings);
        var baseUrl = app.BaseUrl;
        var dataDir = app.DataFolder;
        using var http = new HttpClient { BaseAddress = new Uri(baseUrl), Timeout = TimeSpan.FromSeconds(10) };
        await app.WaitForHealthAsync(TimeSpan.FromSeconds(60));

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
            for (var p = 2; p <= pointCount; p++)
                ctx.CheckInPoints.Add(new CheckInPoint { EditionId = edition.EditionId, Name = $"Entrance gate {p}", Kind = CheckInPointKind.Entrance, Day = DateOnly.FromDateTime(now), SortOrder = 10 + p, CreatedUtc = now });
            var token = DeviceTokenService.NewToken();
            ctx.ScannerDevices.Add(new ScannerDevice { EditionId = edition.EditionId, Name = "bench", TokenHash = DeviceTokenService.Hash(token), CreatedUtc = now });
            await ctx.SaveChangesAsync();
            http.DefaultRequestHeaders.Authorization = new AuthenticationHeaderValue("Bearer", token);
        }
        List<int> points = [edition.PointId];
        await using (var ctx = await db.CreateDbContextAsync())
        {
            points.AddRange(ctx.CheckInPoints.Where(p => p.EditionId == edition.EditionId && p.Name.StartsWith("Entrance gate ")).OrderBy(p => p.SortOrder).Select(p => p.Id));
        }
        if (points.Count != pointCount) throw new BenchFailedException($"Expected {pointCount} check-in points, found {points.Count}.");
        await Console.Error.WriteLineAsync($"seeded {people} people with badges and {pointCount} check-in point(s) in {seedWatch.Elapsed.TotalSeconds:F1} s");

        // The app's own CPU per request: a figure that holds when the machine is busy, unlike the rate.
        double AppCpuMs() { app.Process.Refresh(); return app.Process.TotalProcessorTime.TotalMilliseconds; }
        var next = -1;
        var scanCpuBefore = AppCpuMs();
        var scan = await RunLoadAsync(clients, seconds, async () =>
        {
            var i = Interlocked.Increment(ref next);
            if (i >= codes.Count) throw new InvalidOperationException("Ran out of distinct attendees; raise --people.");
            using var response = await http.PostAsJsonAsync(new Uri("/api/checkin", UriKind.Relative),
                new { code = codes[i], point = points[i % points.Count], nonce = $"bench-{i}", scannedAt = DateTimeOffset.UtcNow });
            if (!response.IsSuccessStatusCode) return false;
            var body = await response.Content.ReadFromJsonAsync<CheckInApiResponse>();
            return body?.Outcome == "accepted";
        });
        var scanCpu = AppCpuMs() - scanCpuBefore;
        await Console.Error.WriteLineAsync($"scans: {scan.Count} in {seconds} s, errors {scan.Errors}");
        var healthCpuBefore = AppCpuMs();
        var health = await RunLoadAsync(clients, seconds, async () =>
        {
            using var response = await http.GetAsync(new Uri("/health", UriKind.Relative));
            return response.IsSuccessStatusCode;
        });
        var healthCpu = AppCpuMs() - healthCpuBefore;
        await Console.Error.WriteLineAsync($"health: {health.Count} in {seconds} s, errors {health.Errors}");

        var scansPerS = scan.Count / scan.Seconds;
        var healthPerS = health.Count / health.Seconds;
        return new Dictionary<string, object?>
        {
            ["scenario"] = "checkin",
            ["provider"] = database.Label,
            ["clients"] = clients,
            ["people"] = people,
            ["points"] = pointCount,
            ["redis"] = options.Get("redis") is not null,
            ["seconds"] = seconds,
            ["scans"] = scan.Count,
            ["scans_per_s"] = Math.Round(scansPerS, 1),
            ["p50_ms"] = Math.Round(Percentile(scan.Latencies, 0.50), 2),
            ["p99_ms"] = Math.Round(Percentile(scan.Latencies, 0.99), 2),
            ["errors"] = scan.Errors,
            ["app_cpu_ms_per_scan"] = scan.Count == 0 ? 0 : Math.Round(scanCpu / scan.Count, 3),
            ["health_per_s"] = Math.Round(healthPerS, 1),
            ["health_p99_ms"] = Math.Round(Percentile(health.Latencies, 0.99), 2),
            ["health_errors"] = health.Errors,
            ["app_cpu_ms_per_health"] = health.Count == 0 ? 0 : Math.Round(healthCpu / health.Count, 3),
            ["ratio"] = Math.Round(healthPerS == 0 ? 0 : scansPerS / healthPerS, 3),
        };
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
