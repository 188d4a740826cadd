using DaysOfClusters.Web.Features.Registration;

namespace DaysOfClusters.Web.Features.Statistics;

// Pre-aggregated statistics, written ONLY by the database's own triggers (StatisticsSummarySql) in the same transaction as
// every change to Registrations, Presences, RegistrationOrganisation and Editions.Ordinal, whichever code path makes it
// (group-commit writer, ExecuteUpdate, erasure, check-in upserts, imports). The app only reads them; nothing maps writes.
// Counts of groups that emptied stay as 0 rows: readers filter them out.

/// <summary>
/// What one registration currently contributes to the summaries (its grouping keys, whether it checked in and when it first
/// arrived). A trigger refreshes a registration by subtracting this stored contribution, recomputing it from the source
/// tables and adding it again, so the summaries stay exact whatever the order of the writes.
/// </summary>
public sealed class StatisticsRegistrationState
{
    public int RegistrationId { get; set; }
    public int EditionId { get; set; }
    public required string CountryCode { get; set; }
    public OrganisationType OrganisationType { get; set; }
    public int CategoryId { get; set; }
    public RegistrationStatus Status { get; set; }

    /// <summary>The directory organisation (RegistrationOrganisation), 0 when the registration has none.</summary>
    public int OrganisationId { get; set; }

    /// <summary>1 when the registration has a presence with at least one entry, else 0.</summary>
    public int Attended { get; set; }

    /// <summary>UTC hour ("yyyy-MM-dd HH") of the earliest first entry, null when never checked in.</summary>
    public string? ArrivalHour { get; set; }

    /// <summary>UTC hour ("yyyy-MM-dd HH") the registration was made, for the timeline.</summary>
    public required string CreatedHour { get; set; }
}

/// <summary>Registrations (and how many of them checked in) per edition, country code, organisation type, category and status.</summary>
public sealed class StatisticsCell
{
    public int EditionId { get; set; }
    public required string CountryCode { get; set; }
    public OrganisationType OrganisationType { get; set; }
    public int CategoryId { get; set; }
    public RegistrationStatus Status { get; set; }
    public int Registrations { get; set; }
    public int Attended { get; set; }
}

/// <summary>Registrations per edition, directory organisation (0: none) and status.</summary>
public sealed class StatisticsOrganisationCell
{
    public int EditionId { get; set; }
    public int OrganisationId { get; set; }
    public RegistrationStatus Status { get; set; }
    public int Registrations { get; set; }
    public int Attended { get; set; }
}

/// <summary>Confirmed registrations per edition and UTC hour they were made.</summary>
public sealed class StatisticsRegistrationHour
{
    public int EditionId { get; set; }
    public required string Hour { get; set; }
    public int Registrations { get; set; }
}

/// <summary>First arrivals of people not cancelled or rejected, per edition and UTC hour.</summary>
public sealed class StatisticsArrivalHour
{
    public int EditionId { get; set; }
    public required string Hour { get; set; }
    public int Arrivals { get; set; }
}

/// <summary>Each e-mail hash with a confirmed registration and the lowest edition ordinal it was confirmed in.</summary>
public sealed class StatisticsPerson
{
    public required string EmailHash { get; set; }
    public int FirstOrdinal { get; set; }
}

/// <summary>How many people (e-mail hashes) were first registered in the edition of this ordinal.</summary>
public sealed class StatisticsNewPeople
{
    public int Ordinal { get; set; }
    public int People { get; set; }
}
