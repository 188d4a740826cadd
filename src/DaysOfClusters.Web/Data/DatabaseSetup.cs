using System.Data.Common;
using System.Runtime.CompilerServices;
using DaysOfClusters.Web.Data.Seeding;
using DaysOfClusters.Web.Infrastructure;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Diagnostics;
using Microsoft.EntityFrameworkCore.Migrations;
using Microsoft.Extensions.Options;

namespace DaysOfClusters.Web.Data;

public enum DatabaseProvider { Sqlite, PostgreSql }

/// <summary>
/// Chooses and configures the database from configuration: an SQLite file under Data:Folder by default, PostgreSQL when
/// Database:Provider is PostgreSQL (connection string ConnectionStrings:PostgreSQL).
/// </summary>
public static class DatabaseSetup
{
    public static DatabaseProvider Provider(IConfiguration configuration)
    {
        var name = configuration["Database:Provider"];
        if (string.IsNullOrWhiteSpace(name) || name.Equals("Sqlite", StringComparison.OrdinalIgnoreCase)) return DatabaseProvider.Sqlite;
        if (name.Equals("PostgreSQL", StringComparison.OrdinalIgnoreCase)) return DatabaseProvider.PostgreSql;
        throw new InvalidOperationException($"Database:Provider must be Sqlite or PostgreSQL, not '{name}'.");
    }

    public static string PostgreSqlConnectionString(IConfiguration configuration)
    {
        var connection = configuration.GetConnectionString("PostgreSQL");
        return string.IsNullOrWhiteSpace(connection)
            ? throw new InvalidOperationException("Database:Provider is PostgreSQL but ConnectionStrings:PostgreSQL is not set.")
            : connection;
    }

    public static string DataFolder(IConfiguration configuration, IHostEnvironment environment) =>
        DataFolder(configuration["Data:Folder"] ?? new DataOptions().Folder, environment);

    /// <summary>The data folder from the bound <see cref="DataOptions"/>, for services built once the container exists.</summary>
    public static string DataFolder(IServiceProvider services) =>
        DataFolder(services.GetRequiredService<IOptions<DataOptions>>().Value.Folder, services.GetRequiredService<IHostEnvironment>());

    /// <summary>The full path of a configured data folder (relative ones are under the content root).</summary>
    public static string DataFolder(string folder, IHostEnvironment environment) =>
        Path.GetFullPath(Path.IsPathRooted(folder) ? folder : Path.Combine(environment.ContentRootPath, folder));

    public static string SqliteConnectionString(IConfiguration configuration, IHostEnvironment environment)
    {
        var explicitConnection = configuration.GetConnectionString("Sqlite");
        if (!string.IsNullOrWhiteSpace(explicitConnection)) return explicitConnection;
        var folder = DataFolder(configuration, environment);
        Directory.CreateDirectory(folder);
        return new SqliteConnectionStringBuilder
        {
            DataSource = Path.Combine(folder, "days-of-clusters.db"),
            Pooling = true,
            // Microsoft.Data.Sqlite retries a busy database for the command timeout: this is the busy timeout.
            DefaultTimeout = 30,
        }.ToString();
    }

    public static IServiceCollection AddAppDatabase(this IServiceCollection services, IConfiguration configuration, IHostEnvironment environment)
    {
        services.AddSettings<DataOptions>(DataOptions.Section);
        services.AddSettings<DemoOptions>(DemoOptions.Section);
        services.AddSingleton<DemoDataLoader>();
        services.AddHostedService(sp => sp.GetRequiredService<DemoDataLoader>());
        // Writers take the gate on every provider; it lets them through at once unless the database is SQLite.
        services.AddSingleton<SqliteWriteGate>();
        if (Provider(configuration) == DatabaseProvider.PostgreSql) return services.AddPostgreSqlDatabase(PostgreSqlConnectionString(configuration));
        var connectionString = SqliteConnectionString(configuration, environment);
        services.AddDbContextFactory<AppDbContext>(options => Configure(options, connectionString));
        services.AddHostedService<SqliteCheckpointer>();
        return services;
    }

    /// <summary>
    /// PostgreSQL behind the same <see cref="IDbContextFactory{AppDbContext}"/> every service takes: the factory makes
    /// <see cref="PostgreSqlAppDbContext"/>, which carries PostgreSQL's migrations. Identity and data protection resolve
    /// a scoped <see cref="AppDbContext"/>, made by the same factory.
    /// </summary>
    public static IServiceCollection AddPostgreSqlDatabase(this IServiceCollection services, string connectionString)
    {
        services.AddDbContextFactory<PostgreSqlAppDbContext>(options => ConfigurePostgreSql(options, connectionString));
        services.AddSingleton<IDbContextFactory<AppDbContext>, PostgreSqlContextFactory>();
        services.AddScoped<AppDbContext>(sp => sp.GetRequiredService<IDbContextFactory<AppDbContext>>().CreateDbContext());
        return services;
    }

    public static void ConfigurePostgreSql(DbContextOptionsBuilder options, string connectionString) =>
        options.UseNpgsql(WithPoolDefaults(connectionString), o => o.MigrationsAssembly(typeof(AppDbContext).Assembly.FullName))
            .ReplaceService<IMigrationsAssembly, PrebuildingMigrationsAssembly>()
            .ConfigureWarnings(SkipPendingModelCheck);

    /// <summary>
    /// The app's PostgreSQL pool settings, unless the connection string sets them itself. No Reset On Close: a connection
    /// going back to the pool is not sent DISCARD ALL, so the server keeps its plans (the statistics trigger functions'
    /// among them) for the next transaction; safe because the app keeps no session state (no session-level SET, temporary
    /// tables, LISTEN or session advisory locks: only SET LOCAL and transaction-scoped locks). Max Auto Prepare: statements
    /// run often are prepared on the server. Measured on the registration burst (issue 19): PostgreSQL's CPU per
    /// registration 1.14-1.31 to 0.88 ms, 353-407 to 461-465 registrations/s.
    /// </summary>
    public static string WithPoolDefaults(string connectionString)
    {
        var given = new DbConnectionStringBuilder { ConnectionString = connectionString }.Keys.Cast<string>()
            .Select(k => k.Replace(" ", "", StringComparison.Ordinal).ToUpperInvariant()).ToHashSet(StringComparer.Ordinal);
        var builder = new Npgsql.NpgsqlConnectionStringBuilder(connectionString);
        if (!given.Contains("NORESETONCLOSE")) builder.NoResetOnClose = true;
        if (!given.Contains("MAXAUTOPREPARE")) builder.MaxAutoPrepare = 64;
        return builder.ConnectionString;
    }

    public static void Configure(DbContextOptionsBuilder options, string sqliteConnectionString) =>
        options.UseSqlite(sqliteConnectionString, o => o.MigrationsAssembly(typeof(AppDbContext).Assembly.FullName))
            // Named, not found through its assembly attribute: EF looked that up by reflection for every new context.
            .UseModel(CompiledModels.Sqlite.AppDbContextModel.Instance)
            .AddInterceptors(SqlitePragmas.Instance)
            .ReplaceService<IMigrationsAssembly, PrebuildingMigrationsAssembly>()
            .ConfigureWarnings(SkipPendingModelCheck);

    /// <summary>
    /// Migrate's own check for a forgotten migration diffs the whole model against the snapshot on every start (about a
    /// quarter of a second here); the StartupTests make that check, on both providers, before anything ships.
    /// </summary>
    private static void SkipPendingModelCheck(WarningsConfigurationBuilder warnings) =>
        warnings.Ignore(RelationalEventId.PendingModelChangesWarning);

    /// <summary>Applies pending migrations and switches the file to WAL (persistent, so once is enough).</summary>
    public static async Task MigrateAsync(IServiceProvider services, CancellationToken ct = default)
    {
        var factory = services.GetRequiredService<IDbContextFactory<AppDbContext>>();
        await using var db = await factory.CreateDbContextAsync(ct);
        if (db.Database.IsSqlite())
            await db.Database.ExecuteSqlRawAsync("PRAGMA journal_mode=WAL;", ct);
        await db.Database.MigrateAsync(ct);
    }
}

/// <summary>
/// Per-connection SQLite settings: NORMAL sync is durable under WAL across app crashes. They belong to the physical
/// connection, which the pool keeps open across logical opens, so each one is set up once instead of on every open.
/// </summary>
internal sealed class SqlitePragmas : DbConnectionInterceptor
{
    public static readonly SqlitePragmas Instance = new();
    private static readonly ConditionalWeakTable<object, object> Configured = new();
    private static readonly object Marker = new();

    public override void ConnectionOpened(DbConnection connection, ConnectionEndEventData eventData) => Apply(connection);

    public override Task ConnectionOpenedAsync(DbConnection connection, ConnectionEndEventData eventData, CancellationToken cancellationToken = default)
    {
        Apply(connection);
        return Task.CompletedTask;
    }

    private static void Apply(DbConnection connection)
    {
        if (connection is not SqliteConnection { Handle: { } handle } || Configured.TryGetValue(handle, out _)) return;
        using (var command = connection.CreateCommand())
        {
            // The automatic checkpoint is only the safety net: SqliteCheckpointer does it beside the writers. secure_delete ON,
            // not FAST: FAST leaves what was on pages that become free (an index page after a rebalance), where an erased
            // name could still be read from the file.
            command.CommandText = "PRAGMA synchronous=NORMAL; PRAGMA busy_timeout=30000; PRAGMA wal_autocheckpoint=8000; PRAGMA secure_delete=ON;";
            command.ExecuteNonQuery();
        }
        Configured.AddOrUpdate(handle, Marker);
    }
}
