using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaysOfClusters.Web.Features.Agenda;

public sealed class RoomConfiguration : IEntityTypeConfiguration<Room>
{
    public void Configure(EntityTypeBuilder<Room> builder)
    {
        builder.Property(x => x.Name).HasMaxLength(100);
        builder.HasOne<Edition>().WithMany().HasForeignKey(x => x.EditionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.EditionId, x.Name }).IsUnique();
    }
}

public sealed class TrackConfiguration : IEntityTypeConfiguration<Track>
{
    public void Configure(EntityTypeBuilder<Track> builder)
    {
        builder.Property(x => x.Name).HasMaxLength(100);
        builder.Property(x => x.Color).HasMaxLength(7);
        builder.HasOne<Edition>().WithMany().HasForeignKey(x => x.EditionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.EditionId, x.Name }).IsUnique();
    }
}

public sealed class SessionConfiguration : IEntityTypeConfiguration<Session>
{
    public void Configure(EntityTypeBuilder<Session> builder)
    {
        builder.ToTable("AgendaSessions");
        builder.Property(x => x.Title).HasMaxLength(200);
        builder.Property(x => x.Description).HasMaxLength(4000);
        builder.Property(x => x.Language).HasMaxLength(60);
        builder.Property(x => x.Topic).HasMaxLength(300);
        builder.Property(x => x.Host).HasMaxLength(200);
        builder.Property(x => x.Organisations).HasMaxLength(4000);
        builder.HasOne<Edition>().WithMany().HasForeignKey(x => x.EditionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne(x => x.Track).WithMany().HasForeignKey(x => x.TrackId).OnDelete(DeleteBehavior.SetNull);
        builder.HasOne(x => x.Room).WithMany().HasForeignKey(x => x.RoomId).OnDelete(DeleteBehavior.SetNull);
        builder.HasMany(x => x.Speakers).WithOne().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.EditionId, x.StartUtc });
    }
}

public sealed class SpeakerConfiguration : IEntityTypeConfiguration<Speaker>
{
    public void Configure(EntityTypeBuilder<Speaker> builder)
    {
        builder.Property(x => x.Name).HasMaxLength(200);
        builder.Property(x => x.Organisation).HasMaxLength(200);
        builder.Property(x => x.CountryCode).HasMaxLength(2);
        builder.Property(x => x.Bio).HasMaxLength(2000);
        builder.Property(x => x.PhotoUrl).HasMaxLength(500);
        builder.HasOne<Edition>().WithMany().HasForeignKey(x => x.EditionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Registration.Registration>().WithMany().HasForeignKey(x => x.RegistrationId).OnDelete(DeleteBehavior.SetNull);
    }
}

public sealed class SessionSpeakerConfiguration : IEntityTypeConfiguration<SessionSpeaker>
{
    public void Configure(EntityTypeBuilder<SessionSpeaker> builder)
    {
        builder.HasOne(x => x.Speaker).WithMany().HasForeignKey(x => x.SpeakerId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.SessionId, x.SpeakerId }).IsUnique();
    }
}

public sealed class BookmarkConfiguration : IEntityTypeConfiguration<Bookmark>
{
    public void Configure(EntityTypeBuilder<Bookmark> builder)
    {
        builder.HasOne<Registration.Registration>().WithMany().HasForeignKey(x => x.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Session>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.RegistrationId, x.SessionId }).IsUnique();
    }
}

public sealed class SeatBookingConfiguration : IEntityTypeConfiguration<SeatBooking>
{
    public void Configure(EntityTypeBuilder<SeatBooking> builder)
    {
        builder.HasOne<Registration.Registration>().WithMany().HasForeignKey(x => x.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Session>().WithMany().HasForeignKey(x => x.SessionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.RegistrationId, x.SessionId }).IsUnique();
        builder.HasIndex(x => new { x.SessionId, x.WaitlistPosition }).IsUnique();
    }
}

public sealed class AgendaPublicationConfiguration : IEntityTypeConfiguration<AgendaPublication>
{
    public void Configure(EntityTypeBuilder<AgendaPublication> builder)
    {
        builder.Property(x => x.PublishedBy).HasMaxLength(256);
        builder.HasOne<Edition>().WithMany().HasForeignKey(x => x.EditionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.EditionId, x.Version }).IsUnique();
    }
}

public sealed class ConflictAcceptanceConfiguration : IEntityTypeConfiguration<ConflictAcceptance>
{
    public void Configure(EntityTypeBuilder<ConflictAcceptance> builder)
    {
        builder.Property(x => x.ConflictKey).HasMaxLength(200);
        builder.Property(x => x.AcceptedBy).HasMaxLength(256);
        builder.HasOne<Edition>().WithMany().HasForeignKey(x => x.EditionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.EditionId, x.ConflictKey }).IsUnique();
    }
}

public sealed class AgendaNotificationConfiguration : IEntityTypeConfiguration<AgendaNotification>
{
    public void Configure(EntityTypeBuilder<AgendaNotification> builder)
    {
        builder.Property(x => x.SessionIds).HasMaxLength(1000);
        builder.HasOne<AgendaPublication>().WithMany().HasForeignKey(x => x.PublicationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Registration.Registration>().WithMany().HasForeignKey(x => x.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasIndex(x => new { x.PublicationId, x.RegistrationId }).IsUnique();
    }
}

public sealed class SeatHolderConfiguration : IEntityTypeConfiguration<SeatHolder>
{
    public void Configure(EntityTypeBuilder<SeatHolder> builder)
    {
        builder.HasKey(x => x.RegistrationId);
        builder.Property(x => x.RegistrationId).ValueGeneratedNever();
        builder.HasOne<Registration.Registration>().WithMany().HasForeignKey(x => x.RegistrationId).OnDelete(DeleteBehavior.Cascade);
    }
}
