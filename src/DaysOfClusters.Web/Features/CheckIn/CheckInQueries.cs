using DaysOfClusters.Web.Data;

namespace DaysOfClusters.Web.Features.CheckIn;

/// <summary>Queries other features compose into their own.</summary>
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
