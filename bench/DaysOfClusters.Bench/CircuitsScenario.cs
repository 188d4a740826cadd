using System.Net;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DaysOfClusters.Bench;

/// <summary>
/// `circuits --count 50 [--path /organiser/editions] [--rounds 10] [--provider PostgreSQL --connection "…"]`: the built app
/// (fresh data folder, demo data), the first organiser logged in over HTTP, then N interactive organiser pages opened over
/// real WebSockets as N circuits (<see cref="BlazorCircuitClient"/>). Reports the app process's memory per circuit (resident
/// set before and after, divided by N) and the UI round trip on open circuits (an in-app navigation until its render batch).
/// </summary>
public static class CircuitsScenario
{
    public static async Task<Dictionary<string, object?>> RunAsync(BenchOptions options)
    {
        var count = options.GetInt("count", 50);
        var rounds = options.GetInt("rounds", 10);
        var path = options.Get("path", "/organiser/editions");
        // A text only the page's own interactive render carries: the organiser's editions page links to "new edition".
        var expect = options.Get("expect", "/organiser/editions/new");
        var settleMs = options.GetInt("settle-ms", 3000);
        var timeout = TimeSpan.FromSeconds(options.GetInt("timeout-s", 30));
        await using var database = await BenchDatabase.CreateAsync(options);
        await using var app = BenchApp.Start("circuits", database, new Dictionary<string, string>
        {
            // The circuit host's own log lines show every circuit the server really initialised.
            ["Logging:LogLevel:Microsoft.AspNetCore.Components.Server.Circuits.CircuitHost"] = "Debug",
        });
        // Ready, not only serving: the demo data loading after the start would share the memory and CPU measured here.
        await app.WaitForHealthAsync(TimeSpan.FromSeconds(90), path: "/health/ready");
        var cookies = new CookieContainer();
        using var http = BenchHttp.CreateClient(app, cookies);
        await BenchHttp.LogInFirstOrganiserAsync(http, app, "bench-circuits-" + Guid.NewGuid().ToString("N")[..12]);
        await Console.Error.WriteLineAsync($"circuits: app pid {app.Process.Id} on {app.BaseUrl}, organiser logged in, {count} circuits on {path}");
        // The SignalR client's warnings (e.g. a message it could not bind) on stderr, beside the progress lines.
        using var logging = LoggerFactory.Create(b =>
        {
            b.AddSimpleConsole(o => o.SingleLine = true).SetMinimumLevel(LogLevel.Warning);
            b.Services.Configure<Microsoft.Extensions.Logging.Console.ConsoleLoggerOptions>(o => o.LogToStandardErrorThreshold = LogLevel.Trace);
        });

        var circuits = new List<BlazorCircuitClient>();
        try
        {
            // One circuit first, outside the figures: the first one JITs the circuit, render and interop code.
            var warm = await BlazorCircuitClient.OpenAsync(http, cookies, path, timeout, expect, logging);
            circuits.Add(warm);
            await Console.Error.WriteLineAsync($"warm-up circuit: {warm.RenderBatches} render batch(es), {warm.JsCalls} interop call(s): " +
                string.Join(", ", warm.JsIdentifiers.OrderByDescending(j => j.Value).Select(j => $"{j.Key} ×{j.Value}")));
            await Task.Delay(settleMs);
            var rssBefore = app.ResidentBytes();
            var anonBefore = AnonymousBytes(app);

            var openMs = new List<double>();
            for (var i = 0; i < count; i++)
            {
                var start = System.Diagnostics.Stopwatch.GetTimestamp();
                circuits.Add(await BlazorCircuitClient.OpenAsync(http, cookies, path, timeout, expect, logging));
                openMs.Add(System.Diagnostics.Stopwatch.GetElapsedTime(start).TotalMilliseconds);
                if ((i + 1) % 10 == 0) await Console.Error.WriteLineAsync($"  {i + 1}/{count} circuits open, RSS {app.ResidentBytes() / 1048576.0:F0} MB");
            }
            await Task.Delay(settleMs);
            var rssAfter = app.ResidentBytes();
            var anonAfter = AnonymousBytes(app);
            var measured = circuits.Skip(1).ToList();
            var live = measured.Count(c => c.IsConnected && c.Error is null && c.RenderedExpected);
            await Console.Error.WriteLineAsync($"open: {live}/{count} live, each with a render batch carrying \"{expect}\"; RSS {rssBefore / 1048576.0:F1} → {rssAfter / 1048576.0:F1} MB");
            await Console.Error.WriteLineAsync($"warm-up circuit after settling: {warm.RenderBatches} render batch(es), interop: " +
                string.Join(", ", warm.JsIdentifiers.OrderByDescending(j => j.Value).Select(j => $"{j.Key} ×{j.Value}")));

            // Round trips: each circuit in turn navigates within the app (same page, another query string) and waits for
            // the render batch that answers it; one at a time, so each figure is one round trip on an otherwise idle server.
            var rtt = new List<double>();
            var rttFailures = 0;
            for (var round = 0; round < rounds; round++)
            {
                foreach (var circuit in measured)
                {
                    try { rtt.Add(await circuit.NavigateAsync(new Uri(app.BaseUri, $"{path.TrimStart('/')}?rt={round}").ToString(), timeout)); }
                    catch (Exception e) when (e is TimeoutException or InvalidOperationException) { rttFailures++; }
                }
            }
            var stillLive = measured.Count(c => c.IsConnected && c.Error is null);
            await Console.Error.WriteLineAsync($"round trips: {rtt.Count} ({rttFailures} failed), {stillLive}/{count} circuits still live");
            // CircuitHost's own debug line, one per circuit the server really initialised.
            var serverStarted = app.Output.Split('\n').Count(l => l.Contains("Circuit initialization succeeded", StringComparison.Ordinal));

            var serverErrors = app.Output.Split('\n').Count(l => l.Contains("Unhandled exception in circuit", StringComparison.OrdinalIgnoreCase));
            if (live < count)
                throw new BenchFailedException($"Only {live} of {count} circuits are live and rendered \"{expect}\"; first error: {measured.FirstOrDefault(c => c.Error is not null)?.Error ?? "none reported"}.");
            return new Dictionary<string, object?>
            {
                ["scenario"] = "circuits",
                ["provider"] = database.Label,
                ["path"] = path,
                ["count"] = count,
                ["live"] = live,
                ["server_logged_circuits"] = serverStarted,
                ["render_batches"] = measured.Sum(c => c.RenderBatches),
                ["server_circuit_errors"] = serverErrors,
                ["rss_before_mb"] = Math.Round(rssBefore / 1048576.0, 1),
                ["rss_after_mb"] = Math.Round(rssAfter / 1048576.0, 1),
                ["rss_kb_per_circuit"] = Math.Round((rssAfter - rssBefore) / 1024.0 / count, 1),
                ["anon_kb_per_circuit"] = anonBefore is null || anonAfter is null ? null : Math.Round((anonAfter.Value - anonBefore.Value) / 1024.0 / count, 1),
                ["open_ms_p50"] = Math.Round(Percentile(openMs, 0.50), 1),
                ["open_ms_p99"] = Math.Round(Percentile(openMs, 0.99), 1),
                ["round_trips"] = rtt.Count,
                ["round_trip_failures"] = rttFailures,
                ["rtt_ms_p50"] = Math.Round(Percentile(rtt, 0.50), 2),
                ["rtt_ms_p99"] = Math.Round(Percentile(rtt, 0.99), 2),
            };
        }
        finally
        {
            foreach (var circuit in circuits) await circuit.DisposeAsync();
        }
    }

    /// <summary>RssAnon of /proc/&lt;pid&gt;/status: the resident anonymous memory (heaps), without mapped files; null off Linux.</summary>
    private static long? AnonymousBytes(BenchApp app)
    {
        var status = $"/proc/{app.Process.Id}/status";
        if (!File.Exists(status)) return null;
        var line = File.ReadLines(status).FirstOrDefault(l => l.StartsWith("RssAnon:", StringComparison.Ordinal));
        return line is null ? null : long.Parse(line["RssAnon:".Length..].Trim().Split(' ')[0], System.Globalization.CultureInfo.InvariantCulture) * 1024;
    }

    internal static double Percentile(List<double> values, double p)
    {
        if (values.Count == 0) return 0;
        var sorted = values.Order().ToArray();
        return sorted[Math.Min(sorted.Length - 1, (int)Math.Ceiling(p * sorted.Length) - 1)];
    }
}
