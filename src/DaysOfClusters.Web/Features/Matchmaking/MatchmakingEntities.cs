using DaysOfClusters.Web.Features.Registration;

namespace DaysOfClusters.Web.Features.Matchmaking;

[Flags]
public enum CooperationTypes
{
    None = 0,
    JointProject = 1,
    Supply = 2,
    Investment = 4,
    Research = 8,
    EuFundingConsortium = 16,
    Other = 32,
}

public enum MeetingRequestStatus
{
    Pending = 0,
    Accepted = 1,
    Declined = 2,
    Cancelled = 3,
    Expired = 4,
}

/// <summary>An attendee's matchmaking profile; one per registration. Pillar and organisation type are copied from the registration.</summary>
public sealed class MatchmakingProfile
{
    public int Id { get; set; }
    public int RegistrationId { get; set; }
    public int EditionId { get; set; }
    public Pillar Pillar { get; set; }
    public OrganisationType OrganisationType { get; set; }
    public string? Offer { get; set; }
    public string? Seek { get; set; }
    public CooperationTypes CooperationTypes { get; set; }
    public string? ShortText { get; set; }
    public string? Languages { get; set; }
    public bool OptedIn { get; set; }
    public DateTime UpdatedUtc { get; set; }
}

/// <summary>A sector (from the organisers' list) on a profile.</summary>
public sealed class MatchmakingProfileSector
{
    public int ProfileId { get; set; }
    public int SectorId { get; set; }
}

/// <summary>A period cut into slots of <see cref="SlotMinutes"/> (15, 20 or 30).</summary>
public sealed class MatchmakingBlock
{
    public int Id { get; set; }
    public int EditionId { get; set; }
    public DateTime StartUtc { get; set; }
    public DateTime EndUtc { get; set; }
    public int SlotMinutes { get; set; } = 20;
}

public sealed class MatchmakingTable
{
    public int Id { get; set; }
    public int EditionId { get; set; }
    public int Number { get; set; }
    public string? Name { get; set; }

    /// <summary>An exhibitor's or delegation's own table: only their meetings are held there.</summary>
    public int? FixedRegistrationId { get; set; }
}

public sealed class MeetingRequest
{
    public int Id { get; set; }
    public int EditionId { get; set; }
    public int FromRegistrationId { get; set; }
    public int ToRegistrationId { get; set; }
    public string? Message { get; set; }
    public MeetingRequestStatus Status { get; set; }
    public bool Priority { get; set; }
    public DateTime CreatedUtc { get; set; }
    public DateTime? ExpiresUtc { get; set; }
    public DateTime? RespondedUtc { get; set; }
}

/// <summary>A slot (by its start) in which the participant can meet.</summary>
public sealed class MatchmakingAvailability
{
    public int Id { get; set; }
    public int RegistrationId { get; set; }
    public DateTime SlotStartUtc { get; set; }
}

public sealed class MeetingAssignment
{
    public int Id { get; set; }
    public int RequestId { get; set; }
    public int EditionId { get; set; }
    public DateTime SlotStartUtc { get; set; }
    public int TableId { get; set; }
    public bool Locked { get; set; }
    public bool Published { get; set; }
}

/// <summary>Per-edition rules: a cap of meetings per participant and how long a request waits for an answer.</summary>
public sealed class MatchmakingSettings
{
    public int EditionId { get; set; }
    public int? MaxMeetingsPerParticipant { get; set; }
    public int RequestExpiryHours { get; set; } = 72;
}

/// <summary>What a participant expects after a meeting.</summary>
public enum ExpectedFollowUp
{
    None = 0,
    AnotherMeeting = 1,
    JointProject = 2,
    Supply = 3,
    Investment = 4,
    Research = 5,
    EuFundingConsortium = 6,
    Other = 7,
}

/// <summary>One side's after-event feedback on one meeting; each side gives at most one (re-submitting replaces it).</summary>
public sealed class MeetingFeedback
{
    public int Id { get; set; }
    public int RequestId { get; set; }
    public int EditionId { get; set; }
    public int RegistrationId { get; set; }
    public bool Happened { get; set; }

    /// <summary>1 (not useful) to 5 (very useful); null when the meeting did not happen.</summary>
    public int? Usefulness { get; set; }

    public ExpectedFollowUp FollowUp { get; set; }
    public string? Comment { get; set; }
    public DateTime SubmittedUtc { get; set; }
}
