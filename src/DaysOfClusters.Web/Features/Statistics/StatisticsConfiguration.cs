using DaysOfClusters.Web.Features.CheckIn;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaysOfClusters.Web.Features.Statistics;

/// <summary>
/// Covering indexes over the raw rows for statistics. The page itself reads the trigger-kept summaries
/// (StatisticsEntities.cs); these serve the summaries' triggers (the e-mail hash index finds a person's registrations when
/// new-versus-returning is refreshed), the one-pass fill in the migration and the grouped raw queries the summaries are
/// tested against (migrations "InitialCreate" and "StatisticsIndexes").
/// Applied next to the Registration feature's own configuration (ApplyConfigurationsFromAssembly applies both).
/// </summary>
public sealed class StatisticsIndexes : IEntityTypeConfiguration<Registration.Registration>
{
    public void Configure(EntityTypeBuilder<Registration.Registration> builder)
    {
        builder.HasIndex(r => new { r.EditionId, r.CountryCode, r.OrganisationType, r.CategoryId, r.Status }, "IX_Registrations_Statistics");
        builder.HasIndex(r => new { r.EmailHash, r.EditionId, r.Status }, "IX_Registrations_Statistics_EmailHash");
        builder.HasIndex(r => new { r.EditionId, r.Status, r.CreatedUtc }, "IX_Registrations_Statistics_Timeline");
    }
}

/// <summary>
/// Check-in indexes for statistics: a summary trigger finds a registration's presences with an entry (attended, first
/// arrival) in the first; the raw arrivals query reads only the second.
/// </summary>
public sealed class StatisticsPresenceIndexes : IEntityTypeConfiguration<Presence>
{
    public void Configure(EntityTypeBuilder<Presence> builder)
    {
        builder.HasIndex(p => new { p.RegistrationId, p.EntryCount }, "IX_Presences_Statistics_Attended");
        builder.HasIndex(p => new { p.EditionId, p.RegistrationId, p.EntryCount, p.FirstEntryUtc }, "IX_Presences_Statistics_Arrivals");
    }
}

public sealed class StatisticsSummaryConfiguration :
    IEntityTypeConfiguration<StatisticsRegistrationState>, IEntityTypeConfiguration<StatisticsCell>, IEntityTypeConfiguration<StatisticsOrganisationCell>,
    IEntityTypeConfiguration<StatisticsRegistrationHour>, IEntityTypeConfiguration<StatisticsArrivalHour>, IEntityTypeConfiguration<StatisticsPerson>,
    IEntityTypeConfiguration<StatisticsNewPeople>
{
    public void Configure(EntityTypeBuilder<StatisticsRegistrationState> builder)
    {
        builder.ToTable("StatisticsRegistrationStates");
        builder.HasKey(s => s.RegistrationId);
        builder.Property(s => s.RegistrationId).ValueGeneratedNever();
        builder.Property(s => s.CountryCode).HasMaxLength(2);
        builder.Property(s => s.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.OrganisationType).HasConversion<string>().HasMaxLength(32);
        builder.Property(s => s.ArrivalHour).HasMaxLength(13);
        builder.Property(s => s.CreatedHour).HasMaxLength(13);
    }

    public void Configure(EntityTypeBuilder<StatisticsCell> builder)
    {
        builder.ToTable("StatisticsCells");
        builder.HasKey(c => new { c.EditionId, c.CountryCode, c.OrganisationType, c.CategoryId, c.Status });
        builder.Property(c => c.CountryCode).HasMaxLength(2);
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(c => c.OrganisationType).HasConversion<string>().HasMaxLength(32);
    }

    public void Configure(EntityTypeBuilder<StatisticsOrganisationCell> builder)
    {
        builder.ToTable("StatisticsOrganisationCells");
        builder.HasKey(c => new { c.EditionId, c.OrganisationId, c.Status });
        builder.Property(c => c.Status).HasConversion<string>().HasMaxLength(16);
    }

    public void Configure(EntityTypeBuilder<StatisticsRegistrationHour> builder)
    {
        builder.ToTable("StatisticsRegistrationHours");
        builder.HasKey(h => new { h.EditionId, h.Hour });
        builder.Property(h => h.Hour).HasMaxLength(13);
    }

    public void Configure(EntityTypeBuilder<StatisticsArrivalHour> builder)
    {
        builder.ToTable("StatisticsArrivalHours");
        builder.HasKey(h => new { h.EditionId, h.Hour });
        builder.Property(h => h.Hour).HasMaxLength(13);
    }

    public void Configure(EntityTypeBuilder<StatisticsPerson> builder)
    {
        builder.ToTable("StatisticsPeople");
        builder.HasKey(p => p.EmailHash);
        builder.Property(p => p.EmailHash).HasMaxLength(64);
    }

    public void Configure(EntityTypeBuilder<StatisticsNewPeople> builder)
    {
        builder.ToTable("StatisticsNewPeople");
        builder.HasKey(p => p.Ordinal);
        builder.Property(p => p.Ordinal).ValueGeneratedNever();
    }
}
