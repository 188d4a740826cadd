using DaysOfClusters.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Metadata;

namespace DaysOfClusters.UnitTests.Data;

/// <summary>
/// The app runs on the compiled model in Data/CompiledModels/Sqlite (generated code: a start no longer builds the model,
/// issue 19). A model change without regenerating it would leave the app on the old model: this fails until
/// `dotnet ef dbcontext optimize` has run again (README, Development).
/// </summary>
public sealed class CompiledModelTests
{
    private static AppDbContext Context()
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(options, "Data Source=:memory:");
        return new AppDbContext(options.Options);
    }

    /// <summary>Every entity type with its properties (type, nullability, length, converter), keys, foreign keys and navigations.</summary>
    private static List<string> Describe(IModel model) =>
        [.. model.GetEntityTypes().OrderBy(e => e.Name, StringComparer.Ordinal).SelectMany(e =>
            new[] { $"{e.Name} base={e.BaseType?.Name}" }
                .Concat(e.GetProperties().Select(p =>
                    $"{e.Name}.{p.Name}: {p.ClrType.Name} null={p.IsNullable} max={p.GetMaxLength()} converter={p.GetValueConverter()?.ProviderClrType.Name} concurrency={p.IsConcurrencyToken} generated={p.ValueGenerated}"))
                .Concat(e.GetKeys().Select(k => $"{e.Name} key({string.Join(",", k.Properties.Select(p => p.Name))}) primary={k.IsPrimaryKey()}"))
                .Concat(e.GetForeignKeys().Select(f => $"{e.Name} fk({string.Join(",", f.Properties.Select(p => p.Name))}) -> {f.PrincipalEntityType.Name} delete={f.DeleteBehavior}"))
                .Concat(e.GetNavigations().Select(n => $"{e.Name} navigation {n.Name} -> {n.TargetEntityType.Name}")))];

    /// <summary>Every table with its columns (store type, nullability), indexes (with filters) and foreign key constraints.</summary>
    private static List<string> Describe(IRelationalModel model) =>
        [.. model.Tables.OrderBy(t => t.Name, StringComparer.Ordinal).SelectMany(t =>
            t.Columns.OrderBy(c => c.Name, StringComparer.Ordinal).Select(c => $"{t.Name}.{c.Name}: {c.StoreType} null={c.IsNullable}")
                .Concat(t.Indexes.OrderBy(i => i.Name, StringComparer.Ordinal).Select(i => $"{t.Name} index {i.Name}({string.Join(",", i.Columns.Select(c => c.Name))}) unique={i.IsUnique} filter={i.Filter}"))
                .Concat(t.ForeignKeyConstraints.OrderBy(f => f.Name, StringComparer.Ordinal).Select(f => $"{t.Name} fk {f.Name} -> {f.PrincipalTable.Name} delete={f.OnDeleteAction}")))];

    [Fact]
    public void Model_When_TheAppRuns_IsTheCompiledOne()
    {
        using var db = Context();
        Assert.IsType<Microsoft.EntityFrameworkCore.Metadata.RuntimeModel>(db.Model, exactMatch: false);
        Assert.Equal("AppDbContextModel", db.Model.GetType().Name);
    }

    [Fact]
    public void CompiledModel_When_ComparedWithTheModelTheCodeBuilds_IsTheSame()
    {
        using var db = Context();
        var compiled = db.Model;
        // Built from OnModelCreating and the entity configurations, as `dotnet ef` sees them.
        var fromCode = db.GetService<IDesignTimeModel>().Model;

        Assert.Equal(Describe(fromCode), Describe(compiled));
        Assert.Equal(Describe(fromCode.GetRelationalModel()), Describe(compiled.GetRelationalModel()));
    }

    [Fact]
    public void PostgreSqlModel_When_BuiltBesideTheCompiledOne_IsNotTheSqliteModel()
    {
        // The compiled model is SQLite's; PostgreSQL's context (a subclass) must keep building its own.
        var options = new DbContextOptionsBuilder<PostgreSqlAppDbContext>();
        DatabaseSetup.ConfigurePostgreSql(options, "Host=localhost;Database=model-only");
        using var db = new PostgreSqlAppDbContext(options.Options);
        Assert.NotEqual("AppDbContextModel", db.Model.GetType().Name);
        var registrations = db.GetService<IDesignTimeModel>().Model.GetRelationalModel().Tables.Single(t => t.Name == "Registrations");
        Assert.Equal("timestamp with time zone", registrations.Columns.Single(c => c.Name == "CreatedUtc").StoreType);
    }
}
