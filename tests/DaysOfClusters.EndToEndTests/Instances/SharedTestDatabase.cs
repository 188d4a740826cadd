using DaysOfClusters.IntegrationTests.CheckIn;
using DaysOfClusters.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DaysOfClusters.EndToEndTests.Instances;

/// <summary>
/// The one database several app instances share: an SQLite file in the data folder every instance gets, or a fresh
/// PostgreSQL database in test.sh's throw-away cluster (DOC_TEST_POSTGRES, its admin connection string).
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

    /// <summary>The providers to run on here: SQLite always, PostgreSQL too when test.sh's cluster is there.</summary>
    public static TheoryData<string> Providers()
    {
        var providers = new TheoryData<string> { "Sqlite" };
        if (Environment.GetEnvironmentVariable("DOC_TEST_POSTGRES") is { Length: > 0 }) providers.Add("PostgreSQL");
        return providers;
    }

    /// <summary>PostgreSQL when DOC_TEST_POSTGRES is set, else SQLite.</summary>
    public static Task<SharedTestDatabase> CreateAsync() =>
        CreateAsync(Environment.GetEnvironmentVariable("DOC_TEST_POSTGRES") is { Length: > 0 } ? "PostgreSQL" : "Sqlite");

    public static async Task<SharedTestDatabase> CreateAsync(string provider)
    {
        var folder = Directory.CreateTempSubdirectory("doc-instances-").FullName;
        if (provider == "Sqlite")
            return new SharedTestDatabase(folder, new Dictionary<string, string>(), CheckInSeed.FactoryFor(folder));
        if (provider != "PostgreSQL") throw new ArgumentException($"Unknown provider {provider}.", nameof(provider));
        var admin = Environment.GetEnvironmentVariable("DOC_TEST_POSTGRES") is { Length: > 0 } configured
            ? configured
            : throw new InvalidOperationException("PostgreSQL needs DOC_TEST_POSTGRES (the admin connection string of a throw-away cluster).");

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
