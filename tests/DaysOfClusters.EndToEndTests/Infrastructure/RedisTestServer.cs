using System.Diagnostics;
using System.Net;
using System.Net.Sockets;
using System.Text;
using DaysOfClusters.IntegrationTests.Infrastructure;

namespace DaysOfClusters.EndToEndTests.Infrastructure;

/// <summary>
/// The Redis server for tests of several instances: test.sh's throw-away one (DOC_TEST_REDIS=host:port), or else a
/// redis-server this fixture starts on a free loopback port without persistence and stops again.
/// </summary>
public sealed class RedisTestServer : IAsyncDisposable
{
    private Process? _process;
    private readonly int _port;

    private RedisTestServer(string endpoint, Process? process, int port = 0)
    {
        Endpoint = endpoint;
        _process = process;
        _port = port;
    }

    /// <summary>host:port, as ConnectionStrings:Redis takes it.</summary>
    public string Endpoint { get; }

    public static async Task<RedisTestServer> StartAsync()
    {
        if (Environment.GetEnvironmentVariable("DOC_TEST_REDIS") is { Length: > 0 } shared)
        {
            await WaitForPongAsync(shared, null, TimeSpan.FromSeconds(10));
            return new RedisTestServer(shared, null);
        }
        return await StartOwnAsync();
    }

    /// <summary>Always a redis-server of this test's own, which it may stop and start again (never test.sh's shared one).</summary>
    public static async Task<RedisTestServer> StartOwnAsync()
    {
        var port = LoopbackPort.Free();
        var server = new RedisTestServer($"127.0.0.1:{port}", null, port);
        await server.LaunchAsync();
        return server;
    }

    private async Task LaunchAsync()
    {
        var psi = new ProcessStartInfo(Environment.GetEnvironmentVariable("DOC_REDIS_SERVER") is { Length: > 0 } exe ? exe : "redis-server")
        {
            RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false,
        };
        foreach (var arg in new[] { "--port", _port.ToString(System.Globalization.CultureInfo.InvariantCulture), "--bind", "127.0.0.1", "--save", "", "--appendonly", "no", "--daemonize", "no" })
            psi.ArgumentList.Add(arg);
        try
        {
            _process = Process.Start(psi) ?? throw new InvalidOperationException("redis-server did not start.");
        }
        catch (System.ComponentModel.Win32Exception e)
        {
            throw new InvalidOperationException("redis-server is not installed (test.sh installs Debian's redis-server) and DOC_TEST_REDIS is not set.", e);
        }
        _process.OutputDataReceived += (_, _) => { };
        _process.ErrorDataReceived += (_, _) => { };
        _process.BeginOutputReadLine();
        _process.BeginErrorReadLine();
        try
        {
            await WaitForPongAsync(Endpoint, _process, TimeSpan.FromSeconds(20));
        }
        catch
        {
            await DisposeAsync();
            throw;
        }
    }

    /// <summary>Kills this test's own server: Redis is down.</summary>
    public async Task StopAsync()
    {
        if (_port == 0) throw new InvalidOperationException("Only a server started by StartOwnAsync may be stopped.");
        await DisposeAsync();
    }

    /// <summary>Starts it again on the same port (empty: no persistence, as after a real restart without it).</summary>
    public Task RestartAsync() => _port == 0 ? throw new InvalidOperationException("Only a server started by StartOwnAsync may be restarted.") : LaunchAsync();

    private static async Task WaitForPongAsync(string endpoint, Process? process, TimeSpan timeout)
    {
        var (host, port) = (endpoint[..endpoint.LastIndexOf(':')], int.Parse(endpoint[(endpoint.LastIndexOf(':') + 1)..], System.Globalization.CultureInfo.InvariantCulture));
        var stopwatch = Stopwatch.StartNew();
        while (true)
        {
            if (process is { HasExited: true }) throw new InvalidOperationException($"redis-server exited with {process.ExitCode}.");
            try
            {
                using var client = new TcpClient();
                await client.ConnectAsync(host, port);
                var stream = client.GetStream();
                await stream.WriteAsync("PING\r\n"u8.ToArray());
                var buffer = new byte[16];
                var read = await stream.ReadAsync(buffer).AsTask().WaitAsync(TimeSpan.FromSeconds(2));
                if (Encoding.ASCII.GetString(buffer, 0, read).StartsWith("+PONG", StringComparison.Ordinal)) return;
            }
            catch (SocketException) { }
            catch (IOException) { }
            catch (TimeoutException) { }
            if (stopwatch.Elapsed > timeout) throw new TimeoutException($"Redis at {endpoint} did not answer PING within {timeout}.");
            await Task.Delay(100);
        }
    }

    public async ValueTask DisposeAsync()
    {
        if (_process is null) return;
        if (!_process.HasExited)
        {
            _process.Kill();
            await _process.WaitForExitAsync();
        }
        _process.Dispose();
        _process = null;
    }
}
