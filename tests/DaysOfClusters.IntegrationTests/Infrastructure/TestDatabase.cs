using System.Collections.Concurrent;
using DaysOfClusters.Web.Data;
using Microsoft.AspNetCore.Hosting;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Npgsql;

namespace DaysOfClusters.IntegrationTests.Infrastructure;

/// <summary>
/// The database one test app runs on. The suite's provider comes from DOC_TEST_PROVIDER (Sqlite, the default, or
/// PostgreSQL). On PostgreSQL every app gets a fresh database of its own in the cluster DOC_TEST_POSTGRES names (an admin
/// connection string), dropped when the app that made it is disposed (any left over: when the test process ends). A second
/// app on the same data folder (a restart) finds the database's name in the folder and runs on the same data.
/// </summary>
public sealed class TestDatabase : IDisposable
{
    public const string ProviderVariable = "DOC_TEST_PROVIDER";
    public const string ClusterVariable = "DOC_TEST_POSTGRES";
    private const string MarkerFile = "postgresql-test-database.txt";
    private static readonly ConcurrentDictionary<string, bool> DropAtExit = new();

    static TestDatabase() => AppDomain.CurrentDomain.ProcessExit += (_, _) =>
    {
        foreach (var name in DropAtExit.Keys) TryDrop(name);
    };

    private readonly bool _owned;
    private readonly string? _name;

    private TestDatabase(DatabaseProvider provider, string? name, bool owned)
    {
        Provider = provider;
        _name = name;
        _owned = owned;
        if (name is not null)
            ConnectionString = new NpgsqlConnectionStringBuilder(ClusterConnection()) { Database = name }.ToString();
    }

    /// <summary>The provider of this pass of the suite.</summary>
    public static DatabaseProvider SuiteProvider { get; } = Environment.GetEnvironmentVariable(ProviderVariable) switch
    {
        null or "" => DatabaseProvider.Sqlite,
        var p when p.Equals("Sqlite", StringComparison.OrdinalIgnoreCase) => DatabaseProvider.Sqlite,
        var p when p.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase) => DatabaseProvider.PostgreSql,
        var p => throw new InvalidOperationException($"{ProviderVariable} must be Sqlite or PostgreSQL, not '{p}'."),
    };

    public static bool SuiteIsPostgreSql => SuiteProvider == DatabaseProvider.PostgreSql;

    public DatabaseProvider Provider { get; }

    /// <summary>The connection string of this app's own PostgreSQL database; null on SQLite.</summary>
    public string? ConnectionString { get; }

    /// <summary>
    /// The database for an app on <paramref name="dataFolder"/>: on PostgreSQL a new one, or the one an earlier app on
    /// the same folder made. <paramref name="owner"/>: dropped on <see cref="Dispose"/> (else when the test process ends).
    /// </summary>
    public static TestDatabase ForFolder(string dataFolder, bool owner, DatabaseProvider? provider = null)
    {
        provider ??= SuiteProvider;
        if (provider == DatabaseProvider.Sqlite) return new TestDatabase(DatabaseProvider.Sqlite, null, owned: false);
        Directory.CreateDirectory(dataFolder);
        var marker = Path.Combine(dataFolder, MarkerFile);
        if (File.Exists(marker)) return new TestDatabase(DatabaseProvider.PostgreSql, File.ReadAllText(marker).Trim(), owned: false);
        var name = $"doc_test_{Guid.NewGuid():N}";
        using (var admin = new NpgsqlConnection(ClusterConnection()))
        {
            admin.Open();
            using var create = admin.CreateCommand();
            create.CommandText = $"CREATE DATABASE \"{name}\"";
            create.ExecuteNonQuery();
        }
        File.WriteAllText(marker, name);
        // Also the owner's: a fixture that never disposes its app still leaves no database behind.
        DropAtExit[name] = true;
        return new TestDatabase(DatabaseProvider.PostgreSql, name, owned: owner);
    }

    /// <summary>The app settings that put the app on this database (the shared #9 contract).</summary>
    public IReadOnlyDictionary<string, string?> Settings => Provider == DatabaseProvider.PostgreSql
        ? new Dictionary<string, string?> { ["Database:Provider"] = "PostgreSQL", ["ConnectionStrings:PostgreSQL"] = ConnectionString }
        : new Dictionary<string, string?> { ["Database:Provider"] = "Sqlite" };

    public void ApplyTo(IWebHostBuilder builder)
    {
        foreach (var (key, value) in Settings) builder.UseSetting(key, value);
    }

    /// <summary>For tests that build their own services: the app's context factory on this database (SQLite: the given file).</summary>
    public void AddContextFactory(IServiceCollection services, string sqliteConnectionString)
    {
        if (Provider == DatabaseProvider.PostgreSql) services.AddPostgreSqlDatabase(ConnectionString!);
        else services.AddDbContextFactory<AppDbContext>(o => DatabaseSetup.Configure(o, sqliteConnectionString));
    }

    /// <summary>The names of the app's tables (not the provider's own).</summary>
    public static async Task<List<string>> TableNamesAsync(AppDbContext db) => db.Database.IsSqlite()
        ? await db.Database.SqlQueryRaw<string>("SELECT name AS \"Value\" FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'").ToListAsync()
        : await db.Database.SqlQueryRaw<string>("SELECT table_name AS \"Value\" FROM information_schema.tables WHERE table_schema = current_schema() AND table_type = 'BASE TABLE'").ToListAsync();

    /// <summary>Row counts of every table: a fingerprint to prove that something changed nothing.</summary>
    public static async Task<Dictionary<string, long>> TableCountsAsync(AppDbContext db)
    {
        var counts = new Dictionary<string, long>();
        foreach (var table in (await TableNamesAsync(db)).Order(StringComparer.Ordinal))
        {
            // The name comes from the database's own catalog, not from input.
            var sql = "SELECT COUNT(*) AS \"Value\" FROM \"" + table + "\"";
            counts[table] = (await db.Database.SqlQueryRaw<long>(sql).ToListAsync()).Single();
        }
        return counts;
    }

    public void Dispose()
    {
        SqliteConnection.ClearAllPools();
        if (_owned && _name is not null) TryDrop(_name);
    }

    private static string ClusterConnection() =>
        Environment.GetEnvironmentVariable(ClusterVariable) is { Length: > 0 } cluster
            ? cluster
            : throw new InvalidOperationException(
                $"{ProviderVariable}=PostgreSQL needs {ClusterVariable}: the admin connection string of a throw-away cluster (test.sh starts one).");

    private static void TryDrop(string name)
    {
        try
        {
            using var admin = new NpgsqlConnection(ClusterConnection());
            admin.Open();
            using var drop = admin.CreateCommand();
            // FORCE: the app's pooled connections may still be open.
            drop.CommandText = $"DROP DATABASE IF EXISTS \"{name}\" WITH (FORCE)";
            drop.ExecuteNonQuery();
            DropAtExit.TryRemove(name, out _);
        }
        catch (NpgsqlException)
        {
            // The cluster is thrown away after the run anyway.
        }
    }
}
