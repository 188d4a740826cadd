using DaysOfClusters.Web.Features.Geography;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DaysOfClusters.Web.Features.Network;

public sealed class PastEditionConfiguration : IEntityTypeConfiguration<PastEdition>
{
    public void Configure(EntityTypeBuilder<PastEdition> builder)
    {
        builder.ToTable("PastEdition");
        builder.Property(e => e.City).HasMaxLength(100);
        builder.Property(e => e.CountryCode).HasMaxLength(2);
        builder.Property(e => e.Notes).HasMaxLength(2000);
        builder.HasIndex(e => e.Ordinal).IsUnique();
        builder.HasOne<Country>().WithMany().HasForeignKey(e => e.CountryCode).OnDelete(DeleteBehavior.Restrict);
        builder.HasMany(e => e.Figures).WithOne().HasForeignKey(f => f.PastEditionId).OnDelete(DeleteBehavior.Cascade);
    }
}

public sealed class PastEditionFigureConfiguration : IEntityTypeConfiguration<PastEditionFigure>
{
    public void Configure(EntityTypeBuilder<PastEditionFigure> builder)
    {
        builder.Property(f => f.CountryCode).HasMaxLength(2);
        builder.Property(f => f.OrganisationType).HasConversion<string>().HasMaxLength(32);
        builder.HasIndex(f => new { f.PastEditionId, f.CountryCode, f.OrganisationType }).IsUnique();
        builder.HasOne<Country>().WithMany().HasForeignKey(f => f.CountryCode).OnDelete(DeleteBehavior.Restrict);
        builder.ToTable("PastEditionFigure", t => t.HasCheckConstraint("CK_PastEditionFigures_Participants", "Participants >= 0"));
    }
}
