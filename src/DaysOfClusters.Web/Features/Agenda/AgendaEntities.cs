namespace DaysOfClusters.Web.Features.Agenda;

public enum SessionKind
{
    Plenary = 1,
    Panel = 2,
    Workshop = 3,
    RoundTable = 4,
    MatchmakingBlock = 5,
    Break = 6,
    NetworkingSocial = 7,
    SiteVisit = 8,
}

/// <summary>Draft: new or hidden until the next publication; Published: part of the public agenda; Cancelled: shown as cancelled.</summary>
public enum SessionStatus
{
    Draft = 0,
    Published = 1,
    Cancelled = 2,
}

public enum SpeakerRole
{
    Speaker = 1,
    Moderator = 2,
    Host = 3,
}

public enum SeatBookingStatus
{
    Booked = 1,
    Waitlisted = 2,
}

public sealed class Room
{
    public int Id { get; set; }
    public int EditionId { get; set; }
    public required string Name { get; set; }
    public int Capacity { get; set; }
    public int SortOrder { get; set; }
}

public sealed class Track
{
    public int Id { get; set; }
    public int EditionId { get; set; }
    public required string Name { get; set; }

    /// <summary>#RRGGBB.</summary>
    public string Color { get; set; } = "#1B3A6B";
}

/// <summary>One programme item. Times are UTC; they are shown and typed in the edition's time zone.</summary>
public sealed class Session
{
    public int Id { get; set; }
    public int EditionId { get; set; }
    public required string Title { get; set; }
    public string? Description { get; set; }
    public SessionKind Kind { get; set; }
    public int? TrackId { get; set; }
    public Track? Track { get; set; }
    public int? RoomId { get; set; }
    public Room? Room { get; set; }
    public DateTime StartUtc { get; set; }
    public DateTime EndUtc { get; set; }

    /// <summary>Expected audience; compared with the room's capacity.</summary>
    public int? Capacity { get; set; }

    /// <summary>Working language, e.g. "English", "Serbian / English".</summary>
    public string? Language { get; set; }
    public SessionStatus Status { get; set; }

    // Round-table data (Kind == RoundTable); SeatCapacity set means seats are booked from the manage link.
    public int? SeatCapacity { get; set; }
    public string? Topic { get; set; }
    public string? Host { get; set; }

    /// <summary>Participating organisations or clusters, one per line.</summary>
    public string? Organisations { get; set; }

    /// <summary>Bumped as the first write of every seat booking transaction, so the database serialises bookings per session.</summary>
    public int SeatLockVersion { get; set; }

    public DateTime UpdatedUtc { get; set; }

    public List<SessionSpeaker> Speakers { get; set; } = [];
}

public sealed class Speaker
{
    public int Id { get; set; }
    public int EditionId { get; set; }
    public required string Name { get; set; }
    public string? Organisation { get; set; }
    public string? CountryCode { get; set; }
    public string? Bio { get; set; }
    public string? PhotoUrl { get; set; }

    /// <summary>Set when the speaker also attends; conflicts then include their round-table seats.</summary>
    public int? RegistrationId { get; set; }
}

public sealed class SessionSpeaker
{
    public int Id { get; set; }
    public int SessionId { get; set; }
    public int SpeakerId { get; set; }
    public Speaker? Speaker { get; set; }
    public SpeakerRole Role { get; set; }
}

public sealed class Bookmark
{
    public int Id { get; set; }
    public int RegistrationId { get; set; }
    public int SessionId { get; set; }
    public DateTime CreatedUtc { get; set; }
}

public sealed class SeatBooking
{
    public int Id { get; set; }
    public int RegistrationId { get; set; }
    public int SessionId { get; set; }
    public SeatBookingStatus Status { get; set; }

    /// <summary>Order on the session's waiting list, allocated once and never reused.</summary>
    public int? WaitlistPosition { get; set; }
    public DateTime CreatedUtc { get; set; }
}

/// <summary>Per-person lock row: every seat booking of a person updates it (after the session row), so two bookings of the
/// same person for different sessions are serialised on PostgreSQL too and the overlap check cannot be raced.</summary>
public sealed class SeatHolder
{
    public int RegistrationId { get; set; }
    public int LockVersion { get; set; }
}

/// <summary>One published version of an edition's agenda: what the public sees, and what the next version is compared with.</summary>
public sealed class AgendaPublication
{
    public int Id { get; set; }
    public int EditionId { get; set; }
    public int Version { get; set; }
    public DateTime PublishedUtc { get; set; }
    public string? PublishedBy { get; set; }

    /// <summary>JSON list of <see cref="AgendaChange"/>.</summary>
    public required string ChangelogJson { get; set; }

    /// <summary>JSON list of <see cref="PublishedSession"/>.</summary>
    public required string SnapshotJson { get; set; }
}

/// <summary>An organiser's decision to publish despite one conflict (identified by its stable key).</summary>
public sealed class ConflictAcceptance
{
    public int Id { get; set; }
    public int EditionId { get; set; }
    public required string ConflictKey { get; set; }
    public DateTime AcceptedUtc { get; set; }
    public string? AcceptedBy { get; set; }
}

/// <summary>A change notice sent to one attendee for one publication.</summary>
public sealed class AgendaNotification
{
    public int Id { get; set; }
    public int PublicationId { get; set; }
    public int RegistrationId { get; set; }

    /// <summary>Comma-separated session ids the notice was about.</summary>
    public required string SessionIds { get; set; }
    public DateTime SentUtc { get; set; }
}
