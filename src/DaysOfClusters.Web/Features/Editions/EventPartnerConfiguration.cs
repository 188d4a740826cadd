using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaysOfClusters.Web.Features.Editions;

public sealed class EventPartnerConfiguration : IEntityTypeConfiguration<EventPartner>
{
    public void Configure(EntityTypeBuilder<EventPartner> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(EventPartner.NameMaxLength);
        builder.Property(p => p.WebsiteUrl).HasMaxLength(EventPartner.WebsiteMaxLength);
        builder.Property(p => p.LogoContentType).HasMaxLength(32);
        builder.Property(p => p.Role).HasConversion<string>().HasMaxLength(16);
        builder.HasOne<Edition>().WithMany().HasForeignKey(p => p.EditionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(p => new { p.EditionId, p.SortOrder });
    }
}
