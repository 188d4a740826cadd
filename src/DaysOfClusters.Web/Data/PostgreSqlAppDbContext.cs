using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Data;

/// <summary>
/// The same model on PostgreSQL. A type of its own because EF ties migrations and their snapshot to a context type:
/// PostgreSQL's column types differ from SQLite's, so its migrations live in Data/Migrations/PostgreSql. Services never
/// see it: the registered <see cref="IDbContextFactory{AppDbContext}"/> hands it out as an <see cref="AppDbContext"/>.
/// No IDesignTimeDbContextFactory: that interface is covariant, so EF's tools would also use it for AppDbContext (SQLite).
/// The tools get it from the app's host instead, started with PostgreSQL settings (no server is contacted):
/// <code>
/// dotnet ef migrations add X --context PostgreSqlAppDbContext --output-dir Data/Migrations/PostgreSql --project src/DaysOfClusters.Web \
///   -- --Database:Provider=PostgreSQL "--ConnectionStrings:PostgreSQL=Host=localhost"
/// </code>
/// </summary>
public sealed class PostgreSqlAppDbContext(DbContextOptions<PostgreSqlAppDbContext> options) : AppDbContext(options)
{
    protected override void OnModelCreating(ModelBuilder builder)
    {
        base.OnModelCreating(builder);
        // Raw SQL in the model is SQLite's, where identifiers ignore case; PostgreSQL needs the quoted column name.
        builder.Entity<Features.Network.PastEditionFigure>()
            .ToTable(t => t.HasCheckConstraint("CK_PastEditionFigures_Participants", "\"Participants\" >= 0"));
    }
}

/// <summary>Creates the PostgreSQL context for every service that asks for an <see cref="AppDbContext"/> factory.</summary>
internal sealed class PostgreSqlContextFactory(IDbContextFactory<PostgreSqlAppDbContext> inner) : IDbContextFactory<AppDbContext>
{
    public AppDbContext CreateDbContext() => inner.CreateDbContext();

    public async Task<AppDbContext> CreateDbContextAsync(CancellationToken cancellationToken = default) =>
        await inner.CreateDbContextAsync(cancellationToken);
}
