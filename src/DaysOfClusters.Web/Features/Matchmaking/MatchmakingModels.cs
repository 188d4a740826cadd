using DaysOfClusters.Web.Features.Geography;
using DaysOfClusters.Web.Features.Registration;

namespace DaysOfClusters.Web.Features.Matchmaking;

/// <summary>What an attendee fills in; <paramref name="SectorIds"/> are sectors of the organisers' list.</summary>
public sealed record ProfileInput(IReadOnlyList<int>? SectorIds, string? Offer, string? Seek, CooperationTypes CooperationTypes, string? ShortText, string? Languages);

public sealed record MarketplaceFilter(string? CountryCode = null, Continent? Continent = null, Pillar? Pillar = null,
    CooperationTypes CooperationType = CooperationTypes.None, string? Text = null, int? SectorId = null);

/// <summary>
/// Meetings where both sides are cluster organisations (by their directory organisation, else the type they registered
/// with) are cluster-to-cluster (C2C).
/// </summary>
public static class C2C
{
    public static bool Of(OrganisationType a, OrganisationType b) => a == OrganisationType.ClusterOrganisation && b == OrganisationType.ClusterOrganisation;
}

/// <summary>A country of the marketplace's country filter and how many profiles it has.</summary>
public sealed record MarketplaceCountry(Country Country, int Profiles)
{
    public string Code => Country.Code;
}

/// <summary>A marketplace card; <paramref name="Organisation"/> and <paramref name="OrganisationKind"/> come from the directory when linked.</summary>
public sealed record ProfileCard(int RegistrationId, string Name, string Organisation, string CountryCode, Continent? Continent, Pillar Pillar,
    IReadOnlyList<string> Sectors, string? Offer, string? Seek, CooperationTypes CooperationTypes, string? ShortText, string? Languages,
    OrganisationType OrganisationKind = OrganisationType.Other);

public sealed record RequestView(int Id, int FromRegistrationId, string FromName, string FromOrganisation, int ToRegistrationId, string ToName,
    string ToOrganisation, string? Message, MeetingRequestStatus Status, bool Priority, DateTime CreatedUtc, DateTime? ExpiresUtc,
    OrganisationType FromKind = OrganisationType.Other, OrganisationType ToKind = OrganisationType.Other, bool Scheduled = false)
{
    public bool IsC2C => C2C.Of(FromKind, ToKind);
}

/// <summary>
/// The outcome of an operation that may be refused; <see cref="Error"/> says why in English, and <see cref="Code"/> (with
/// <see cref="Args"/>) names the SharedResource text that says it in the attendee's language.
/// </summary>
public sealed record MatchmakingResult(bool Ok, string? Error = null, int? Id = null, string? Code = null, object[]? Args = null)
{
    public static MatchmakingResult Success(int? id = null) => new(true, null, id);
    public static MatchmakingResult Refused(string error) => new(false, error);
    public static MatchmakingResult Refused(string error, string code, params object[] args) => new(false, error, null, code, args);
}

public sealed record ScheduleOutcome(int Scheduled, int Accepted, int UpperBound, IReadOnlyList<string> Violations, TimeSpan Elapsed)
{
    public double Ratio => UpperBound == 0 ? 1.0 : (double)Scheduled / UpperBound;
}

public sealed record GridMeeting(int AssignmentId, int RequestId, DateTime SlotStartUtc, int TableId, int TableNumber, string AName, string AOrganisation,
    string BName, string BOrganisation, bool Locked, bool Published, bool Priority = false,
    OrganisationType AKind = OrganisationType.Other, OrganisationType BKind = OrganisationType.Other)
{
    public bool IsC2C => C2C.Of(AKind, BKind);
}

public sealed record MyMeeting(DateTime SlotStartUtc, DateTime SlotEndUtc, int TableNumber, string? TableName, string OtherName, string OtherOrganisation,
    int RequestId = 0, string? OtherCountryCode = null, bool IsC2C = false)
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

public sealed record UnscheduledMeeting(int RequestId, string AName, string AOrganisation, string BName, string BOrganisation, bool Priority,
    OrganisationType AKind = OrganisationType.Other, OrganisationType BKind = OrganisationType.Other)
{
    public bool IsC2C => C2C.Of(AKind, BKind);
}
