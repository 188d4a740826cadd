using Microsoft.Extensions.Options;

namespace DaysOfClusters.Web.Data.Seeding;

/// <summary>
/// Loads the demo data once the app listens, so a first start answers in about half the time: the demo seeders were
/// most of it (issue 19's profile). <c>/health</c> answers 200 as soon as the app serves; <c>/health/ready</c> only once
/// this has finished (at once when Demo:Disabled is set or the database had its demo data already).
/// </summary>
public sealed class DemoDataLoader(
    IServiceProvider services, IHostApplicationLifetime lifetime, IOptions<DemoOptions> options, ILogger<DemoDataLoader> log) : BackgroundService
{
    private readonly TaskCompletionSource _ready = new(TaskCreationOptions.RunContinuationsAsynchronously);

    /// <summary>Completes when the demo data is in (or was not wanted); never faults: a failure is logged and ends the wait.</summary>
    public Task Ready => _ready.Task;

    public bool IsReady => _ready.Task.IsCompleted;

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        try
        {
            if (options.Value.Disabled) return;
            // After Kestrel listens: the start is not held up, and requests during the load are served (SQLite's write
            // gate and busy timeout queue the two writers).
            await WhenStartedAsync(stoppingToken);
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await using var scope = services.CreateAsyncScope();
            // The demo registrations carry keyed e-mail hashes already: nothing is left for ConvertLegacyHashesAsync.
            await DemoSeeders.SeedAllAsync(scope.ServiceProvider, stoppingToken);
            log.LogInformation("Start-up: demo data took {Milliseconds} ms, after the app started listening", clock.ElapsedMilliseconds);
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
}
