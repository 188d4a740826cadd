using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using DaysOfClusters.IntegrationTests.Infrastructure;

namespace DaysOfClusters.EndToEndTests.Infrastructure;

/// <summary>
/// The real app, built as usual, started as a child process on Kestrel at 127.0.0.1 on a free port with a fresh data folder.
/// Its standard output is kept so tests can read the first organiser's one-time login printed there.
/// </summary>
public sealed partial class RunningApp : IAsyncDisposable
{
    private readonly Process _process;
    private readonly ConcurrentQueue<string> _output = new();
    private bool _ownsFolder = true;

    private RunningApp(Process process, Uri baseAddress, string dataFolder)
    {
        _process = process;
        BaseAddress = baseAddress;
        DataFolder = dataFolder;
    }

    public Uri BaseAddress { get; }
    public string DataFolder { get; }
    public string Output => string.Join(Environment.NewLine, _output);

    public static string RepositoryRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "DaysOfClusters.sln"))) return dir.FullName;
        }
        throw new DirectoryNotFoundException("DaysOfClusters.sln not found above the test output folder.");
    }

    /// <summary>The web app's own build output, in the same configuration as this test assembly (override: DOC_WEB_DLL).</summary>
    public static string WebDll()
    {
        if (Environment.GetEnvironmentVariable("DOC_WEB_DLL") is { Length: > 0 } configured) return configured;
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug"; // bin/<Configuration>/net10.0/
        var dll = Path.Combine(RepositoryRoot(), "src", "DaysOfClusters.Web", "bin", configuration, "net10.0", "DaysOfClusters.Web.dll");
        if (!File.Exists(dll)) throw new FileNotFoundException($"Build the web app first: {dll} is missing.", dll);
        return dll;
    }

    /// <summary>
    /// Starts the app; pass the data folder of an earlier (e.g. killed) run to restart it on the same data, which that run keeps
    /// owning, and its port to come back at the same address (a page open in the browser then posts to the new process).
    /// </summary>
    public static async Task<RunningApp> StartAsync(IDictionary<string, string>? settings = null, string? existingDataFolder = null, int? port = null)
    {
        port ??= LoopbackPort.Free();
        var dataFolder = existingDataFolder ?? Directory.CreateTempSubdirectory("doc-e2e-").FullName;
        var projectDir = Path.Combine(RepositoryRoot(), "src", "DaysOfClusters.Web");
        var psi = new ProcessStartInfo("dotnet")
        {
            RedirectStandardOutput = true,
            RedirectStandardError = true,
            UseShellExecute = false,
            // The project folder is the content root, as with `dotnet run`.
            WorkingDirectory = projectDir,
        };
        psi.ArgumentList.Add(WebDll());
        psi.ArgumentList.Add("--urls");
        psi.ArgumentList.Add($"http://127.0.0.1:{port}");
        psi.ArgumentList.Add("--Data:Folder");
        psi.ArgumentList.Add(dataFolder);
        foreach (var (key, value) in settings ?? new Dictionary<string, string>())
        {
            psi.ArgumentList.Add($"--{key}");
            psi.ArgumentList.Add(value);
        }
        // Development serves the static web assets (MudBlazor, app.css) from the build output, like `dotnet run`.
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        psi.Environment["DOTNET_NOLOGO"] = "1";

        var process = Process.Start(psi) ?? throw new InvalidOperationException("Could not start the app.");
        var app = new RunningApp(process, new Uri($"http://127.0.0.1:{port}"), dataFolder) { _ownsFolder = existingDataFolder is null };
        process.OutputDataReceived += (_, e) => { if (e.Data is not null) app._output.Enqueue(e.Data); };
        process.ErrorDataReceived += (_, e) => { if (e.Data is not null) app._output.Enqueue(e.Data); };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();
        await app.WaitForHealthAsync(TimeSpan.FromSeconds(90));
        return app;
    }

    private async Task WaitForHealthAsync(TimeSpan timeout)
    {
        using var http = new HttpClient { BaseAddress = BaseAddress, Timeout = TimeSpan.FromSeconds(5) };
        var stopwatch = Stopwatch.StartNew();
        while (stopwatch.Elapsed < timeout)
        {
            if (_process.HasExited) throw new InvalidOperationException($"The app exited with {_process.ExitCode}:{Environment.NewLine}{Output}");
            try
            {
                using var response = await http.GetAsync(new Uri("/health/ready", UriKind.Relative));
                if (response.StatusCode == HttpStatusCode.OK) return;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException($"/health/ready did not answer 200 within {timeout}:{Environment.NewLine}{Output}");
    }

    /// <summary>The e-mail and one-time password the app printed for the first organiser.</summary>
    public (string Email, string Password) BootstrapLogin()
    {
        var text = Output;
        var email = EmailLine().Match(text);
        var password = PasswordLine().Match(text);
        if (!email.Success || !password.Success) throw new InvalidOperationException($"No first-organiser login in the output:{Environment.NewLine}{text}");
        return (email.Groups[1].Value, password.Groups[1].Value);
    }

    [GeneratedRegex(@"e-mail:\s+(\S+@\S+)")]
    private static partial Regex EmailLine();

    [GeneratedRegex(@"password:\s+(\S+)\s+\(one-time")]
    private static partial Regex PasswordLine();

    /// <summary>
    /// Makes the server busy as a loaded machine does: the process is stopped (SIGSTOP) for <paramref name="stalled"/> out of every
    /// <paramref name="period"/> until the returned handle is disposed, while the browser goes on at full speed. Messages the browser
    /// sends meanwhile queue in the socket and arrive in a burst, and the server's answers (renders, JS calls) come late.
    /// </summary>
    public IAsyncDisposable Stall(TimeSpan stalled, TimeSpan period)
    {
        var stop = new CancellationTokenSource();
        var loop = Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                Signal("STOP");
                try { await Task.Delay(stalled, stop.Token); }
                catch (OperationCanceledException) { }
                Signal("CONT");
                try { await Task.Delay(period - stalled, stop.Token); }
                catch (OperationCanceledException) { }
            }
        });
        return new StallHandle(stop, loop, () => Signal("CONT"));
    }

    private void Signal(string name)
    {
        if (_process.HasExited) return;
        using var kill = Process.Start(new ProcessStartInfo("kill", ["-" + name, _process.Id.ToString(System.Globalization.CultureInfo.InvariantCulture)]) { UseShellExecute = false })!;
        kill.WaitForExit();
    }

    private sealed class StallHandle(CancellationTokenSource stop, Task loop, Action resume) : IAsyncDisposable
    {
        public async ValueTask DisposeAsync()
        {
            await stop.CancelAsync();
            await loop;
            resume();
            stop.Dispose();
        }
    }

    /// <summary>Kills the process at once (SIGKILL on Linux): no shutdown, no flushing, like a crash or power cut of the process.</summary>
    public async Task KillAsync()
    {
        if (_process.HasExited) return;
        _process.Kill(entireProcessTree: true);
        await _process.WaitForExitAsync();
    }

    public async ValueTask DisposeAsync()
    {
        if (!_process.HasExited)
        {
            _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        if (!_ownsFolder) return;
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
