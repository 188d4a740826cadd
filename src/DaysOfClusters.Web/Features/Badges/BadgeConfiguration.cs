using DaysOfClusters.Web.Features.Editions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaysOfClusters.Web.Features.Badges;

public sealed class IssuedBadgeConfiguration : IEntityTypeConfiguration<IssuedBadge>
{
    public void Configure(EntityTypeBuilder<IssuedBadge> builder)
    {
        builder.HasIndex(b => new { b.TicketId, b.IssueNumber }).IsUnique();
        builder.HasIndex(b => new { b.RegistrationId, b.IssueNumber }).IsUnique();
        builder.HasIndex(b => new { b.EditionId, b.RevokedUtc });
        builder.Property(b => b.RevokedReason).HasMaxLength(200);
        builder.Ignore(b => b.TicketIdValue);
        builder.HasOne<Edition>().WithMany().HasForeignKey(b => b.EditionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Registration.Registration>().WithMany().HasForeignKey(b => b.RegistrationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class EditionSigningKeyConfiguration : IEntityTypeConfiguration<EditionSigningKey>
{
    public void Configure(EntityTypeBuilder<EditionSigningKey> builder)
    {
        builder.HasKey(k => k.EditionId);
        builder.Property(k => k.ProtectedPrivateKey).HasMaxLength(2000);
        builder.Property(k => k.SpkiBase64).HasMaxLength(400);
        builder.HasOne<Edition>().WithMany().HasForeignKey(k => k.EditionId).OnDelete(DeleteBehavior.Cascade);
    }
}
