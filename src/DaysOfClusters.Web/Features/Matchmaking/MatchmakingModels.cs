using DaysOfClusters.Web.Features.Geography;
using DaysOfClusters.Web.Features.Registration;

namespace DaysOfClusters.Web.Features.Matchmaking;

public sealed record ProfileInput(string? Sectors, string? Offer, string? Seek, CooperationTypes CooperationTypes, string? ShortText, string? Languages);

public sealed record MarketplaceFilter(string? CountryCode = null, Continent? Continent = null, Pillar? Pillar = null,
    CooperationTypes CooperationType = CooperationTypes.None, string? Text = null);

public sealed record ProfileCard(int RegistrationId, string Name, string Organisation, string CountryCode, Continent? Continent, Pillar Pillar,
    string? Sectors, string? Offer, string? Seek, CooperationTypes CooperationTypes, string? ShortText, string? Languages);

public sealed record RequestView(int Id, int FromRegistrationId, string FromName, string FromOrganisation, int ToRegistrationId, string ToName,
    string ToOrganisation, string? Message, MeetingRequestStatus Status, bool Priority, DateTime CreatedUtc, DateTime? ExpiresUtc);

/// <summary>The outcome of an operation that may be refused; <see cref="Error"/> says why.</summary>
public sealed record MatchmakingResult(bool Ok, string? Error = null, int? Id = null)
{
    public static MatchmakingResult Success(int? id = null) => new(true, null, id);
    public static MatchmakingResult Refused(string error) => new(false, error);
}

public sealed record ScheduleOutcome(int Scheduled, int Accepted, int UpperBound, IReadOnlyList<string> Violations, TimeSpan Elapsed)
{
    public double Ratio => UpperBound == 0 ? 1.0 : (double)Scheduled / UpperBound;
}

public sealed record GridMeeting(int AssignmentId, int RequestId, DateTime SlotStartUtc, int TableId, int TableNumber, string AName, string AOrganisation,
    string BName, string BOrganisation, bool Locked, bool Published);

public sealed record MyMeeting(DateTime SlotStartUtc, DateTime SlotEndUtc, int TableNumber, string? TableName, string OtherName, string OtherOrganisation,
    int RequestId = 0, string? OtherCountryCode = null)
{
    public string TableLabel => string.IsNullOrWhiteSpace(TableName) ? $"{TableNumber}" : $"{TableNumber} – {TableName}";
}

public sealed record FeedbackInput(bool Happened, int? Usefulness, ExpectedFollowUp FollowUp, string? Comment);

public sealed record MatchmakingGroupRow(string Key, string Label, int Participants, int Requests, int Accepted, int Scheduled);

public sealed record MeetingsPerParticipantRow(int Meetings, int Participants);

public sealed record FeedbackSummary(int Answers, int Happened, double? AverageUsefulness, IReadOnlyList<(ExpectedFollowUp FollowUp, int Count)> FollowUps);

/// <summary>The organiser's figures: requests by status, scheduled against accepted, meetings per participant, by country and continent, feedback.</summary>
public sealed record MatchmakingStatistics(
    int OptedIn, IReadOnlyList<(MeetingRequestStatus Status, int Count)> RequestsByStatus, int Accepted, int Scheduled, int Published,
    IReadOnlyList<MeetingsPerParticipantRow> MeetingsPerParticipant, double AverageMeetings, int MaxMeetings,
    IReadOnlyList<MatchmakingGroupRow> ByCountry, IReadOnlyList<MatchmakingGroupRow> ByContinent, FeedbackSummary Feedback);

public sealed record UnscheduledMeeting(int RequestId, string AName, string AOrganisation, string BName, string BOrganisation, bool Priority);
