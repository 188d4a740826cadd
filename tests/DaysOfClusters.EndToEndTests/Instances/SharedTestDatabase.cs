using DaysOfClusters.IntegrationTests.CheckIn;
using DaysOfClusters.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DaysOfClusters.EndToEndTests.Instances;

/// <summary>
/// The one database several app instances share: a fresh PostgreSQL database in test.sh's throw-away cluster when
/// DOC_TEST_POSTGRES (its admin connection string) is set, otherwise an SQLite file in the data folder every instance gets.
/// </summary>
public sealed class SharedTestDatabase : IAsyncDisposable
{
    private readonly string? _adminConnection;
    private readonly string? _postgresDatabase;

    private SharedTestDatabase(string dataFolder, IReadOnlyDictionary<string, string> appSettings, IDbContextFactory<AppDbContext> factory,
        string? adminConnection = null, string? postgresDatabase = null)
    {
        DataFolder = dataFolder;
        AppSettings = appSettings;
        Factory = factory;
        _adminConnection = adminConnection;
        _postgresDatabase = postgresDatabase;
    }

    /// <summary>Data:Folder of every instance (the SQLite file, or only mail and temporary files on PostgreSQL).</summary>
    public string DataFolder { get; }

    /// <summary>Extra command-line settings every instance needs to reach this database.</summary>
    public IReadOnlyDictionary<string, string> AppSettings { get; }

    /// <summary>For seeding and checking from the test, next to the running instances.</summary>
    public IDbContextFactory<AppDbContext> Factory { get; }

    public bool IsPostgreSql => _postgresDatabase is not null;

    public static async Task<SharedTestDatabase> CreateAsync()
    {
        var folder = Directory.CreateTempSubdirectory("doc-instances-").FullName;
        if (Environment.GetEnvironmentVariable("DOC_TEST_POSTGRES") is not { Length: > 0 } admin)
            return new SharedTestDatabase(folder, new Dictionary<string, string>(), CheckInSeed.FactoryFor(folder));

        var name = $"doc_instances_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = new NpgsqlCommand($"CREATE DATABASE \"{name}\"", connection);
            await create.ExecuteNonQueryAsync();
        }
        var connectionString = new NpgsqlConnectionStringBuilder(admin) { Database = name }.ConnectionString;
        var options = new DbContextOptionsBuilder<PostgreSqlAppDbContext>();
        DatabaseSetup.ConfigurePostgreSql(options, connectionString);
        var settings = new Dictionary<string, string> { ["Database:Provider"] = "PostgreSQL", ["ConnectionStrings:PostgreSQL"] = connectionString };
        return new SharedTestDatabase(folder, settings, new PostgreSqlFactory(options.Options), admin, name);
    }

    private sealed class PostgreSqlFactory(DbContextOptions<PostgreSqlAppDbContext> options) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => new PostgreSqlAppDbContext(options);
    }

    public async ValueTask DisposeAsync()
    {
        if (_adminConnection is not null && _postgresDatabase is not null)
        {
            NpgsqlConnection.ClearAllPools();
            await using var connection = new NpgsqlConnection(_adminConnection);
            await connection.OpenAsync();
            await using var drop = new NpgsqlCommand($"DROP DATABASE IF EXISTS \"{_postgresDatabase}\" WITH (FORCE)", connection);
            await drop.ExecuteNonQueryAsync();
        }
        else
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        }
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
