using DaysOfClusters.Web.Features.CheckIn;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaysOfClusters.Web.Features.Statistics;

/// <summary>
/// Covering indexes over the raw rows for statistics. The page itself reads the trigger-kept summaries
/// (StatisticsSummaries.cs); these serve the summaries' triggers (the e-mail hash index finds a person's registrations when
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
