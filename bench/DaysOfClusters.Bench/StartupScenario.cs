using System.Diagnostics;
using System.Net;
using System.Net.Sockets;

namespace DaysOfClusters.Bench;

/// <summary>Cold start of the real app (a fresh data folder; `--provider PostgreSQL --connection …` for a fresh PostgreSQL database) until `/health` first answers 200.</summary>
public static class StartupScenario
{
    public static async Task<Dictionary<string, object?>> RunAsync(BenchOptions options)
    {
        var runs = options.GetInt("runs", 3);
        var appDll = Path.Combine(AppContext.BaseDirectory, "DaysOfClusters.Web.dll");
        var startups = new List<double>();
        var peaks = new List<double>();
        for (var run = 1; run <= runs; run++)
        {
            var dataDir = Directory.CreateTempSubdirectory("doc-bench-startup-").FullName;
            // A fresh, empty database each run (SQLite file or PostgreSQL database): every start migrates and seeds.
            await using var database = await BenchDatabase.CreateAsync(options);
            var port = FreePort();
            var psi = new ProcessStartInfo("dotnet", $"\"{appDll}\" --urls http://127.0.0.1:{port} --App:PublicBaseUrl http://127.0.0.1:{port} --Data:Folder \"{dataDir}\"{database.ProcessArguments}")
            {
                RedirectStandardOutput = true,
                RedirectStandardError = true,
                WorkingDirectory = AppContext.BaseDirectory,
            };
            psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            var sw = Stopwatch.StartNew();
            using var process = Process.Start(psi)!;
            process.OutputDataReceived += (_, _) => { };
            process.ErrorDataReceived += (_, _) => { };
            process.BeginOutputReadLine();
            process.BeginErrorReadLine();
            double peakMb = 0;
            while (sw.Elapsed < TimeSpan.FromSeconds(60))
            {
                process.Refresh();
                peakMb = Math.Max(peakMb, process.PeakWorkingSet64 / 1024.0 / 1024.0);
                try
                {
                    using var response = await http.GetAsync(new Uri($"http://127.0.0.1:{port}/health"));
                    if (response.StatusCode == HttpStatusCode.OK) break;
                }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) { }
                await Task.Delay(20);
            }
            var ms = sw.Elapsed.TotalMilliseconds;
            process.Refresh();
            peakMb = Math.Max(peakMb, process.PeakWorkingSet64 / 1024.0 / 1024.0);
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
            startups.Add(ms);
            peaks.Add(peakMb);
            await Console.Error.WriteLineAsync($"run {run}/{runs}: {ms:F0} ms to first 200, peak {peakMb:F0} MB");
            try { Directory.Delete(dataDir, recursive: true); } catch (IOException) { }
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

    internal static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
