using System.Collections.Concurrent;
using System.Threading.Channels;
using DaysOfClusters.Web.Features.Accounts;
using DaysOfClusters.Web.Infrastructure;
using Microsoft.AspNetCore.Authorization;
using Microsoft.AspNetCore.SignalR;
using Microsoft.AspNetCore.SignalR.StackExchangeRedis;
using Microsoft.Extensions.Options;
using StackExchange.Redis;

namespace DaysOfClusters.Web.Features.CheckIn;

/// <summary>
/// Open check-in dashboards (their browsers) join an edition's group here and hear about scans recorded on any instance.
/// </summary>
/// <remarks>
/// Why the browser is the hub client: a Blazor Server dashboard lives in the server process, so a scan recorded in that
/// process reaches it through <see cref="CheckInNotifier"/> directly, but a scan on another instance can only arrive
/// through a hub connection. The dashboard's browser already is a SignalR client with the organiser's cookie and is
/// stuck to this instance by the proxy, so it opens that connection (js/checkin-live.js) and hands each message to its
/// circuit. The alternative, a server-side HubConnection from every instance to itself, would need the instance's own
/// public URL and a credential of its own, both fragile behind proxies. Messages carry the sending instance's id, so a
/// dashboard ignores what its own process already told it in-process: local updates never depend on Redis.
/// </remarks>
[Authorize(Roles = Roles.Organiser)]
public sealed class CheckInHub : Hub
{
    public const string Path = "/api/organiser/hubs/checkin";
    public const string ScanRecordedMethod = "ScanRecorded";

    public static string Group(int editionId) => $"edition-{editionId}";

    /// <summary>Called by a dashboard (again after every reconnect) to hear about one edition's scans.</summary>
    public Task Watch(int editionId) => Groups.AddToGroupAsync(Context.ConnectionId, Group(editionId));
}

/// <summary>
/// Relays the scans this instance records to the dashboards of the other instances through <see cref="CheckInHub"/>,
/// when a Redis backplane is configured (without one every dashboard is in this process and hears the notifier itself).
/// </summary>
/// <remarks>
/// Off the scan's path on purpose: a scan only marks its edition as changed; this loop sends at most one message per
/// edition every <see cref="MinimumInterval"/>, so a burst of scans costs a handful of Redis messages, and a slow or
/// unreachable Redis only delays or drops dashboard hints (logged), never a scan. The dashboards also refresh on a timer.
/// </remarks>
public sealed class CheckInBroadcaster(CheckInNotifier notifier, IHubContext<CheckInHub> hub, ILogger<CheckInBroadcaster> logger) : BackgroundService
{
    public static readonly TimeSpan MinimumInterval = TimeSpan.FromMilliseconds(250);
    private static readonly TimeSpan SendTimeout = TimeSpan.FromSeconds(5);

    private readonly ConcurrentDictionary<int, byte> _changed = new();
    private readonly Channel<bool> _wake = Channel.CreateBounded<bool>(new BoundedChannelOptions(1) { FullMode = BoundedChannelFullMode.DropWrite });
    private bool _redisWasDown;

    private void OnScan(int editionId)
    {
        _changed.TryAdd(editionId, 0);
        _wake.Writer.TryWrite(true);
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        notifier.ScanRecorded += OnScan;
        try
        {
            while (await _wake.Reader.WaitToReadAsync(stoppingToken))
            {
                _wake.Reader.TryRead(out _);
                foreach (var editionId in _changed.Keys)
                {
                    _changed.TryRemove(editionId, out _);
                    await SendAsync(editionId, stoppingToken);
                }
                await Task.Delay(MinimumInterval, stoppingToken);
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested) { }
        finally
        {
            notifier.ScanRecorded -= OnScan;
        }
    }

    private async Task SendAsync(int editionId, CancellationToken stoppingToken)
    {
        using var timeout = CancellationTokenSource.CreateLinkedTokenSource(stoppingToken);
        timeout.CancelAfter(SendTimeout);
        try
        {
            await hub.Clients.Group(CheckInHub.Group(editionId)).SendAsync(CheckInHub.ScanRecordedMethod, editionId, notifier.InstanceId, timeout.Token);
            if (_redisWasDown) logger.LogInformation("Check-in updates reach the other instances again");
            _redisWasDown = false;
        }
        catch (Exception e) when (e is not OperationCanceledException || !stoppingToken.IsCancellationRequested)
        {
            // Dashboards on other instances miss this hint and catch up on their timer; scanning is not affected.
            if (!_redisWasDown) logger.LogWarning(e, "Check-in update for edition {EditionId} not sent to the other instances (Redis backplane unreachable?)", editionId);
            _redisWasDown = true;
        }
    }
}

/// <summary>
/// Whether this instance's Redis backplane connection is up, from the connection's own events: a dashboard's browser
/// can be connected to this instance's hub while Redis is away, and then hears nothing from the other instances.
/// </summary>
public sealed class BackplaneHealth
{
    private volatile bool _reachable = true; // until the first connection attempt says otherwise

    /// <summary>Whether there is a backplane at all (<c>ConnectionStrings:Redis</c> is set).</summary>
    public bool Configured { get; init; }

    public bool Reachable => _reachable;

    /// <summary>Raised when <see cref="Reachable"/> changes (on a Redis connection thread: marshal before rendering).</summary>
    public event Action? Changed;

    internal void Watch(IConnectionMultiplexer connection)
    {
        connection.ConnectionFailed += (_, _) => Set(false);
        connection.ConnectionRestored += (_, _) => Set(connection.IsConnected);
        Set(connection.IsConnected);
    }

    internal void Set(bool reachable)
    {
        if (_reachable == reachable) return;
        _reachable = reachable;
        Changed?.Invoke();
    }
}

public static class CheckInLiveUpdates
{
    /// <summary>True when <c>ConnectionStrings:Redis</c> is set: scans reach dashboards on every instance.</summary>
    public static bool BackplaneConfigured(IConfiguration configuration) => !string.IsNullOrWhiteSpace(configuration.GetConnectionString("Redis"));

    /// <summary>
    /// The check-in hub, and with <c>ConnectionStrings:Redis</c> its Redis backplane and the broadcaster. Only this hub
    /// goes through Redis: Blazor's own circuit hub stays in-process (sticky sessions keep a circuit on one instance),
    /// so organiser pages keep working while Redis is down.
    /// </summary>
    public static IServiceCollection AddCheckInLiveUpdates(this IServiceCollection services, IConfiguration configuration)
    {
        services.AddSignalR();
        services.AddSettings<BackplaneOptions>(BackplaneOptions.Section);
        services.AddSingleton(new BackplaneHealth { Configured = BackplaneConfigured(configuration) });
        services.AddSingleton<CheckInLiveSource>();
        if (!BackplaneConfigured(configuration)) return services;
        var redis = ConfigurationOptions.Parse(configuration.GetConnectionString("Redis")!);
        // Keep retrying in the background instead of failing for good when Redis is down at start-up.
        redis.AbortOnConnectFail = false;
        redis.ConnectTimeout = 3000;
        services.AddOptions<RedisOptions>().Configure<BackplaneHealth, IOptions<BackplaneOptions>>((o, health, backplane) =>
        {
            redis.ChannelPrefix = RedisChannel.Literal(backplane.Value.ChannelPrefix);
            o.Configuration = redis;
            // The backplane's own connection, made here so that its failures and recoveries reach the dashboards.
            o.ConnectionFactory = async log =>
            {
                var connection = await ConnectionMultiplexer.ConnectAsync(redis, log);
                health.Watch(connection);
                return connection;
            };
        });
        services.AddSingleton<HubLifetimeManager<CheckInHub>, RedisHubLifetimeManager<CheckInHub>>();
        services.AddHostedService<CheckInBroadcaster>();
        return services;
    }
}
