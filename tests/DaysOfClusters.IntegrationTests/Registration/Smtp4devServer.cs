using System.Diagnostics;
using System.Text.Json;
using DaysOfClusters.IntegrationTests.Infrastructure;

namespace DaysOfClusters.IntegrationTests.Registrations;

/// <summary>
/// A real SMTP server on 127.0.0.1: smtp4dev (dotnet tool), started on free ports with an in-memory store and read through
/// its REST API. Install it with: dotnet tool install --global Rnwood.Smtp4dev --version 3.15.0
/// </summary>
public sealed class Smtp4devServer : IAsyncLifetime, IDisposable
{
    private Process? _process;
    private readonly HttpClient _http = new();

    public int SmtpPort { get; } = LoopbackPort.Free();
    public int WebPort { get; } = LoopbackPort.Free();

    private static string FindTool()
    {
        var names = OperatingSystem.IsWindows() ? new[] { "smtp4dev.exe" } : ["smtp4dev"];
        var folders = (Environment.GetEnvironmentVariable("PATH") ?? "").Split(Path.PathSeparator)
            .Append(Path.Combine(Environment.GetFolderPath(Environment.SpecialFolder.UserProfile), ".dotnet", "tools"));
        return folders.SelectMany(f => names.Select(n => Path.Combine(f, n))).FirstOrDefault(File.Exists)
            ?? throw new InvalidOperationException("smtp4dev is not installed. Install it with: dotnet tool install --global Rnwood.Smtp4dev --version 3.15.0");
    }

    public async Task InitializeAsync()
    {
        var start = new ProcessStartInfo(FindTool())
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in new[] { $"--urls=http://127.0.0.1:{WebPort}", $"--smtpport={SmtpPort}", $"--imapport={LoopbackPort.Free()}", $"--pop3port={LoopbackPort.Free()}", "--db=", "--nousersettings", "--hostname=127.0.0.1" })
            start.ArgumentList.Add(arg);
        _process = Process.Start(start) ?? throw new InvalidOperationException("smtp4dev did not start.");
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        var deadline = DateTime.UtcNow.AddSeconds(60);
        while (DateTime.UtcNow < deadline)
        {
            if (_process.HasExited) throw new InvalidOperationException($"smtp4dev exited with code {_process.ExitCode}.");
            try
            {
                if ((await _http.GetAsync($"http://127.0.0.1:{WebPort}/api/messages")).IsSuccessStatusCode) return;
            }
            catch (HttpRequestException)
            {
                // Not listening yet.
            }
            await Task.Delay(250);
        }
        throw new TimeoutException("smtp4dev did not answer within 60 s.");
    }

    public sealed record ReceivedMessage(string Id, string Subject, IReadOnlyList<string> To, string PlainText);

    /// <summary>Waits for the first message to an address and returns it with its plain-text body.</summary>
    public async Task<ReceivedMessage> WaitForMessageToAsync(string address, TimeSpan timeout)
    {
        var deadline = DateTime.UtcNow + timeout;
        while (DateTime.UtcNow < deadline)
        {
            using var list = JsonDocument.Parse(await _http.GetStringAsync($"http://127.0.0.1:{WebPort}/api/messages?pageSize=500"));
            foreach (var m in list.RootElement.GetProperty("results").EnumerateArray())
            {
                var to = m.GetProperty("to").EnumerateArray().Select(t => t.GetString() ?? "").ToList();
                if (!to.Any(t => t.Contains(address, StringComparison.OrdinalIgnoreCase))) continue;
                var id = m.GetProperty("id").GetString()!;
                var text = await _http.GetStringAsync($"http://127.0.0.1:{WebPort}/api/messages/{id}/plaintext");
                return new ReceivedMessage(id, m.GetProperty("subject").GetString() ?? "", to, text);
            }
            await Task.Delay(200);
        }
        throw new TimeoutException($"No message to {address} arrived at smtp4dev.");
    }

    /// <summary>Every message to an address so far, oldest first, with plain-text bodies.</summary>
    public async Task<IReadOnlyList<ReceivedMessage>> MessagesToAsync(string address)
    {
        using var list = JsonDocument.Parse(await _http.GetStringAsync($"http://127.0.0.1:{WebPort}/api/messages?pageSize=500"));
        var found = new List<(DateTimeOffset Received, ReceivedMessage Message)>();
        foreach (var m in list.RootElement.GetProperty("results").EnumerateArray())
        {
            var to = m.GetProperty("to").EnumerateArray().Select(t => t.GetString() ?? "").ToList();
            if (!to.Any(t => t.Contains(address, StringComparison.OrdinalIgnoreCase))) continue;
            var id = m.GetProperty("id").GetString()!;
            var text = await _http.GetStringAsync($"http://127.0.0.1:{WebPort}/api/messages/{id}/plaintext");
            found.Add((m.GetProperty("receivedDate").GetDateTimeOffset(), new ReceivedMessage(id, m.GetProperty("subject").GetString() ?? "", to, text)));
        }
        return found.OrderBy(f => f.Received).Select(f => f.Message).ToList();
    }

    public Task DisposeAsync()
    {
        Dispose();
        return Task.CompletedTask;
    }

    public void Dispose()
    {
        if (_process is { HasExited: false }) _process.Kill(entireProcessTree: true);
        _process?.Dispose();
        _process = null;
        _http.Dispose();
    }
}
