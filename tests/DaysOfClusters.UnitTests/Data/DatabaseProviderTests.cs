using DaysOfClusters.Web.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.Extensions.Configuration;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.FileProviders;
using Microsoft.Extensions.Hosting;

namespace DaysOfClusters.UnitTests.Data;

/// <summary>Database:Provider picks the database by configuration only; no server is contacted here (nothing is opened).</summary>
public sealed class DatabaseProviderTests
{
    private const string PostgreSqlConnection = "Host=127.0.0.1;Port=1;Database=never_opened;Username=nobody";

    private static IConfiguration Settings(params (string Key, string? Value)[] settings) =>
        new ConfigurationBuilder().AddInMemoryCollection(settings.Select(s => new KeyValuePair<string, string?>(s.Key, s.Value))).Build();

    private sealed class TestEnvironment : IHostEnvironment
    {
        public string EnvironmentName { get; set; } = "Testing";
        public string ApplicationName { get; set; } = "DaysOfClusters.Web";
        public string ContentRootPath { get; set; } = Path.GetTempPath();
        public IFileProvider ContentRootFileProvider { get; set; } = new NullFileProvider();
    }

    [Theory]
    [InlineData(null)]
    [InlineData("")]
    [InlineData("Sqlite")]
    [InlineData("sqlite")]
    public void Provider_When_UnsetOrSqlite_IsSqlite(string? value) =>
        Assert.Equal(DatabaseProvider.Sqlite, DatabaseSetup.Provider(Settings(("Database:Provider", value))));

    [Theory]
    [InlineData("PostgreSQL")]
    [InlineData("postgresql")]
    public void Provider_When_PostgreSQL_IsPostgreSql(string value) =>
        Assert.Equal(DatabaseProvider.PostgreSql, DatabaseSetup.Provider(Settings(("Database:Provider", value))));

    [Fact]
    public void Provider_When_Unknown_ThrowsNamingTheSettingAndTheChoices()
    {
        var e = Assert.Throws<InvalidOperationException>(() => DatabaseSetup.Provider(Settings(("Database:Provider", "MySql"))));
        Assert.Contains("Database:Provider", e.Message, StringComparison.Ordinal);
        Assert.Contains("Sqlite or PostgreSQL", e.Message, StringComparison.Ordinal);
        Assert.Contains("MySql", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void AddAppDatabase_When_PostgreSqlWithoutConnectionString_ThrowsNamingTheConnectionString()
    {
        var e = Assert.Throws<InvalidOperationException>(() =>
            new ServiceCollection().AddAppDatabase(Settings(("Database:Provider", "PostgreSQL")), new TestEnvironment()));
        Assert.Contains("ConnectionStrings:PostgreSQL", e.Message, StringComparison.Ordinal);
    }

    [Fact]
    public async Task AddAppDatabase_When_PostgreSql_EveryServiceGetsThePostgreSqlContextWithItsOwnMigrations()
    {
        var services = new ServiceCollection().AddAppDatabase(
            Settings(("Database:Provider", "PostgreSQL"), ("ConnectionStrings:PostgreSQL", PostgreSqlConnection)), new TestEnvironment());
        Assert.DoesNotContain(services, s => s.ImplementationType == typeof(SqliteCheckpointer));
        await using var provider = services.BuildServiceProvider();

        await using var db = await provider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
        Assert.IsType<PostgreSqlAppDbContext>(db);
        Assert.True(db.Database.IsNpgsql());
        var migrations = db.Database.GetMigrations().ToList();
        Assert.NotEmpty(migrations);
        Assert.EndsWith("_PostgreSqlInitial", migrations[0], StringComparison.Ordinal);
        Assert.All(migrations, m => Assert.Contains("_PostgreSql", m, StringComparison.Ordinal));
        // Identity and data protection take a scoped context: the same provider.
        using var scope = provider.CreateScope();
        Assert.IsType<PostgreSqlAppDbContext>(scope.ServiceProvider.GetRequiredService<AppDbContext>());
        // Raw SQL in the model is quoted for PostgreSQL, where unquoted names are folded to lower case.
        var check = db.GetService<Microsoft.EntityFrameworkCore.Metadata.IDesignTimeModel>().Model.FindEntityType(typeof(DaysOfClusters.Web.Features.Network.PastEditionFigure))!.GetCheckConstraints().Single();
        Assert.Equal("\"Participants\" >= 0", check.Sql);
    }

    [Fact]
    public async Task AddAppDatabase_When_Default_ServicesGetSqliteWithSqliteMigrationsOnly()
    {
        var folder = Directory.CreateTempSubdirectory("doc-unit-provider-").FullName;
        try
        {
            var services = new ServiceCollection().AddAppDatabase(Settings(("Data:Folder", folder)), new TestEnvironment());
            Assert.Contains(services, s => s.ImplementationType == typeof(SqliteCheckpointer));
            await using var provider = services.BuildServiceProvider();
            await using var db = await provider.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContextAsync();
            Assert.Equal(typeof(AppDbContext), db.GetType());
            Assert.True(db.Database.IsSqlite());
            var migrations = db.Database.GetMigrations().ToList();
            Assert.Contains(migrations, m => m.EndsWith("_InitialCreate", StringComparison.Ordinal));
            Assert.DoesNotContain(migrations, m => m.Contains("PostgreSql", StringComparison.Ordinal));
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void WithPoolDefaults_WhenTheConnectionStringIsSilent_KeepsPlansAndPreparesOftenUsedStatements()
    {
        var tuned = new Npgsql.NpgsqlConnectionStringBuilder(DatabaseSetup.WithPoolDefaults("Host=db;Database=doc;Username=doc;Password=s3cret;Pooling=true"));

        Assert.True(tuned.NoResetOnClose);
        Assert.Equal(64, tuned.MaxAutoPrepare);
        Assert.Equal(("db", "doc", "doc", "s3cret"), (tuned.Host, tuned.Database, tuned.Username, tuned.Password));
    }

    [Theory]
    [InlineData("Host=db;No Reset On Close=false;Max Auto Prepare=0")]
    [InlineData("Host=db;noresetonclose=False;maxautoprepare=0")]
    public void WithPoolDefaults_WhenTheConnectionStringSetsThem_KeepsTheAdministratorsValues(string connectionString)
    {
        var tuned = new Npgsql.NpgsqlConnectionStringBuilder(DatabaseSetup.WithPoolDefaults(connectionString));

        Assert.False(tuned.NoResetOnClose);
        Assert.Equal(0, tuned.MaxAutoPrepare);
    }
}
