using DaysOfClusters.Web.Features.Editions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaysOfClusters.Web.Features.Network;

public sealed class NetworkOptOutConfiguration : IEntityTypeConfiguration<NetworkOptOut>
{
    public void Configure(EntityTypeBuilder<NetworkOptOut> builder)
    {
        builder.ToTable("NetworkOptOut");
        builder.HasKey(o => o.EmailHash);
        builder.Property(o => o.EmailHash).HasMaxLength(64);
    }
}

public sealed class NetworkInvitationConfiguration : IEntityTypeConfiguration<NetworkInvitation>
{
    public void Configure(EntityTypeBuilder<NetworkInvitation> builder)
    {
        builder.ToTable("NetworkInvitation");
        builder.Property(i => i.EmailHash).HasMaxLength(64);
        builder.Property(i => i.UnsubscribeTokenHash).HasMaxLength(64);
        builder.Property(i => i.Language).HasMaxLength(10);
        builder.Property(i => i.SentBy).HasMaxLength(256);
        builder.Property(i => i.Source).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(i => new { i.EditionId, i.EmailHash }).IsUnique();
        builder.HasIndex(i => i.UnsubscribeTokenHash).IsUnique();
        builder.HasOne<Edition>().WithMany().HasForeignKey(i => i.EditionId).OnDelete(DeleteBehavior.Cascade);
    }
}
