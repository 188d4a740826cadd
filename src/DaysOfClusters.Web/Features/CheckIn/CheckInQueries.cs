using DaysOfClusters.Web.Data;

namespace DaysOfClusters.Web.Features.CheckIn;

/// <summary>Queries other features compose into their own (statistics wires these into its attendance source).</summary>
public static class CheckInQueries
{
    /// <summary>Registrations with at least one accepted entry at any point (of the edition, when given).</summary>
    public static IQueryable<int> AttendedRegistrationIds(AppDbContext db, int? editionId)
    {
        ArgumentNullException.ThrowIfNull(db);
        return db.Presences.Where(p => p.EntryCount > 0 && (editionId == null || p.EditionId == editionId))
            .Select(p => p.RegistrationId).Distinct();
    }
}

/// <summary>Feeds the statistics' "attended" and arrivals from the presence table, as translatable queries.</summary>
public sealed class CheckInAttendanceSource : Statistics.IAttendanceSource
{
    // Not distinct on purpose: statistics compose it into EXISTS, answered by the index IX_Presences_Statistics_Attended.
    public IQueryable<int> AttendedRegistrationIds(AppDbContext db) => db.Presences.Where(p => p.EntryCount > 0).Select(p => p.RegistrationId);

    public IQueryable<Statistics.AttendanceArrival> Arrivals(AppDbContext db) =>
        db.Presences.Where(p => p.EntryCount > 0 && p.FirstEntryUtc != null)
            .GroupBy(p => new { p.EditionId, p.RegistrationId })
            .Select(g => new Statistics.AttendanceArrival { EditionId = g.Key.EditionId, RegistrationId = g.Key.RegistrationId, FirstCheckInUtc = g.Min(p => p.FirstEntryUtc)!.Value });
}
