using Microsoft.Extensions.Options;

namespace DaysOfClusters.Web.Features.Matchmaking;

/// <summary>Expires pending meeting requests whose answer time has passed, so they stop blocking a pair even when nobody opens them.</summary>
public sealed class MatchmakingWorker(MeetingRequests matchmaking, IOptions<MatchmakingOptions> options, TimeProvider clock, ILogger<MatchmakingWorker> logger)
    : BackgroundService
{
    /// <summary>Matchmaking:Worker:IntervalSeconds (default 60).</summary>
    public TimeSpan Interval { get; } = TimeSpan.FromSeconds(options.Value.WorkerIntervalSeconds);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(Interval, clock);
        do
        {
            try
            {
                var expired = await matchmaking.ExpirePendingAsync(stoppingToken);
                if (expired > 0) logger.LogInformation("Expired {Count} unanswered meeting requests.", expired);
            }
            catch (Exception e) when (e is not OperationCanceledException)
            {
                logger.LogError(e, "Expiring meeting requests failed; it will run again in {Interval}.", Interval);
            }
        }
        while (await timer.WaitForNextTickAsync(stoppingToken));
    }
}
