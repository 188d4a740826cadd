namespace DaysOfClusters.Web.Features.Editions;

public enum EditionStatus
{
    Draft = 0,
    Open = 1,
    Closed = 2,
    Archived = 3,
}

/// <summary>One event of a series ("8th Days of Clusters", "3rd Cluster Round Table"). Dates are local calendar days in <see cref="TimeZoneId"/>; instants are UTC.</summary>
public sealed class Edition
{
    public int Id { get; set; }

    /// <summary>The series it belongs to (<see cref="SeriesCatalogue"/>); <see cref="Ordinal"/> counts within it.</summary>
    public int SeriesId { get; set; } = SeriesCatalogue.DaysOfClustersId;
    public EventKind Kind { get; set; } = EventKind.Conference;
    public int Ordinal { get; set; }
    public required string Title { get; set; }
    public required string Slug { get; set; }
    public required string HostCity { get; set; }
    public required string CountryCode { get; set; }
    public string? Venue { get; set; }
    public DateOnly StartDate { get; set; }
    public DateOnly EndDate { get; set; }
    public required string TimeZoneId { get; set; }
    public DateTime? RegistrationOpensUtc { get; set; }
    public DateTime? RegistrationClosesUtc { get; set; }
    public int? Capacity { get; set; }
    public string? Description { get; set; }
    public EditionStatus Status { get; set; }

    /// <summary>How long a waiting-list seat offer is held before it passes on.</summary>
    public int OfferHoldHours { get; set; } = 48;

    public string PrivacyNoticeVersion { get; set; } = "1";

    /// <summary>After this date a background job anonymises the edition's attendees.</summary>
    public DateOnly? RetentionUntil { get; set; }

    /// <summary>Whether the "N experts from M countries" headline and summary API are public.</summary>
    public bool PublicHeadline { get; set; }

    /// <summary>No public form: people come through single-use invitation links only (a round table's default).</summary>
    public bool InvitationOnly { get; set; }

    /// <summary>At most this many active registrations per organisation (one seat per member at a round table); null for no limit.</summary>
    public int? SeatsPerOrganisation { get; set; }

    /// <summary>
    /// The share of the course's sessions (in per cent) a trainee must attend for a certificate of attendance; null when
    /// the event issues none (a training's default is 75).
    /// </summary>
    public int? CertificateThresholdPercent { get; set; }

    public DateTime CreatedUtc { get; set; }

    /// <summary>"8th Days of Clusters", "3rd Training".</summary>
    public string DisplayName => $"{EditionRules.Ordinal(Ordinal)} {SeriesCatalogue.NameOf(SeriesId)}";
}
