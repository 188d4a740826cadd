namespace DaysOfClusters.Web.Features.CheckIn;

public enum CheckInPointKind
{
    Entrance = 1,
    SessionDoor = 2,
    Matchmaking = 3,
    Other = 4,
}

public enum ScanOutcome
{
    Accepted = 1,
    AlreadyInside = 2,
    /// <summary>An exit scan of somebody who is not inside (amber, nothing changes).</summary>
    NotInside = 3,
    Refused = 4,
}

public enum ScanDirection
{
    Entry = 1,
    Exit = 2,
}

/// <summary>Where staff scan: a day's entrance, a session or room door, the matchmaking area.</summary>
public sealed class CheckInPoint
{
    public int Id { get; set; }
    public int EditionId { get; set; }
    public required string Name { get; set; }
    public CheckInPointKind Kind { get; set; }

    /// <summary>The day an entrance is for (local date of the edition); null for every day.</summary>
    public DateOnly? Day { get; set; }

    /// <summary>The agenda session behind a session door (no foreign key: the agenda lives in its own feature).</summary>
    public int? SessionId { get; set; }

    public int SortOrder { get; set; }
    public bool IsArchived { get; set; }
    public DateTime CreatedUtc { get; set; }

    /// <summary>
    /// How many presences here have <see cref="Presence.InsideSince"/> set; changed in the same transaction as the presence,
    /// so every scan answers "inside now" with one row read instead of counting a growing table.
    /// </summary>
    public int InsideNow { get; set; }
}

/// <summary>
/// Append-only record of every scan, refusals included. Rows are never updated or deleted; the client nonce is unique,
/// so a re-sent scan finds its first answer instead of writing again.
/// </summary>
public sealed class ScanLogEntry
{
    public long Id { get; set; }
    public int EditionId { get; set; }
    public int PointId { get; set; }
    public required string Nonce { get; set; }
    public ScanOutcome Outcome { get; set; }
    public ScanDirection Direction { get; set; }
    public required string ReasonCode { get; set; }
    public string? ReasonText { get; set; }

    /// <summary>What was scanned or typed (QR text, short code, "registration:42"), truncated.</summary>
    public string? CodeText { get; set; }

    public long? TicketId { get; set; }
    public int? IssueNumber { get; set; }
    public int? RegistrationId { get; set; }
    public string? UserId { get; set; }
    public int? DeviceId { get; set; }

    /// <summary>When the device scanned (its own clock, capped at the receive time).</summary>
    public DateTime ScannedUtc { get; set; }
    public DateTime ReceivedUtc { get; set; }

    /// <summary>When the person was checked in (for accepted and already-inside answers), so a replay answers the same.</summary>
    public DateTime? CheckedInUtc { get; set; }
    public bool IsLateUpload { get; set; }
}

/// <summary>
/// Who is inside where: one row per (point, registration). Entry sets <see cref="InsideSince"/> with a conditional update
/// (<c>WHERE InsideSince IS NULL</c>), so of two simultaneous scans exactly one wins.
/// </summary>
public sealed class Presence
{
    public long Id { get; set; }
    public int EditionId { get; set; }
    public int PointId { get; set; }
    public int RegistrationId { get; set; }
    public DateTime? InsideSince { get; set; }
    public DateTime? FirstEntryUtc { get; set; }
    public DateTime? LastExitUtc { get; set; }
    public int EntryCount { get; set; }
    public int ExitCount { get; set; }
}

/// <summary>A scanner app or desk device that authenticates with a bearer token organisers issue and revoke.</summary>
public sealed class ScannerDevice
{
    public int Id { get; set; }
    public int EditionId { get; set; }
    public required string Name { get; set; }

    /// <summary>SHA-256 of the token, lower-case hex; the token itself is shown once.</summary>
    public required string TokenHash { get; set; }

    public DateTime CreatedUtc { get; set; }
    public string? CreatedByUserId { get; set; }
    public DateTime? RevokedUtc { get; set; }
    public DateTime? LastUsedUtc { get; set; }
}
