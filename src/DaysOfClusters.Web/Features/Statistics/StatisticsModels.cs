namespace DaysOfClusters.Web.Features.Statistics;

/// <summary>One line of a breakdown table: registered and attended people for a country, continent, region, type…</summary>
public sealed record StatRow(string Key, string Label, int Registered, int Attended);

/// <summary>"N experts from M countries on K continents", for registered people and for those who came.</summary>
public sealed record Headline(int Registered, int Attended, int Countries, int Continents, int AttendedCountries, int AttendedContinents, double? NoShowRate)
{
    public static readonly Headline Empty = new(0, 0, 0, 0, 0, 0, null);
}

/// <summary>New registrations on a local calendar day and the running total.</summary>
public sealed record TimelinePoint(DateOnly Date, int Registrations, int Cumulative);

/// <summary>The registration timeline of one edition against its registration window (local dates in the edition's zone).</summary>
public sealed record RegistrationTimeline(DateOnly? Opens, DateOnly? Closes, IReadOnlyList<TimelinePoint> Points);

/// <summary>First check-ins on a local calendar day of an edition.</summary>
public sealed record ArrivalDay(string Edition, DateOnly Date, int Arrivals);

/// <summary>One edition in the across-editions table.</summary>
public sealed record EditionGrowth(int EditionId, int Ordinal, string Edition, int Year, int Registered, int Attended,
    double? GrowthPercent, int NewPeople, int Returning, int Countries, IReadOnlyList<string> CountriesGained)
{
    /// <summary>A past edition known only from aggregate figures (<see cref="PastEditionFigures"/>): new versus returning is unknown.</summary>
    public bool AggregateOnly { get; init; }
}

/// <summary>Everything the statistics page shows for one edition, or for all editions together (<see cref="EditionId"/> null).</summary>
public sealed record StatisticsReport(
    int? EditionId,
    string ScopeName,
    Headline Headline,
    IReadOnlyList<StatRow> Countries,
    IReadOnlyList<StatRow> Continents,
    IReadOnlyList<StatRow> Regions,
    IReadOnlyList<StatRow> OrganisationTypes,
    IReadOnlyList<StatRow> Pillars,
    IReadOnlyList<StatRow> Categories,
    RegistrationTimeline? Timeline,
    IReadOnlyList<ArrivalDay> Arrivals,
    IReadOnlyList<EditionGrowth> Editions)
{
    /// <summary>Editions counted from aggregate figures only (all-editions scope), e.g. "3rd Days of Clusters".</summary>
    public IReadOnlyList<string> AggregateOnlyEditions { get; init; } = [];

    /// <summary>Registered and attended people per directory organisation (the largest <see cref="OrganisationFigures.TopOrganisations"/>); live registrations only.</summary>
    public IReadOnlyList<StatRow> Organisations { get; init; } = [];

    /// <summary>People from network member organisations versus everyone else; live registrations only.</summary>
    public IReadOnlyList<StatRow> NetworkMembership { get; init; } = [];
}

/// <summary>The public summary API's body.</summary>
public sealed record EditionSummaryDto(int Registered, int Attended, int Countries, int Continents);

/// <summary>A headline for the home page: one per open edition with the switch on, and one over all such editions.</summary>
public sealed record PublicHeadlineItem(string Title, Headline Headline)
{
    /// <summary>Editions of this headline counted from aggregate figures only.</summary>
    public IReadOnlyList<string> AggregateOnlyEditions { get; init; } = [];
}

/// <summary>An entry of the page's edition picker.</summary>
public sealed record EditionChoice(int Id, string Name);
