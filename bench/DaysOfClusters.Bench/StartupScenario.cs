using System.Diagnostics;
using System.Net;

namespace DaysOfClusters.Bench;

/// <summary>
/// `startup [--runs 3] [--app path/DaysOfClusters.Web.dll] [--reference]`: the real app started as a process, per run:
/// on a fresh data folder (or a fresh PostgreSQL database with `--provider PostgreSQL --connection …`) until `/health`
/// first answers 200 (migrations, reference data and the first organiser are done; the demo data loads after that) and
/// until `/health/ready` does (the demo data is in); then again on the database that start left (nothing to migrate or
/// seed). `--app`: another build of the app, such as a ReadyToRun publish. `--reference`: in the same runs, alternately,
/// a bare `dotnet new blazor` app (built once into the temp folder) until `/` first answers 200.
/// </summary>
public static class StartupScenario
{
    public static async Task<Dictionary<string, object?>> RunAsync(BenchOptions options)
    {
        var runs = options.GetInt("runs", 3);
        var appDll = options.Get("app");
        var reference = options.Get("reference") is "true" ? await BlazorReference.EnsureBuiltAsync() : null;
        List<double> fresh = [], ready = [], existing = [], bare = [], peaks = [];
        for (var run = 1; run <= runs; run++)
        {
            // A fresh, empty database each run (SQLite file or PostgreSQL database): the first start migrates and seeds.
            await using var database = await BenchDatabase.CreateAsync(options);
            var dataFolder = Directory.CreateTempSubdirectory("doc-bench-startup-").FullName;
            try
            {
                var sw = Stopwatch.StartNew();
                double peakMb = 0;
                await using (var app = BenchApp.Start("startup", database, appDll: appDll, dataFolder: dataFolder))
                {
                    void SamplePeak()
                    {
                        app.Process.Refresh();
                        peakMb = Math.Max(peakMb, app.Process.PeakWorkingSet64 / 1024.0 / 1024.0);
                    }
                    await app.WaitForHealthAsync(TimeSpan.FromSeconds(60), pollMs: 20, onPoll: SamplePeak);
                    fresh.Add(sw.Elapsed.TotalMilliseconds);
                    await app.WaitForHealthAsync(TimeSpan.FromSeconds(60), pollMs: 20, onPoll: SamplePeak, path: "/health/ready");
                    ready.Add(sw.Elapsed.TotalMilliseconds);
                    SamplePeak();
                }
                peaks.Add(peakMb);

                sw.Restart();
                await using (var again = BenchApp.Start("startup", database, appDll: appDll, dataFolder: dataFolder))
                {
                    await again.WaitForHealthAsync(TimeSpan.FromSeconds(60), pollMs: 20);
                    existing.Add(sw.Elapsed.TotalMilliseconds);
                }
            }
            finally
            {
                try { Directory.Delete(dataFolder, recursive: true); } catch (IOException) { }
            }

            var line = $"run {run}/{runs}: fresh {fresh[^1]:F0} ms to first 200 ({ready[^1]:F0} ms with the demo data), existing database {existing[^1]:F0} ms, peak {peaks[^1]:F0} MB";
            if (reference is not null)
            {
                bare.Add(await BlazorReference.TimeStartAsync(reference));
                line += $"; bare blazor app {bare[^1]:F0} ms";
            }
            await Console.Error.WriteLineAsync(line);
        }

        var figures = new Dictionary<string, object?>
        {
            ["scenario"] = "startup",
            ["runs"] = runs,
            ["app"] = appDll ?? "build beside the bench",
            ["startup_ms_p50"] = Math.Round(Median(fresh), 1),
            ["startup_ms_all"] = fresh.Select(s => Math.Round(s, 1)).ToArray(),
            ["ready_ms_p50"] = Math.Round(Median(ready), 1),
            ["existing_ms_p50"] = Math.Round(Median(existing), 1),
            ["existing_ms_all"] = existing.Select(s => Math.Round(s, 1)).ToArray(),
            ["peak_mb"] = Math.Round(peaks.Max(), 1),
        };
        if (reference is not null)
        {
            figures["reference_ms_p50"] = Math.Round(Median(bare), 1);
            figures["reference_ms_all"] = bare.Select(s => Math.Round(s, 1)).ToArray();
        }
        return figures;
    }

    internal static double Median(IReadOnlyList<double> values)
    {
        var sorted = values.OrderBy(v => v).ToArray();
        return sorted.Length == 0 ? 0 : sorted.Length % 2 == 1 ? sorted[sorted.Length / 2] : (sorted[sorted.Length / 2 - 1] + sorted[sorted.Length / 2]) / 2;
    }
}

/// <summary>The bare `dotnet new blazor` app of the installed SDK: what any Blazor app pays to start on this machine.</summary>
public static class BlazorReference
{
    /// <summary>The reference app's dll, made and built (Release) on first use into the temp folder and reused after.</summary>
    public static async Task<string> EnsureBuiltAsync()
    {
        var folder = Path.Combine(Path.GetTempPath(), "doc-bench-blazor-reference");
        var dll = Path.Combine(folder, "bin", "Release", "net10.0", "BlazorReference.dll");
        if (File.Exists(dll)) return dll;
        await Console.Error.WriteLineAsync($"making the reference app in {folder} (dotnet new blazor, dotnet build -c Release)");
        await DotnetAsync(Path.GetTempPath(), "new", "blazor", "--name", "BlazorReference", "--output", folder, "--force");
        await DotnetAsync(folder, "build", "-c", "Release");
        return File.Exists(dll) ? dll : throw new BenchFailedException($"The reference app did not build to {dll}.");
    }

    /// <summary>Milliseconds from starting the process until `/` first answers 200.</summary>
    public static async Task<double> TimeStartAsync(string dll)
    {
        var url = $"http://127.0.0.1:{BenchApp.FreePort()}";
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(dll)!,
        };
        psi.ArgumentList.Add(dll);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add(url);
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        var sw = Stopwatch.StartNew();
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start the reference app.");
        process.OutputDataReceived += (_, _) => { };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        try
        {
            using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
            while (sw.Elapsed < TimeSpan.FromSeconds(60))
            {
                if (process.HasExited) throw new BenchFailedException($"The reference app exited with {process.ExitCode}.");
                try
                {
                    using var response = await http.GetAsync(new Uri(url + "/"));
                    if (response.StatusCode == HttpStatusCode.OK) return sw.Elapsed.TotalMilliseconds;
                }
                catch (HttpRequestException) { }
                catch (TaskCanceledException) { }
                await Task.Delay(20);
            }
            throw new BenchFailedException("The reference app did not answer 200 within 60 s.");
        }
        finally
        {
            process.Kill(entireProcessTree: true);
            await process.WaitForExitAsync();
        }
    }

    private static async Task DotnetAsync(string workingDirectory, params string[] arguments)
    {
        var psi = new ProcessStartInfo("dotnet") { WorkingDirectory = workingDirectory, RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false };
        foreach (var argument in arguments) psi.ArgumentList.Add(argument);
        using var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start dotnet.");
        var output = process.StandardOutput.ReadToEndAsync();
        var error = process.StandardError.ReadToEndAsync();
        await process.WaitForExitAsync();
        if (process.ExitCode != 0) throw new BenchFailedException($"dotnet {string.Join(' ', arguments)} failed:{Environment.NewLine}{await output}{await error}");
    }
}
