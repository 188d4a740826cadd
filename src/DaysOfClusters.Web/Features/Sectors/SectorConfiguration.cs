using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaysOfClusters.Web.Features.Sectors;

public sealed class SectorConfiguration : IEntityTypeConfiguration<Sector>
{
    public void Configure(EntityTypeBuilder<Sector> builder)
    {
        builder.ToTable("Sector");
        builder.Property(s => s.Name).HasMaxLength(SectorService.MaxNameLength);
        builder.Property(s => s.NameKey).HasMaxLength(SectorService.MaxNameLength * 2);
        builder.Property(s => s.NameSr).HasMaxLength(SectorService.MaxNameLength);
        builder.HasIndex(s => s.Name).IsUnique();
        builder.HasIndex(s => s.NameKey).IsUnique();
        builder.HasIndex(s => s.SortOrder);
    }
}
