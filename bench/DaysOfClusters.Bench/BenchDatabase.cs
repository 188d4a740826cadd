using DaysOfClusters.Web.Data;
using Microsoft.EntityFrameworkCore;
using Npgsql;

namespace DaysOfClusters.Bench;

/// <summary>
/// The database of one run: `--provider Sqlite` (default, a file in the run's data folder) or `--provider PostgreSQL
/// --connection "Host=…;Username=…"`. On PostgreSQL the run gets a fresh database of its own on that server (the user
/// must be allowed to create databases), dropped at the end, so runs do not see each other's data.
/// </summary>
public sealed class BenchDatabase : IAsyncDisposable
{
    private readonly string? _adminConnection;
    private readonly string? _name;

    private BenchDatabase(DatabaseProvider provider, string? adminConnection, string? name)
    {
        Provider = provider;
        _adminConnection = adminConnection;
        _name = name;
        if (adminConnection is not null && name is not null)
            ConnectionString = new NpgsqlConnectionStringBuilder(adminConnection) { Database = name, MaxPoolSize = 200 }.ToString();
    }

    public DatabaseProvider Provider { get; }
    public string? ConnectionString { get; }
    public string Label => Provider == DatabaseProvider.PostgreSql ? "PostgreSQL" : "Sqlite";

    public static async Task<BenchDatabase> CreateAsync(BenchOptions options)
    {
        var provider = options.Get("provider", "Sqlite");
        if (provider.Equals("Sqlite", StringComparison.OrdinalIgnoreCase)) return new BenchDatabase(DatabaseProvider.Sqlite, null, null);
        if (!provider.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase))
            throw new ArgumentException($"--provider must be Sqlite or PostgreSQL, not '{provider}'.");
        var admin = options.Get("connection") ?? throw new ArgumentException("--provider PostgreSQL needs --connection \"Host=…;Username=…\".");
        var name = $"doc_bench_{Guid.NewGuid():N}";
        await using (var connection = new NpgsqlConnection(admin))
        {
            await connection.OpenAsync();
            await using var create = connection.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{name}\"";
            await create.ExecuteNonQueryAsync();
        }
        await Console.Error.WriteLineAsync($"PostgreSQL database {name} (dropped after the run)");
        return new BenchDatabase(DatabaseProvider.PostgreSql, admin, name);
    }

    /// <summary>The app settings for this database (Database:Provider, ConnectionStrings:PostgreSQL).</summary>
    public Dictionary<string, string?> Settings => Provider == DatabaseProvider.PostgreSql
        ? new() { ["Database:Provider"] = "PostgreSQL", ["ConnectionStrings:PostgreSQL"] = ConnectionString }
        : new() { ["Database:Provider"] = "Sqlite" };

    /// <summary>The same settings as command-line arguments of the app's process.</summary>
    public string ProcessArguments => string.Concat(Settings.Select(s => $" --{s.Key} \"{s.Value}\""));

    /// <summary>A context factory for seeding beside a running app on the data folder.</summary>
    public IDbContextFactory<AppDbContext> FactoryFor(string dataFolder)
    {
        if (Provider == DatabaseProvider.Sqlite) return IntegrationTests.CheckIn.CheckInSeed.FactoryFor(dataFolder);
        var options = new DbContextOptionsBuilder<PostgreSqlAppDbContext>();
        DatabaseSetup.ConfigurePostgreSql(options, ConnectionString!);
        return new PostgreSqlFactory(options.Options);
    }

    public async ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        if (_adminConnection is null) return;
        NpgsqlConnection.ClearAllPools();
        await using var connection = new NpgsqlConnection(_adminConnection);
        await connection.OpenAsync();
        await using var drop = connection.CreateCommand();
        drop.CommandText = $"DROP DATABASE IF EXISTS \"{_name}\" WITH (FORCE)";
        await drop.ExecuteNonQueryAsync();
    }

    private sealed class PostgreSqlFactory(DbContextOptions<PostgreSqlAppDbContext> options) : IDbContextFactory<AppDbContext>
    {
        public AppDbContext CreateDbContext() => new PostgreSqlAppDbContext(options);
    }
}
