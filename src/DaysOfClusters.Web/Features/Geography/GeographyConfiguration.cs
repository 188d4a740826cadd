using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaysOfClusters.Web.Features.Geography;

public sealed class CountryConfiguration : IEntityTypeConfiguration<Country>
{
    public void Configure(EntityTypeBuilder<Country> builder)
    {
        builder.HasKey(c => c.Code);
        builder.Property(c => c.Code).HasMaxLength(2);
        builder.Property(c => c.Name).HasMaxLength(100);
        builder.Property(c => c.NameSr).HasMaxLength(100);
        builder.Property(c => c.SubRegion).HasMaxLength(60);
    }
}

public sealed class RegionConfiguration : IEntityTypeConfiguration<Region>
{
    public void Configure(EntityTypeBuilder<Region> builder)
    {
        builder.Property(r => r.Code).HasMaxLength(20);
        builder.Property(r => r.Name).HasMaxLength(100);
        builder.Property(r => r.NameSr).HasMaxLength(100);
        builder.HasIndex(r => r.Code).IsUnique();
        builder.HasMany(r => r.Countries).WithOne().HasForeignKey(rc => rc.RegionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class RegionCountryConfiguration : IEntityTypeConfiguration<RegionCountry>
{
    public void Configure(EntityTypeBuilder<RegionCountry> builder)
    {
        builder.HasKey(rc => new { rc.RegionId, rc.CountryCode });
        builder.Property(rc => rc.CountryCode).HasMaxLength(2);
        builder.HasOne<Country>().WithMany().HasForeignKey(rc => rc.CountryCode).OnDelete(DeleteBehavior.Cascade);
    }
}
