using System.ComponentModel.DataAnnotations;

namespace DaysOfClusters.Web.Features.CheckIn;

/// <summary>Section <c>CheckIn</c>.</summary>
public sealed class CheckInOptions
{
    public const string Section = "CheckIn";

    /// <summary>
    /// The check-in dashboard also reloads its figures this often, whatever it was told. At most a timer's longest
    /// period (2^32 - 2 ms, about 49 days).
    /// </summary>
    [Range(1, 4_294_967)] public int DashboardRefreshSeconds { get; set; } = 10;
}
