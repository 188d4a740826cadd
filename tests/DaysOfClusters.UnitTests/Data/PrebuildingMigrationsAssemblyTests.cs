using DaysOfClusters.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

namespace DaysOfClusters.UnitTests.Data;

/// <summary>Migrate's migrations come from <see cref="PrebuildingMigrationsAssembly"/>, whose models a second thread builds ahead.</summary>
public sealed class PrebuildingMigrationsAssemblyTests
{
    private static AppDbContext Context(bool postgreSql = false)
    {
        if (postgreSql)
        {
            // Nothing is opened: the migrations and their models only.
            var server = new DbContextOptionsBuilder<PostgreSqlAppDbContext>();
            DatabaseSetup.ConfigurePostgreSql(server, "Host=127.0.0.1;Port=1;Database=never_opened;Username=nobody");
            return new PostgreSqlAppDbContext(server.Options);
        }
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(options, "Data Source=:memory:");
        return new AppDbContext(options.Options);
    }

    [Fact]
    public void MigrationsAssembly_When_TheAppRuns_IsThePrebuildingOne()
    {
        using var db = Context();
        Assert.IsType<PrebuildingMigrationsAssembly>(db.GetService<IMigrationsAssembly>());
    }

    [Theory]
    [InlineData(false)]
    [InlineData(true)]
    public void TargetModels_When_ReadWhileTheSecondThreadBuildsThem_AreEachMigrationsOwnModel(bool postgreSql)
    {
        using var db = Context(postgreSql);
        var assembly = db.GetService<IMigrationsAssembly>();
        var provider = db.Database.ProviderName!;
        // As Migrate does: every migration created first, then their models read in order while the other thread works back.
        var migrations = assembly.Migrations.OrderBy(m => m.Key, StringComparer.Ordinal)
            .Select(m => (Id: m.Key, Migration: assembly.CreateMigration(m.Value, provider))).ToList();
        Assert.NotEmpty(migrations);
        foreach (var (id, migration) in migrations)
        {
            Assert.Equal(assembly.Migrations[id].AsType(), migration.GetType());
            // Each model is its own Designer file's: built once, whichever thread built it, the same object on every read.
            var model = migration.TargetModel;
            Assert.Same(model, migration.TargetModel);
        }
        // The last migration's model is the snapshot's: the same entity types.
        var last = migrations[^1].Migration.TargetModel!;
        var snapshot = assembly.ModelSnapshot!.Model;
        Assert.Equal(snapshot.GetEntityTypes().Select(e => e.Name).Order(StringComparer.Ordinal),
            last.GetEntityTypes().Select(e => e.Name).Order(StringComparer.Ordinal));
    }
}
