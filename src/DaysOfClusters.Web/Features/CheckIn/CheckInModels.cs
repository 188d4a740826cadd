namespace DaysOfClusters.Web.Features.CheckIn;

/// <summary>One scan: a QR text, a short code / hex ticket id typed by hand, or a registration picked from the name search.</summary>
public sealed record ScanRequest(
    string? Code,
    int PointId,
    string? Nonce = null,
    DateTimeOffset? ScannedAt = null,
    ScanDirection Direction = ScanDirection.Entry,
    int? RegistrationId = null,
    bool Offline = false);

/// <summary>Who scanned: a signed-in staff member or organiser, or a device token (limited to its edition).</summary>
public sealed record ScanActor(string? UserId, int? DeviceId, int? DeviceEditionId)
{
    public static ScanActor ForUser(string userId) => new(userId, null, null);

    public static ScanActor ForDevice(int deviceId, int editionId) => new(null, deviceId, editionId);

    /// <summary>A device token reads and writes only its own edition's points; staff and organisers any.</summary>
    public bool MayUse(CheckInPointInfo point) => DeviceEditionId is not { } own || own == point.EditionId;
}

public sealed record AttendeeDisplay(int RegistrationId, string Name, string Organisation, string Country, string CountryCode, string Category, string CategoryColor);

public sealed record ScanResult(
    ScanOutcome Outcome,
    ScanDirection Direction,
    string ReasonCode,
    string? Reason,
    AttendeeDisplay? Attendee,
    DateTime? CheckedInUtc,
    string? CheckedInLocal,
    int PointId,
    string PointName,
    string Nonce,
    bool Replayed,
    bool IsLateUpload,
    int InsideNow);

public static class ScanReasons
{
    public const string Ok = "ok";
    public const string Invalid = "invalid";
    public const string UnsupportedVersion = "unsupported-version";
    public const string Forged = "forged";
    public const string OtherEdition = "other-edition";
    public const string Revoked = "revoked";
    public const string UnknownTicket = "unknown-ticket";
    public const string UnknownRegistration = "unknown-registration";
    public const string Cancelled = "cancelled";
    public const string NotConfirmed = "not-confirmed";
    public const string AlreadyInside = "already-inside";
    public const string NotInside = "not-inside";
    public const string DeviceEdition = "device-edition";
    public const string PointClosed = "point-closed";
}

public sealed record CheckInPointDto(int Id, string Name, CheckInPointKind Kind, DateOnly? Day, int? SessionId, int SortOrder);

public sealed record ScannerEditionDto(int Id, string Slug, string Title, string TimeZoneId, IReadOnlyList<CheckInPointDto> Points);

public sealed record OfflineAttendeeDto(string Ticket, int Issue, int RegistrationId, string Name, string Organisation, string Country, string Category, string CategoryColor);

public sealed record OfflineRevocationDto(string Ticket, int Issue, string Reason);

/// <summary>Everything an offline scanner needs for one edition: the key, who may enter and which badges are refused.</summary>
public sealed record OfflineAttendeeListDto(
    int EditionId,
    string Slug,
    string TimeZoneId,
    string Algorithm,
    string Spki,
    DateTime GeneratedUtc,
    IReadOnlyList<CheckInPointDto> Points,
    IReadOnlyList<OfflineAttendeeDto> Attendees,
    IReadOnlyList<OfflineRevocationDto> Revoked);

public sealed record AttendeeSearchHit(int RegistrationId, string Name, string Organisation, string Country, string Category, string CategoryColor, string Status, bool InsideHere);

public sealed record ScannerDeviceDto(int Id, string Name, DateTime CreatedUtc, DateTime? RevokedUtc, DateTime? LastUsedUtc);

public sealed record IssuedDeviceToken(ScannerDeviceDto Device, string Token);

public sealed record ArrivalBucket(DateTime StartLocal, int Count);

public sealed record CheckedInShare(string Label, string? Color, int Registered, int CheckedIn);

public sealed record PointOccupancy(int PointId, string Name, CheckInPointKind Kind, DateOnly? Day, int InsideNow, int EverEntered);

public sealed record RecentScan(long Id, DateTime ScannedLocal, string PointName, ScanOutcome Outcome, ScanDirection Direction, string? Name, string ReasonCode, string? Reason, bool IsLateUpload);

public sealed record CheckInDashboard(
    int EditionId,
    string TimeZoneId,
    int Registered,
    int CheckedIn,
    IReadOnlyList<ArrivalBucket> Arrivals,
    IReadOnlyList<CheckedInShare> ByCategory,
    IReadOnlyList<CheckedInShare> ByContinent,
    IReadOnlyList<PointOccupancy> Points,
    IReadOnlyList<RecentScan> LastScans);
