using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaysOfClusters.Web.Features.Editions;

public sealed class EventDocumentConfiguration : IEntityTypeConfiguration<EventDocument>
{
    public void Configure(EntityTypeBuilder<EventDocument> builder)
    {
        builder.Property(d => d.Title).HasMaxLength(EventDocument.TitleMaxLength);
        builder.Property(d => d.UploadedBy).HasMaxLength(256);
        builder.HasOne<Edition>().WithMany().HasForeignKey(d => d.EditionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(d => d.EditionId);
    }
}
