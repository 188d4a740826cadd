using DaysOfClusters.Web.Features.Accounts;
using DaysOfClusters.Web.Features.Agenda;
using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Geography;
using DaysOfClusters.Web.Features.Registration;
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

    public DbSet<DataProtectionKey> DataProtectionKeys => Set<DataProtectionKey>();
    public DbSet<Country> Countries => Set<Country>();
    public DbSet<Region> Regions => Set<Region>();
    public DbSet<RegionCountry> RegionCountries => Set<RegionCountry>();
    public DbSet<Edition> Editions => Set<Edition>();
    public DbSet<RegistrationCategory> RegistrationCategories => Set<RegistrationCategory>();
    public DbSet<Registration> Registrations => Set<Registration>();
    public DbSet<Features.Badges.IssuedBadge> IssuedBadges => Set<Features.Badges.IssuedBadge>();
    public DbSet<Features.Badges.EditionSigningKey> EditionSigningKeys => Set<Features.Badges.EditionSigningKey>();
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
    public DbSet<Features.CheckIn.CheckInPoint> CheckInPoints => Set<Features.CheckIn.CheckInPoint>();
    public DbSet<Features.CheckIn.ScanLogEntry> ScanLog => Set<Features.CheckIn.ScanLogEntry>();
    public DbSet<Features.CheckIn.Presence> Presences => Set<Features.CheckIn.Presence>();
    public DbSet<Features.CheckIn.ScannerDevice> ScannerDevices => Set<Features.CheckIn.ScannerDevice>();

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
