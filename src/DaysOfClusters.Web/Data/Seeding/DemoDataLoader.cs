using Microsoft.Extensions.Options;

namespace DaysOfClusters.Web.Data.Seeding;

/// <summary>
/// Loads the demo data beside the rest of a first start: <see cref="StartupTasks"/> calls <see cref="Start"/> once the
/// migrations and reference data are in, and the load goes on while the first organiser is made and Kestrel starts
/// (issue 19: waiting for the app to listen first left one of the two cores idle for a second). <c>/health</c> answers
/// 200 as soon as the app serves; <c>/health/ready</c> only once this has finished (at once when Demo:Disabled is set or
/// the database had its demo data already).
/// </summary>
public sealed class DemoDataLoader(
    IServiceProvider services, IHostApplicationLifetime lifetime, IOptions<DemoOptions> options, ILogger<DemoDataLoader> log) : BackgroundService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);
    private readonly CancellationTokenSource _stopping = new();
    private readonly Lock _startLock = new();
    private Task? _load;

    /// <summary>Completes when the demo data is in (or was not wanted); never faults: a failure is logged and ends the wait.</summary>
    public Task Ready => _ready.Task;

    public bool IsReady => _ready.Task.IsCompleted;

    /// <summary>
    /// Starts the load (once; later calls do nothing). The seeders need the migrated database and its reference data
    /// (countries): call it after those. Requests during the load are served; SQLite's busy timeout queues the writers.
    /// </summary>
    public void Start()
    {
        lock (_startLock)
        {
            if (_load is not null) return;
            var token = _stopping.Token;
            _load = Task.Run(() => LoadAsync(token));
        }
    }

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        await using var stop = stoppingToken.Register(_stopping.Cancel);
        try
        {
            // Started by the start-up tasks; a host that skipped them gets its demo data once it listens.
            await WhenStartedAsync(stoppingToken);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            return;
        }
        Start();
        await _load!;
    }

    private async Task LoadAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (options.Value.Disabled) return;
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await using var scope = services.CreateAsyncScope();
            // The demo registrations carry keyed e-mail hashes already: nothing is left for ConvertLegacyHashesAsync.
            await DemoSeeders.SeedAllAsync(scope.ServiceProvider, stoppingToken);
            // The JIT's share of a start (all threads): most of a first start's CPU time is compiling code that runs once.
            log.LogInformation("Start-up: demo data took {Milliseconds} ms; ready {Ready} ms after the process started ({Methods} methods compiled in {Jit} ms)",
                clock.ElapsedMilliseconds, StartupTasks.SinceProcessStart(), System.Runtime.JitInfo.GetCompiledMethodCount(), (long)System.Runtime.JitInfo.GetCompilationTime().TotalMilliseconds);
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
            // Stopped during the load: the next start finds what is missing (each seeder checks for its own data).
        }
        catch (Exception e)
        {
            // Demo data is for trying the app; the app itself keeps serving.
            log.LogError(e, "Loading the demo data failed");
        }
        finally
        {
            _ready.TrySetResult();
        }
    }

    private Task WhenStartedAsync(CancellationToken stoppingToken)
    {
        var started = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
        lifetime.ApplicationStarted.Register(() => started.TrySetResult());
        return started.Task.WaitAsync(stoppingToken);
    }

    /// <summary>
    /// Stops a load still running. Called twice (the container holds the loader as itself and as a hosted service):
    /// cancelling again does nothing, and the source is left undisposed, as it has no timer to release.
    /// </summary>
    public override void Dispose()
    {
        _stopping.Cancel();
        base.Dispose();
    }
}
