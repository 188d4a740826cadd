using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Sectors;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;
using RegistrationEntity = DaysOfClusters.Web.Features.Registration.Registration;

namespace DaysOfClusters.Web.Features.Matchmaking;

public sealed class MatchmakingProfileConfiguration : IEntityTypeConfiguration<MatchmakingProfile>
{
    public void Configure(EntityTypeBuilder<MatchmakingProfile> builder)
    {
        builder.ToTable("MatchmakingProfile");
        builder.HasIndex(p => p.RegistrationId).IsUnique();
        builder.HasIndex(p => new { p.EditionId, p.OptedIn });
        builder.HasOne<RegistrationEntity>().WithMany().HasForeignKey(p => p.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        builder.Property(p => p.Offer).HasMaxLength(2000);
        builder.Property(p => p.Seek).HasMaxLength(2000);
        builder.Property(p => p.ShortText).HasMaxLength(1000);
        builder.Property(p => p.Languages).HasMaxLength(200);
    }
}

public sealed class MatchmakingProfileSectorConfiguration : IEntityTypeConfiguration<MatchmakingProfileSector>
{
    public void Configure(EntityTypeBuilder<MatchmakingProfileSector> builder)
    {
        builder.ToTable("MatchmakingProfileSector");
        builder.HasKey(x => new { x.ProfileId, x.SectorId });
        builder.HasIndex(x => x.SectorId);
        builder.HasOne<MatchmakingProfile>().WithMany().HasForeignKey(x => x.ProfileId).OnDelete(DeleteBehavior.Cascade);
        // Sectors are retired, never deleted, while profiles use them.
        builder.HasOne<Sector>().WithMany().HasForeignKey(x => x.SectorId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class MatchmakingBlockConfiguration : IEntityTypeConfiguration<MatchmakingBlock>
{
    public void Configure(EntityTypeBuilder<MatchmakingBlock> builder)
    {
        builder.ToTable("MatchmakingBlock");
        builder.HasIndex(x => x.EditionId);
        builder.HasOne<Edition>().WithMany().HasForeignKey(x => x.EditionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class MatchmakingTableConfiguration : IEntityTypeConfiguration<MatchmakingTable>
{
    public void Configure(EntityTypeBuilder<MatchmakingTable> builder)
    {
        builder.ToTable("MatchmakingTable");
        builder.HasIndex(x => new { x.EditionId, x.Number }).IsUnique();
        builder.Property(x => x.Name).HasMaxLength(100);
        builder.HasOne<Edition>().WithMany().HasForeignKey(x => x.EditionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<RegistrationEntity>().WithMany().HasForeignKey(x => x.FixedRegistrationId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class MeetingRequestConfiguration : IEntityTypeConfiguration<MeetingRequest>
{
    public void Configure(EntityTypeBuilder<MeetingRequest> builder)
    {
        builder.ToTable("MeetingRequest");
        builder.HasIndex(x => new { x.EditionId, x.Status });
        builder.HasIndex(x => x.FromRegistrationId);
        builder.HasIndex(x => x.ToRegistrationId);
        builder.Property(x => x.Message).HasMaxLength(1000);
        builder.HasOne<RegistrationEntity>().WithMany().HasForeignKey(x => x.FromRegistrationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<RegistrationEntity>().WithMany().HasForeignKey(x => x.ToRegistrationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class MatchmakingAvailabilityConfiguration : IEntityTypeConfiguration<MatchmakingAvailability>
{
    public void Configure(EntityTypeBuilder<MatchmakingAvailability> builder)
    {
        builder.ToTable("MatchmakingAvailability");
        builder.HasIndex(x => new { x.RegistrationId, x.SlotStartUtc }).IsUnique();
        builder.HasOne<RegistrationEntity>().WithMany().HasForeignKey(x => x.RegistrationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class MeetingAssignmentConfiguration : IEntityTypeConfiguration<MeetingAssignment>
{
    public void Configure(EntityTypeBuilder<MeetingAssignment> builder)
    {
        builder.ToTable("MeetingAssignment");
        builder.HasIndex(x => x.RequestId).IsUnique();
        builder.HasIndex(x => new { x.EditionId, x.SlotStartUtc, x.TableId });
        builder.HasOne<MeetingRequest>().WithMany().HasForeignKey(x => x.RequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<MatchmakingTable>().WithMany().HasForeignKey(x => x.TableId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class MatchmakingSettingsConfiguration : IEntityTypeConfiguration<MatchmakingSettings>
{
    public void Configure(EntityTypeBuilder<MatchmakingSettings> builder)
    {
        builder.ToTable("MatchmakingSettings");
        builder.HasKey(x => x.EditionId);
        builder.HasOne<Edition>().WithMany().HasForeignKey(x => x.EditionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class MeetingFeedbackConfiguration : IEntityTypeConfiguration<MeetingFeedback>
{
    public void Configure(EntityTypeBuilder<MeetingFeedback> builder)
    {
        builder.ToTable("MeetingFeedback");
        builder.HasIndex(x => new { x.RequestId, x.RegistrationId }).IsUnique();
        builder.HasIndex(x => x.EditionId);
        builder.Property(x => x.Comment).HasMaxLength(1000);
        builder.HasOne<MeetingRequest>().WithMany().HasForeignKey(x => x.RequestId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<RegistrationEntity>().WithMany().HasForeignKey(x => x.RegistrationId).OnDelete(DeleteBehavior.Cascade);
    }
}
