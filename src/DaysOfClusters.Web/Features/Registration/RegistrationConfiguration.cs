using DaysOfClusters.Web.Features.Editions;
using DaysOfClusters.Web.Features.Geography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaysOfClusters.Web.Features.Registration;

public sealed class RegistrationConfiguration : IEntityTypeConfiguration<Registration>
{
    public void Configure(EntityTypeBuilder<Registration> builder)
    {
        builder.Property(r => r.FirstName).HasMaxLength(100);
        builder.Property(r => r.LastName).HasMaxLength(100);
        builder.Property(r => r.Email).HasMaxLength(254);
        builder.Property(r => r.EmailNormalized).HasMaxLength(254);
        builder.Property(r => r.EmailHash).HasMaxLength(64);
        builder.Property(r => r.Organisation).HasMaxLength(200);
        builder.Property(r => r.JobTitle).HasMaxLength(150);
        builder.Property(r => r.CountryCode).HasMaxLength(2);
        builder.Property(r => r.Phone).HasMaxLength(40);
        builder.Property(r => r.DaysAttending).HasMaxLength(200);
        builder.Property(r => r.DietaryNeeds).HasMaxLength(500);
        builder.Property(r => r.AccessibilityNeeds).HasMaxLength(500);
        builder.Property(r => r.PrivacyNoticeVersion).HasMaxLength(20);
        builder.Property(r => r.Language).HasMaxLength(10);
        builder.Property(r => r.ManageTokenHash).HasMaxLength(64);
        builder.Property(r => r.InternalNotes).HasMaxLength(4000);
        builder.Property(r => r.ManageTokenProtected).HasMaxLength(400);
        builder.Property(r => r.Status).HasConversion<string>().HasMaxLength(16);
        builder.Property(r => r.OrganisationType).HasConversion<string>().HasMaxLength(32);
        builder.Ignore(r => r.FullName);

        builder.HasIndex(r => new { r.EditionId, r.EmailNormalized }).IsUnique();
        builder.HasIndex(r => new { r.EditionId, r.WaitlistNumber }).IsUnique();
        builder.HasIndex(r => r.ManageTokenHash).IsUnique();
        builder.HasIndex(r => new { r.EditionId, r.Status });
        builder.HasIndex(r => r.EmailHash);

        builder.HasOne<Edition>().WithMany().HasForeignKey(r => r.EditionId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<RegistrationCategory>().WithMany().HasForeignKey(r => r.CategoryId).OnDelete(DeleteBehavior.Restrict);
        builder.HasOne<Country>().WithMany().HasForeignKey(r => r.CountryCode).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class RegistrationCategoryConfiguration : IEntityTypeConfiguration<RegistrationCategory>
{
    public void Configure(EntityTypeBuilder<RegistrationCategory> builder)
    {
        builder.Property(c => c.Name).HasMaxLength(60);
        builder.Property(c => c.BadgeColor).HasMaxLength(7);
        builder.HasIndex(c => new { c.EditionId, c.Name }).IsUnique();
        builder.HasIndex(c => new { c.EditionId, c.Code }).IsUnique();
        builder.HasOne<Edition>().WithMany().HasForeignKey(c => c.EditionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class EditionSeatCounterConfiguration : IEntityTypeConfiguration<EditionSeatCounter>
{
    public void Configure(EntityTypeBuilder<EditionSeatCounter> builder)
    {
        builder.ToTable("EditionSeatCounter");
        builder.HasKey(c => c.EditionId);
        builder.HasOne<Edition>().WithOne().HasForeignKey<EditionSeatCounter>(c => c.EditionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class CategorySeatCounterConfiguration : IEntityTypeConfiguration<CategorySeatCounter>
{
    public void Configure(EntityTypeBuilder<CategorySeatCounter> builder)
    {
        builder.ToTable("CategorySeatCounter");
        builder.HasKey(c => c.CategoryId);
        builder.HasIndex(c => c.EditionId);
        builder.HasOne<RegistrationCategory>().WithOne().HasForeignKey<CategorySeatCounter>(c => c.CategoryId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class InvitationConfiguration : IEntityTypeConfiguration<Invitation>
{
    public void Configure(EntityTypeBuilder<Invitation> builder)
    {
        builder.ToTable("Invitation");
        builder.Property(i => i.TokenHash).HasMaxLength(64);
        builder.Property(i => i.Email).HasMaxLength(254);
        builder.Property(i => i.Note).HasMaxLength(500);
        builder.Property(i => i.CreatedBy).HasMaxLength(256);
        builder.HasIndex(i => i.TokenHash).IsUnique();
        builder.HasIndex(i => i.EditionId);
        builder.HasOne<Edition>().WithMany().HasForeignKey(i => i.EditionId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<RegistrationCategory>().WithMany().HasForeignKey(i => i.CategoryId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class RegistrationAuditEntryConfiguration : IEntityTypeConfiguration<RegistrationAuditEntry>
{
    public void Configure(EntityTypeBuilder<RegistrationAuditEntry> builder)
    {
        builder.ToTable("RegistrationAuditEntry");
        builder.Property(a => a.Actor).HasMaxLength(256);
        builder.Property(a => a.Action).HasMaxLength(64);
        builder.Property(a => a.Details).HasMaxLength(4000);
        builder.HasIndex(a => new { a.RegistrationId, a.AtUtc });
        builder.HasOne<Registration>().WithMany().HasForeignKey(a => a.RegistrationId).OnDelete(DeleteBehavior.Cascade);
    }
}
