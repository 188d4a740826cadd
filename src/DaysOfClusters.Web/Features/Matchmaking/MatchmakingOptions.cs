using System.ComponentModel.DataAnnotations;

namespace DaysOfClusters.Web.Features.Matchmaking;

/// <summary>Section <c>Matchmaking</c>.</summary>
public sealed class MatchmakingOptions
{
    public const string Section = "Matchmaking";

    /// <summary>How often the background worker expires meeting requests whose answer time has passed.</summary>
    [ConfigurationKeyName("Worker:IntervalSeconds")]
    [Range(1, 3600)] public int WorkerIntervalSeconds { get; set; } = 60;
}
