using System.ComponentModel.DataAnnotations;

namespace DaysOfClusters.Web.Features.Agenda;

/// <summary>Section <c>Agenda</c>.</summary>
public sealed class AgendaOptions
{
    public const string Section = "Agenda";

    /// <summary>
    /// How often the round-table seats of registrations that ended are given back. Tests that release seats themselves
    /// set it high so the worker does not race them. At most a periodic timer's longest period (2^32 - 2 ms, about 49 days).
    /// </summary>
    [Range(1, 71_582)] public int SeatReleaseMinutes { get; set; } = 1;
}
