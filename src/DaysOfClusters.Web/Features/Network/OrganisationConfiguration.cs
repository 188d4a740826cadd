using DaysOfClusters.Web.Features.Geography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaysOfClusters.Web.Features.Network;

public sealed class OrganisationConfiguration : IEntityTypeConfiguration<Organisation>
{
    public void Configure(EntityTypeBuilder<Organisation> builder)
    {
        builder.ToTable("Organisation");
        builder.Property(o => o.Name).HasMaxLength(200);
        builder.Property(o => o.ShortName).HasMaxLength(50);
        builder.Property(o => o.Kind).HasConversion<string>().HasMaxLength(32);
        builder.Property(o => o.CountryCode).HasMaxLength(2);
        builder.Property(o => o.City).HasMaxLength(100);
        builder.Property(o => o.Website).HasMaxLength(300);
        builder.Property(o => o.ContactName).HasMaxLength(200);
        builder.Property(o => o.ContactEmail).HasMaxLength(254);
        builder.Property(o => o.SearchKey).HasMaxLength(300);
        builder.Property(o => o.NameKey).HasMaxLength(200);
        builder.HasIndex(o => o.SearchKey);
        builder.HasIndex(o => new { o.NameKey, o.CountryCode });
        builder.HasIndex(o => new { o.CountryCode, o.Kind });
        builder.HasOne<Country>().WithMany().HasForeignKey(o => o.CountryCode).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class RegistrationOrganisationConfiguration : IEntityTypeConfiguration<RegistrationOrganisation>
{
    public void Configure(EntityTypeBuilder<RegistrationOrganisation> builder)
    {
        builder.ToTable("RegistrationOrganisation");
        builder.HasKey(x => x.RegistrationId);
        builder.HasIndex(x => x.OrganisationId);
        builder.HasOne<Registration.Registration>().WithMany().HasForeignKey(x => x.RegistrationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Restrict);
    }
}

public sealed class OrganisationSectorConfiguration : IEntityTypeConfiguration<OrganisationSector>
{
    public void Configure(EntityTypeBuilder<OrganisationSector> builder)
    {
        builder.ToTable("OrganisationSector");
        builder.HasKey(x => new { x.OrganisationId, x.SectorId });
        builder.HasIndex(x => x.SectorId);
        builder.HasOne<Organisation>().WithMany().HasForeignKey(x => x.OrganisationId).OnDelete(DeleteBehavior.Cascade);
        builder.HasOne<Sectors.Sector>().WithMany().HasForeignKey(x => x.SectorId).OnDelete(DeleteBehavior.Restrict);
    }
}
