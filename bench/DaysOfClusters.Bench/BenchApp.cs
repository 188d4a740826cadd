using System.Collections.Concurrent;
using System.Diagnostics;
using System.Globalization;
using System.Net;
using System.Net.Sockets;
using System.Text.RegularExpressions;

namespace DaysOfClusters.Bench;

/// <summary>
/// The built app (DaysOfClusters.Web.dll beside the bench) started as a separate process on loopback, on a fresh data folder
/// of its own and the run's database; its console output is kept (the first organiser's one-time login is printed there).
/// Disposing kills the process and deletes the folder.
/// </summary>
public sealed partial class BenchApp : IAsyncDisposable
{
    private readonly ConcurrentQueue<string> _output = new();

    private readonly bool _keepFolder;

    private BenchApp(Process process, string baseUrl, string dataFolder, bool keepFolder)
    {
        Process = process;
        BaseUrl = baseUrl;
        DataFolder = dataFolder;
        _keepFolder = keepFolder;
    }

    public Process Process { get; }
    public string BaseUrl { get; }
    public Uri BaseUri => new(BaseUrl + "/");
    public string DataFolder { get; }
    public string Output => string.Join(Environment.NewLine, _output);

    /// <summary>
    /// Starts the process and returns at once (the caller times the start); <paramref name="settings"/> become `--Key value`
    /// arguments. <paramref name="appDll"/>: another build of the app (e.g. a ReadyToRun publish) instead of the one beside
    /// the bench. <paramref name="dataFolder"/>: an existing data folder, kept on dispose (a second start on the same data).
    /// </summary>
    public static BenchApp Start(string name, BenchDatabase database, IReadOnlyDictionary<string, string>? settings = null, string? appDll = null, string? dataFolder = null)
    {
        var keepFolder = dataFolder is not null;
        dataFolder ??= Directory.CreateTempSubdirectory($"doc-bench-{name}-").FullName;
        appDll = Path.GetFullPath(appDll ?? Path.Combine(AppContext.BaseDirectory, "DaysOfClusters.Web.dll"));
        var baseUrl = $"http://127.0.0.1:{FreePort()}";
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = Path.GetDirectoryName(appDll)!,
        };
        psi.ArgumentList.Add(appDll);
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add(baseUrl);
        // Outside Development the app refuses to start without its public address (the base of the links in e-mails).
        psi.ArgumentList.Add("--App:PublicBaseUrl");
        psi.ArgumentList.Add(baseUrl);
        psi.ArgumentList.Add("--Data:Folder");
        psi.ArgumentList.Add(dataFolder);
        var arguments = database.Settings.Select(s => (s.Key, Value: s.Value ?? ""))
            .Concat((settings ?? new Dictionary<string, string>()).Select(s => (s.Key, s.Value)));
        foreach (var (key, value) in arguments)
        {
            psi.ArgumentList.Add($"--{key}");
            psi.ArgumentList.Add(value);
        }
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Production";
        psi.Environment["DOTNET_NOLOGO"] = "1";
        var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start the app.");
        var app = new BenchApp(process, baseUrl, dataFolder, keepFolder);
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) app._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) app._output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        return app;
    }

    /// <summary>
    /// Polls <paramref name="path"/> every <paramref name="pollMs"/> ms until it answers 200; <paramref name="onPoll"/> runs
    /// before each poll. `/health`: the app serves; `/health/ready`: its demo data is in too.
    /// </summary>
    public async Task WaitForHealthAsync(TimeSpan timeout, int pollMs = 100, Action? onPoll = null, string path = "/health")
    {
        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var health = new Uri(BaseUrl + path);
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < timeout)
        {
            if (Process.HasExited) throw new InvalidOperationException($"The app exited with {Process.ExitCode}:{Environment.NewLine}{Output}");
            onPoll?.Invoke();
            try
            {
                using var response = await http.GetAsync(health);
                if (response.StatusCode == HttpStatusCode.OK) return;
                // An older build without /health/ready loaded its demo data before it listened: ready once it answers.
                if (response.StatusCode == HttpStatusCode.NotFound && path != "/health") return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(pollMs);
        }
        throw new TimeoutException($"{path} did not answer 200 within {timeout}:{Environment.NewLine}{Output}");
    }

    /// <summary>The e-mail and one-time password the app printed for the first organiser on its first start.</summary>
    public (string Email, string Password) BootstrapLogin()
    {
        var text = Output;
        var email = EmailLine().Match(text);
        var password = PasswordLine().Match(text);
        if (!email.Success || !password.Success) throw new InvalidOperationException($"No first-organiser login in the app's output:{Environment.NewLine}{text}");
        return (email.Groups[1].Value, password.Groups[1].Value);
    }

    /// <summary>The app process's resident set (VmRSS of /proc/&lt;pid&gt;/status) in bytes; the working set elsewhere.</summary>
    public long ResidentBytes()
    {
        var status = $"/proc/{Process.Id}/status";
        if (File.Exists(status))
        {
            foreach (var line in File.ReadLines(status))
            {
                if (!line.StartsWith("VmRSS:", StringComparison.Ordinal)) continue;
                var kb = long.Parse(line["VmRSS:".Length..].Trim().Split(' ')[0], CultureInfo.InvariantCulture);
                return kb * 1024;
            }
        }
        Process.Refresh();
        return Process.WorkingSet64;
    }

    public static int FreePort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }

    public async ValueTask DisposeAsync()
    {
        if (!Process.HasExited)
        {
            Process.Kill(entireProcessTree: true);
            await Process.WaitForExitAsync();
        }
        Process.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_keepFolder) return;
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }

    [GeneratedRegex(@"e-mail:\s+(\S+@\S+)")]
    private static partial Regex EmailLine();

    [GeneratedRegex(@"password:\s+(\S+)\s+\(one-time")]
    private static partial Regex PasswordLine();
}
