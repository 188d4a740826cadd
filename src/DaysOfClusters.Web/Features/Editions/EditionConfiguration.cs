using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaysOfClusters.Web.Features.Editions;

public sealed class EditionConfiguration : IEntityTypeConfiguration<Edition>
{
    public void Configure(EntityTypeBuilder<Edition> builder)
    {
        builder.Property(e => e.Title).HasMaxLength(EditionRules.TitleMaxLength);
        builder.Property(e => e.Slug).HasMaxLength(EditionRules.SlugMaxLength);
        builder.HasIndex(e => e.Slug).IsUnique();
        builder.Property(e => e.HostCity).HasMaxLength(100);
        builder.Property(e => e.CountryCode).HasMaxLength(2);
        builder.Property(e => e.Venue).HasMaxLength(200);
        builder.Property(e => e.TimeZoneId).HasMaxLength(64);
        builder.Property(e => e.Description).HasMaxLength(EditionRules.DescriptionMaxLength);
        builder.Property(e => e.PrivacyNoticeVersion).HasMaxLength(20);
        builder.Property(e => e.Status).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Geography.Country>().WithMany().HasForeignKey(e => e.CountryCode).OnDelete(DeleteBehavior.Restrict);
        // Every edition that existed before series did is a Days of Clusters edition.
        builder.Property(e => e.SeriesId).HasDefaultValue(SeriesCatalogue.DaysOfClustersId);
        builder.HasOne<Series>().WithMany().HasForeignKey(e => e.SeriesId).OnDelete(DeleteBehavior.Restrict);
        builder.HasIndex(e => new { e.SeriesId, e.StartDate });
        builder.Property(e => e.Kind).HasConversion<string>().HasMaxLength(16).HasDefaultValue(EventKind.Conference);
        builder.Ignore(e => e.DisplayName);
    }
}
