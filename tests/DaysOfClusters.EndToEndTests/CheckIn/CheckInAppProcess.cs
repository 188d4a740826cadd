using System.Diagnostics;
using System.Net;
using System.Text.RegularExpressions;
using DaysOfClusters.IntegrationTests.Infrastructure;

namespace DaysOfClusters.EndToEndTests.CheckIn;

/// <summary>The built web app started as a child process on 127.0.0.1 with a fresh data folder (minimal stand-in for the shared E2E base).</summary>
public sealed partial class CheckInAppProcess : IAsyncDisposable
{
    private readonly Process _process;
    private readonly TaskCompletionSource<string> _password = new(TaskCreationOptions.RunContinuationsAsynchronously);

    public string BaseUrl { get; }
    public string DataFolder { get; }
    public string RepoRoot { get; }

    private CheckInAppProcess(Process process, string baseUrl, string dataFolder, string repoRoot)
    {
        _process = process;
        BaseUrl = baseUrl;
        DataFolder = dataFolder;
        RepoRoot = repoRoot;
    }

    public Task<string> FirstOrganiserPassword => _password.Task;

    public static async Task<CheckInAppProcess> StartAsync()
    {
        var repoRoot = AppContext.BaseDirectory;
        while (!File.Exists(Path.Combine(repoRoot, "DaysOfClusters.sln"))) repoRoot = Path.GetDirectoryName(repoRoot)!;
        // The app built in the same configuration as these tests (test.sh builds Release).
        var configuration = new DirectoryInfo(AppContext.BaseDirectory).Parent?.Name ?? "Debug";
        var appDir = Path.Combine(repoRoot, "src", "DaysOfClusters.Web", "bin", configuration, "net10.0");
        var dll = Path.Combine(appDir, "DaysOfClusters.Web.dll");
        if (!File.Exists(dll)) throw new InvalidOperationException($"Build the web project first: {dll} is missing.");
        var dataFolder = Directory.CreateTempSubdirectory("doc-checkin-e2e-").FullName;
        var port = LoopbackPort.Free();
        var psi = new ProcessStartInfo("dotnet", $"\"{dll}\" --urls http://127.0.0.1:{port} --Data:Folder \"{dataFolder}\" --Demo:Disabled true")
        {
            WorkingDirectory = appDir, RedirectStandardOutput = true, RedirectStandardError = true,
        };
        // Development: a build (not a publish) serves wwwroot through the static web assets manifest only in Development.
        psi.Environment["ASPNETCORE_ENVIRONMENT"] = "Development";
        var process = Process.Start(psi)!;
        var app = new CheckInAppProcess(process, $"http://127.0.0.1:{port}", dataFolder, repoRoot);
        process.OutputDataReceived += (_, e) =>
        {
            if (e.Data is not null && PasswordLine().Match(e.Data) is { Success: true } m) app._password.TrySetResult(m.Groups[1].Value);
        };
        process.ErrorDataReceived += (_, _) => { };
        process.BeginOutputReadLine();
        process.BeginErrorReadLine();

        using var http = new HttpClient { Timeout = TimeSpan.FromSeconds(2) };
        var sw = Stopwatch.StartNew();
        while (sw.Elapsed < TimeSpan.FromSeconds(120))
        {
            if (process.HasExited) throw new InvalidOperationException($"The app exited with {process.ExitCode}.");
            try
            {
                using var response = await http.GetAsync(new Uri(app.BaseUrl + "/health/ready"));
                if (response.StatusCode == HttpStatusCode.OK) return app;
            }
            catch (HttpRequestException) { }
            catch (TaskCanceledException) { }
            await Task.Delay(200);
        }
        throw new TimeoutException("The app did not answer /health/ready within 120 s.");
    }

    [GeneratedRegex(@"password:\s+(\S+)")]
    private static partial Regex PasswordLine();

    public async ValueTask DisposeAsync()
    {
        try
        {
            if (!_process.HasExited) _process.Kill(entireProcessTree: true);
            await _process.WaitForExitAsync();
        }
        catch (InvalidOperationException) { }
        _process.Dispose();
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
