using DaysOfClusters.Web.Features.Editions;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaysOfClusters.Web.Features.CheckIn;

public sealed class CheckInPointConfiguration : IEntityTypeConfiguration<CheckInPoint>
{
    public void Configure(EntityTypeBuilder<CheckInPoint> builder)
    {
        builder.Property(p => p.Name).HasMaxLength(100);
        builder.Property(p => p.Kind).HasConversion<string>().HasMaxLength(16);
        builder.HasIndex(p => new { p.EditionId, p.Name }).IsUnique();
        builder.HasOne<Edition>().WithMany().HasForeignKey(p => p.EditionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ScanLogEntryConfiguration : IEntityTypeConfiguration<ScanLogEntry>
{
    public const int CodeTextMax = 200;

    public void Configure(EntityTypeBuilder<ScanLogEntry> builder)
    {
        builder.Property(s => s.Nonce).HasMaxLength(64);
        builder.Property(s => s.ReasonCode).HasMaxLength(32);
        builder.Property(s => s.ReasonText).HasMaxLength(300);
        builder.Property(s => s.CodeText).HasMaxLength(CodeTextMax);
        builder.Property(s => s.UserId).HasMaxLength(450);
        builder.Property(s => s.Outcome).HasConversion<string>().HasMaxLength(16);
        builder.Property(s => s.Direction).HasConversion<string>().HasMaxLength(8);
        builder.HasIndex(s => s.Nonce).IsUnique();
        builder.HasIndex(s => new { s.EditionId, s.Id });
        builder.HasIndex(s => new { s.RegistrationId, s.Outcome });
        builder.HasOne<Edition>().WithMany().HasForeignKey(s => s.EditionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<CheckInPoint>().WithMany().HasForeignKey(s => s.PointId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class PresenceConfiguration : IEntityTypeConfiguration<Presence>
{
    public void Configure(EntityTypeBuilder<Presence> builder)
    {
        builder.HasIndex(p => new { p.PointId, p.RegistrationId }).IsUnique();
        builder.HasIndex(p => new { p.EditionId, p.RegistrationId });
        builder.HasOne<CheckInPoint>().WithMany().HasForeignKey(p => p.PointId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Registration.Registration>().WithMany().HasForeignKey(p => p.RegistrationId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class ScannerDeviceConfiguration : IEntityTypeConfiguration<ScannerDevice>
{
    public void Configure(EntityTypeBuilder<ScannerDevice> builder)
    {
        builder.Property(d => d.Name).HasMaxLength(100);
        builder.Property(d => d.TokenHash).HasMaxLength(64);
        builder.Property(d => d.CreatedByUserId).HasMaxLength(450);
        builder.HasIndex(d => d.TokenHash).IsUnique();
        builder.HasOne<Edition>().WithMany().HasForeignKey(d => d.EditionId).OnDelete(DeleteBehavior.Cascade);
    }
}
