using System.Diagnostics;

namespace DaysOfClusters.Bench;

/// <summary>Cold start of the real app (a fresh data folder; `--provider PostgreSQL --connection …` for a fresh PostgreSQL database) until `/health` first answers 200.</summary>
public static class StartupScenario
{
    public static async Task<Dictionary<string, object?>> RunAsync(BenchOptions options)
    {
        var runs = options.GetInt("runs", 3);
        var startups = new List<double>();
        var peaks = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            // A fresh, empty database each run (SQLite file or PostgreSQL database): every start migrates and seeds.
            await using var database = await BenchDatabase.CreateAsync(options);
            var sw = Stopwatch.StartNew();
            double peakMb = 0, ms;
            await using (var app = BenchApp.Start("startup", database))
            {
                void SamplePeak()
                {
                    app.Process.Refresh();
                    peakMb = Math.Max(peakMb, app.Process.PeakWorkingSet64 / 1024.0 / 1024.0);
                }
                await app.WaitForHealthAsync(TimeSpan.FromSeconds(60), pollMs: 20, onPoll: SamplePeak);
                ms = sw.Elapsed.TotalMilliseconds;
                SamplePeak();
            }
            startups.Add(ms);
            peaks.Add(peakMb);
            await Console.Error.WriteLineAsync($"run {run}/{runs}: {ms:F0} ms to first 200, peak {peakMb:F0} MB");
        }

        return new Dictionary<string, object?>
        {
            ["scenario"] = "startup",
            ["runs"] = runs,
            ["startup_ms_p50"] = Math.Round(Median(startups), 1),
            ["startup_ms_all"] = startups.Select(s => Math.Round(s, 1)).ToArray(),
            ["peak_mb"] = Math.Round(peaks.Max(), 1),
        };
    }

    internal static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}
