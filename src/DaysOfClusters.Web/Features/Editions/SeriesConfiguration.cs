using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaysOfClusters.Web.Features.Editions;

public sealed class SeriesConfiguration : IEntityTypeConfiguration<Series>
{
    public void Configure(EntityTypeBuilder<Series> builder)
    {
        builder.Property(s => s.Code).HasMaxLength(SeriesCatalogue.CodeMaxLength);
        builder.HasIndex(s => s.Code).IsUnique();
        builder.Property(s => s.Name).HasMaxLength(SeriesCatalogue.NameMaxLength);
        builder.Property(s => s.NameSr).HasMaxLength(SeriesCatalogue.NameMaxLength);
        builder.Property(s => s.Colour).HasMaxLength(7);
        builder.Property(s => s.LogoPath).HasMaxLength(200);
        builder.Property(s => s.Description).HasMaxLength(SeriesCatalogue.DescriptionMaxLength);
        builder.Property(s => s.DescriptionSr).HasMaxLength(SeriesCatalogue.DescriptionMaxLength);
        builder.Property(s => s.DefaultKind).HasConversion<string>().HasMaxLength(16);
        // Seeded by the migration, so every database (and every edition already in one) has its series.
        builder.HasData(SeriesCatalogue.Seeded.Select(s => new Series
        {
            Id = s.Id, Code = s.Code, Name = s.Name, NameSr = s.NameSr, Colour = s.Colour, LogoPath = s.LogoPath, Description = s.Description,
            DescriptionSr = s.DescriptionSr, DefaultKind = s.DefaultKind, SortOrder = s.SortOrder,
        }));
    }
}
