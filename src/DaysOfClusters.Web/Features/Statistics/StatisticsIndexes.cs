using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaysOfClusters.Web.Features.Statistics;

/// <summary>
/// Covering indexes for the statistics page (migration "Statistics"): the big grouped query walks the first in order without
/// touching the wide registration rows, and new-versus-returning walks the second grouped by e-mail hash.
/// Applied next to the Registration feature's own configuration (ApplyConfigurationsFromAssembly applies both).
/// </summary>
public sealed class StatisticsIndexes : IEntityTypeConfiguration<Registration.Registration>
{
    public void Configure(EntityTypeBuilder<Registration.Registration> builder)
    {
        builder.HasIndex(r => new { r.EditionId, r.CountryCode, r.OrganisationType, r.CategoryId, r.Status }, "IX_Registrations_Statistics");
        builder.HasIndex(r => new { r.EmailHash, r.EditionId, r.Status }, "IX_Registrations_Statistics_EmailHash");
    }
}
