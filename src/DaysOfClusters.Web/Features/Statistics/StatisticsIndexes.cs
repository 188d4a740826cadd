using DaysOfClusters.Web.Features.CheckIn;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaysOfClusters.Web.Features.Statistics;

/// <summary>
/// Covering indexes for the statistics page, so each grouped query reads a narrow index instead of the wide registration
/// rows: the cells query walks the first in group order, new-versus-returning walks the second grouped by e-mail hash, and
/// the registration timeline reads the third for one edition (migrations "InitialCreate" and "StatisticsIndexes").
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
/// Check-in indexes for statistics: "attended" is an EXISTS probe per registration into the first; arrivals (first entry per
/// person, grouped by edition and hour) read only the second.
/// </summary>
public sealed class StatisticsPresenceIndexes : IEntityTypeConfiguration<Presence>
{
    public void Configure(EntityTypeBuilder<Presence> builder)
    {
        builder.HasIndex(p => new { p.RegistrationId, p.EntryCount }, "IX_Presences_Statistics_Attended");
        builder.HasIndex(p => new { p.EditionId, p.RegistrationId, p.EntryCount, p.FirstEntryUtc }, "IX_Presences_Statistics_Arrivals");
    }
}
