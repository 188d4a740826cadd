using DaysOfClusters.Web.Data;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.Web.Features.Maintenance;

public sealed record DatabaseFileInfo(string Path, long DatabaseBytes, long WalBytes);

/// <summary>
/// A consistent copy of the live SQLite database through SQLite's online backup API: the copy is one snapshot (WAL
/// readers see the last commit, writers go on meanwhile), unlike copying the .db and -wal files by hand.
/// </summary>
public sealed class DatabaseBackup(IDbContextFactory<AppDbContext> dbFactory, ILogger<DatabaseBackup> logger)
{
    public async Task<string> ConnectionStringAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        if (!db.Database.IsSqlite())
            throw new NotSupportedException("This installation runs on PostgreSQL: the download here is SQLite's online backup. Back up the database with pg_dump instead (see below and the README).");
        return db.Database.GetConnectionString() ?? throw new InvalidOperationException("No connection string.");
    }

    /// <summary>Whether the app runs on SQLite (the only database this page can copy).</summary>
    public async Task<bool> IsSqliteAsync(CancellationToken ct)
    {
        await using var db = await dbFactory.CreateDbContextAsync(ct);
        return db.Database.IsSqlite();
    }

    public async Task<DatabaseFileInfo> FileInfoAsync(CancellationToken ct)
    {
        var path = new SqliteConnectionStringBuilder(await ConnectionStringAsync(ct)).DataSource;
        static long SizeOf(string p) => File.Exists(p) ? new FileInfo(p).Length : 0;
        return new DatabaseFileInfo(path, SizeOf(path), SizeOf(path + "-wal"));
    }

    /// <summary>
    /// Writes the backup to a new temporary file and returns it opened for reading; the file is deleted when the
    /// stream is closed (or at once if the backup fails).
    /// </summary>
    public async Task<FileStream> CreateAsync(CancellationToken ct)
    {
        var source = await ConnectionStringAsync(ct);
        var target = Path.Combine(Path.GetTempPath(), $"doc-backup-{Guid.NewGuid():N}.db");
        try
        {
            await Task.Run(() => Copy(source, target), ct);
            var stream = new FileStream(target, FileMode.Open, FileAccess.Read, FileShare.Read | FileShare.Delete, 81920,
                FileOptions.Asynchronous | FileOptions.DeleteOnClose | FileOptions.SequentialScan);
            logger.LogInformation("Database backup made ({Bytes} bytes).", stream.Length);
            return stream;
        }
        catch
        {
            TryDelete(target);
            throw;
        }
    }

    private static void Copy(string sourceConnectionString, string targetPath)
    {
        using var source = new SqliteConnection(sourceConnectionString);
        source.Open();
        // Not pooled: the file must be closed for real before it is streamed and deleted.
        using var target = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = targetPath, Pooling = false }.ToString());
        target.Open();
        source.BackupDatabase(target);
        using var command = target.CreateCommand();
        // One self-contained file: the copy carries the source's WAL flag, which would make SQLite look for a -wal beside it.
        command.CommandText = "PRAGMA journal_mode=DELETE;";
        command.ExecuteNonQuery();
    }

    private static void TryDelete(string path)
    {
        try { File.Delete(path); } catch (IOException) { } catch (UnauthorizedAccessException) { }
    }
}
