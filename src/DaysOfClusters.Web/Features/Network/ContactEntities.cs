using DaysOfClusters.Web.Features.Editions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaysOfClusters.Web.Features.Network;

/// <summary>A person who followed an unsubscribe link: no further invitations until they agree again on a later registration.</summary>
public sealed class NetworkOptOut
{
    /// <summary>The same SHA-256 of the normalised e-mail that registrations keep, so the opt-out survives erasure.</summary>
    public required string EmailHash { get; set; }
    public DateTime AtUtc { get; set; }
}

public enum InvitationSource
{
    PastAttendee = 1,
    NetworkMember = 2,
}

/// <summary>
/// One invitation of a target edition to one person (the campaign is the edition). Only hashes are kept, no address, so
/// erasure needs nothing here. The unique (edition, e-mail hash) row is claimed before the mail goes out: no double sending.
/// </summary>
public sealed class NetworkInvitation
{
    public int Id { get; set; }
    public int EditionId { get; set; }
    public required string EmailHash { get; set; }
    public InvitationSource Source { get; set; }
    public required string Language { get; set; }

    /// <summary>SHA-256 hex of the unsubscribe token; the token itself is only in the message.</summary>
    public required string UnsubscribeTokenHash { get; set; }
    public required string SentBy { get; set; }
    public DateTime SentUtc { get; set; }
}

public sealed class NetworkOptOutConfiguration : IEntityTypeConfiguration<NetworkOptOut>
{
    public void Configure(EntityTypeBuilder<NetworkOptOut> builder)
    {
        builder.HasKey(o => o.EmailHash);
        builder.Property(o => o.EmailHash).HasMaxLength(64);
    }
}

public sealed class NetworkInvitationConfiguration : IEntityTypeConfiguration<NetworkInvitation>
{
    public void Configure(EntityTypeBuilder<NetworkInvitation> builder)
    {
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
