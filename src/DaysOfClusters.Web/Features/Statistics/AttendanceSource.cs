using DaysOfClusters.Web.Data;

namespace DaysOfClusters.Web.Features.Statistics;

/// <summary>A registration's first check-in; the check-in feature supplies these from its own table.</summary>
public sealed class AttendanceArrival
{
    public int RegistrationId { get; init; }
    /// <summary>The edition checked into (the registration's own), so arrivals group without reading registration rows.</summary>
    public int EditionId { get; init; }
    public DateTime FirstCheckInUtc { get; init; }
}

/// <summary>
/// Where "attended" comes from: registrations checked in at least once, as translatable queries over <paramref name="db"/>
/// (never lists). The statistics page reads pre-aggregated summaries whose database triggers implement the check-in
/// feature's definition over Presences (StatisticsSummarySql); these queries are the raw reference the summaries are
/// tested against.
/// </summary>
public interface IAttendanceSource
{
    /// <summary>
    /// Ids of registrations (any edition) with at least one check-in. An id may repeat (one row per check-in point): statistics
    /// only ask whether one exists, which SQL answers from an index without first de-duplicating the whole table.
    /// </summary>
    IQueryable<int> AttendedRegistrationIds(AppDbContext db);

    /// <summary>One row per attended registration with its edition and first check-in, for arrivals per day.</summary>
    IQueryable<AttendanceArrival> Arrivals(AppDbContext db);
}

/// <summary>Until the check-in feature registers its own source, nobody has attended.</summary>
public sealed class NoAttendanceSource : IAttendanceSource
{
    public IQueryable<int> AttendedRegistrationIds(AppDbContext db) => db.Registrations.Where(r => false).Select(r => r.Id);

    public IQueryable<AttendanceArrival> Arrivals(AppDbContext db) =>
        db.Registrations.Where(r => false).Select(r => new AttendanceArrival { RegistrationId = r.Id, EditionId = r.EditionId, FirstCheckInUtc = r.CreatedUtc });
}
