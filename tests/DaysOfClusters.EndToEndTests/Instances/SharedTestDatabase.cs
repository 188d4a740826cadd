using DaysOfClusters.IntegrationTests.CheckIn;
using DaysOfClusters.Web.Data;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.EndToEndTests.Instances;

/// <summary>
/// The one database several app instances share: an SQLite file in one data folder that every instance is given.
/// </summary>
public sealed class SharedTestDatabase : IAsyncDisposable
{
    private SharedTestDatabase(string dataFolder, IReadOnlyDictionary<string, string> appSettings, IDbContextFactory<AppDbContext> factory)
    {
        DataFolder = dataFolder;
        AppSettings = appSettings;
        Factory = factory;
    }

    /// <summary>Data:Folder of every instance (logs, backups; the SQLite file too).</summary>
    public string DataFolder { get; }

    /// <summary>Extra command-line settings every instance needs to reach this database.</summary>
    public IReadOnlyDictionary<string, string> AppSettings { get; }

    /// <summary>For seeding and checking from the test, next to the running instances.</summary>
    public IDbContextFactory<AppDbContext> Factory { get; }

    public static Task<SharedTestDatabase> CreateAsync()
    {
        var folder = Directory.CreateTempSubdirectory("doc-instances-").FullName;
        return Task.FromResult(new SharedTestDatabase(folder, new Dictionary<string, string>(), CheckInSeed.FactoryFor(folder)));
    }

    public ValueTask DisposeAsync()
    {
        Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
        try { Directory.Delete(DataFolder, recursive: true); } catch (IOException) { } catch (UnauthorizedAccessException) { }
        return ValueTask.CompletedTask;
    }
}
