using DaysOfClusters.Web.Features.Accounts;
using DaysOfClusters.Web.Features.Agenda;
using DaysOfClusters.Web.Features.Badges;
using DaysOfClusters.Web.Features.Certificates;
using DaysOfClusters.Web.Features.CheckIn;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Geography;
using DaysOfClusters.Web.Features.Matchmaking;
using DaysOfClusters.Web.Features.Network;
using DaysOfClusters.Web.Features.Registration;
using DaysOfClusters.Web.Features.Sectors;
using DaysOfClusters.Web.Features.Statistics;
using Microsoft.AspNetCore.DataProtection.EntityFrameworkCore;
using Microsoft.AspNetCore.Identity.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Data;

/// <summary>The app's one context. Its migrations are SQLite's; <see cref="PostgreSqlAppDbContext"/> carries PostgreSQL's.</summary>
public class AppDbContext : IdentityDbContext<AppUser>, IDataProtectionKeyContext
{
    public AppDbContext(DbContextOptions<AppDbContext> options) : base(options) { }

    /// <summary>For a provider's derived context, which needs options of its own type (and so its own migrations).</summary>
    protected AppDbContext(DbContextOptions options) : base(options) { }

    // Every entity of the model has its set here, grouped by feature; the Identity tables' sets (Users, Roles, UserRoles…)
    // come from IdentityDbContext. Tables created before their set existed keep their first (singular) names through an
    // explicit ToTable in their configuration, since a set would otherwise give the table its own name.

    // Data protection: the key ring (encrypted at rest, see KeyRingEncryption).
    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();

    // Geography
    public DbSet<Country> Countries => Set<Country>();
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<RegionCountry> RegionCountries => Set<RegionCountry>();

    // Editions
    public DbSet<Edition> Editions => Set<Edition>();
    public DbSet<Series> Series => Set<Series>();
    public DbSet<EventPartner> EventPartners => Set<EventPartner>();
    public DbSet<EventDocument> EventDocuments => Set<EventDocument>();

    // Registration
    public DbSet<RegistrationCategory> RegistrationCategories => Set<RegistrationCategory>();
    public DbSet<Registration> Registrations => Set<Registration>();
    public DbSet<EditionSeatCounter> EditionSeatCounters => Set<EditionSeatCounter>();
    public DbSet<CategorySeatCounter> CategorySeatCounters => Set<CategorySeatCounter>();
    public DbSet<Invitation> Invitations => Set<Invitation>();
    public DbSet<RegistrationAuditEntry> RegistrationAuditEntries => Set<RegistrationAuditEntry>();
    public DbSet<RegistrationQuestion> RegistrationQuestions => Set<RegistrationQuestion>();
    public DbSet<QuestionChoice> QuestionChoices => Set<QuestionChoice>();
    public DbSet<RegistrationAnswer> RegistrationAnswers => Set<RegistrationAnswer>();

    // Badges
    public DbSet<IssuedBadge> IssuedBadges => Set<IssuedBadge>();
    public DbSet<EditionSigningKey> EditionSigningKeys => Set<EditionSigningKey>();

    // Certificates
    public DbSet<Certificate> Certificates => Set<Certificate>();

    // Agenda
    public DbSet<Room> Rooms => Set<Room>();
    public DbSet<Track> Tracks => Set<Track>();
    public DbSet<Session> Sessions => Set<Session>();
    public DbSet<Speaker> Speakers => Set<Speaker>();
    public DbSet<SessionSpeaker> SessionSpeakers => Set<SessionSpeaker>();
    public DbSet<Bookmark> Bookmarks => Set<Bookmark>();
    public DbSet<SeatBooking> SeatBookings => Set<SeatBooking>();
    public DbSet<SeatHolder> SeatHolders => Set<SeatHolder>();
    public DbSet<AgendaPublication> AgendaPublications => Set<AgendaPublication>();
    public DbSet<ConflictAcceptance> ConflictAcceptances => Set<ConflictAcceptance>();
    public DbSet<AgendaNotification> AgendaNotifications => Set<AgendaNotification>();

    // Check-in
    public DbSet<CheckInPoint> CheckInPoints => Set<CheckInPoint>();
    public DbSet<ScanLogEntry> ScanLog => Set<ScanLogEntry>();
    public DbSet<Presence> Presences => Set<Presence>();
    public DbSet<ScannerDevice> ScannerDevices => Set<ScannerDevice>();

    // Matchmaking
    public DbSet<MatchmakingProfile> MatchmakingProfiles => Set<MatchmakingProfile>();
    public DbSet<MatchmakingProfileSector> MatchmakingProfileSectors => Set<MatchmakingProfileSector>();
    public DbSet<MatchmakingBlock> MatchmakingBlocks => Set<MatchmakingBlock>();
    public DbSet<MatchmakingTable> MatchmakingTables => Set<MatchmakingTable>();
    public DbSet<MeetingRequest> MeetingRequests => Set<MeetingRequest>();
    public DbSet<MatchmakingAvailability> MatchmakingAvailabilities => Set<MatchmakingAvailability>();
    public DbSet<MeetingAssignment> MeetingAssignments => Set<MeetingAssignment>();
    public DbSet<MatchmakingSettings> MatchmakingSettings => Set<MatchmakingSettings>();
    public DbSet<MeetingFeedback> MeetingFeedback => Set<MeetingFeedback>();

    // Sectors
    public DbSet<Sector> Sectors => Set<Sector>();

    // Network: the organisation directory, past editions and contacts
    public DbSet<Organisation> Organisations => Set<Organisation>();
    public DbSet<RegistrationOrganisation> RegistrationOrganisations => Set<RegistrationOrganisation>();
    public DbSet<OrganisationSector> OrganisationSectors => Set<OrganisationSector>();
    public DbSet<PastEdition> PastEditions => Set<PastEdition>();
    public DbSet<PastEditionFigure> PastEditionFigures => Set<PastEditionFigure>();
    public DbSet<NetworkOptOut> NetworkOptOuts => Set<NetworkOptOut>();
    public DbSet<NetworkInvitation> NetworkInvitations => Set<NetworkInvitation>();

    // Statistics: summaries kept by triggers (StatisticsSummarySql)
    public DbSet<StatisticsRegistrationState> StatisticsRegistrationStates => Set<StatisticsRegistrationState>();
    public DbSet<StatisticsCell> StatisticsCells => Set<StatisticsCell>();
    public DbSet<StatisticsOrganisationCell> StatisticsOrganisationCells => Set<StatisticsOrganisationCell>();
    public DbSet<StatisticsRegistrationHour> StatisticsRegistrationHours => Set<StatisticsRegistrationHour>();
    public DbSet<StatisticsArrivalHour> StatisticsArrivalHours => Set<StatisticsArrivalHour>();
    public DbSet<StatisticsPerson> StatisticsPeople => Set<StatisticsPerson>();
    public DbSet<StatisticsNewPeople> StatisticsNewPeople => Set<StatisticsNewPeople>();

    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        builder.ApplyConfigurationsFromAssembly(typeof(AppDbContext).Assembly);
    }

    protected override void ConfigureConventions(ModelConfigurationBuilder configurationBuilder)
    {
        // Every DateTime in the model is UTC; say so when reading back (SQLite loses the kind).
        configurationBuilder.Properties<DateTime>().HaveConversion<UtcDateTimeConverter>();
    }
}

internal sealed class UtcDateTimeConverter() : Microsoft.EntityFrameworkCore.Storage.ValueConversion.ValueConverter<DateTime, DateTime>(
    v => v.Kind == DateTimeKind.Local ? v.ToUniversalTime() : DateTime.SpecifyKind(v, DateTimeKind.Utc),
    v => DateTime.SpecifyKind(v, DateTimeKind.Utc));
