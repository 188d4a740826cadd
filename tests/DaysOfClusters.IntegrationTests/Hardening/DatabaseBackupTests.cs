using System.Collections.Concurrent;
using System.Net;
using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Accounts;
using DaysOfClusters.Web.Features.Maintenance;
using DaysOfClusters.Web.Features.Registration;
using Microsoft.Data.Sqlite;
using Microsoft.Extensions.DependencyInjection;

namespace DaysOfClusters.IntegrationTests.Hardening;

public sealed class DatabaseBackupTests
{
    /// <summary>SQLite on every pass of the suite: the download is SQLite's online backup API, which PostgreSQL has no counterpart of here (pg_dump).</summary>
    [Fact]
    public async Task Backup_WhileRegistrationsAreWritten_IsIntactAndHoldsEverythingCommittedBefore()
    {
        await using var app = new AppFactory(provider: DatabaseProvider.Sqlite).Started();
        var edition = await app.WithDbAsync(db => HardeningSeed.CreateOpenEditionAsync(db, capacity: 60));
        var registrations = app.Services.GetRequiredService<RegistrationWriter>();
        using var organiser = await app.CreateLoggedInClientAsync(Roles.Organiser);

        // Writers keep registering (in parallel) before, during and after the download.
        var committed = new ConcurrentBag<(string Email, int Id, DateTime DoneUtc)>();
        using var stop = new CancellationTokenSource();
        var counter = 0;
        var writers = Enumerable.Range(0, 4).Select(_ => Task.Run(async () =>
        {
            while (!stop.IsCancellationRequested)
            {
                var email = $"backup{Interlocked.Increment(ref counter)}@parallel.example";
                var result = await registrations.RegisterAsync(edition.Id, HardeningSeed.Input(email, edition), RegistrationCaller.System);
                Assert.True(result.Succeeded, string.Join("; ", result.Errors.SelectMany(e => e.Value)));
                committed.Add((email, result.RegistrationId!.Value, DateTime.UtcNow));
            }
        })).ToList();
        // A writer that fails ends the wait (and the test, with its exception) instead of leaving it waiting for ever.
        while (committed.Count < 40 && !writers.Any(w => w.IsCompleted)) await Task.Delay(20);
        if (writers.FirstOrDefault(w => w.IsFaulted) is { } failed) await failed;

        var before = committed.ToList();
        var started = DateTime.UtcNow;
        var response = await organiser.GetAsync(new Uri(MaintenanceFeature.BackupUrl, UriKind.Relative));
        var bytes = await response.Content.ReadAsByteArrayAsync();
        var writtenDuringDownload = committed.Count(c => c.DoneUtc > started);
        await stop.CancelAsync();
        await Task.WhenAll(writers);

        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        Assert.Equal("application/vnd.sqlite3", response.Content.Headers.ContentType?.MediaType);
        Assert.EndsWith(".db", response.Content.Headers.ContentDisposition?.FileNameStar ?? response.Content.Headers.ContentDisposition?.FileName?.Trim('"'));
        Assert.True(writtenDuringDownload > 0, "No registration was written while the backup ran: the test proved nothing about consistency.");

        var file = Path.Combine(app.DataFolder, "downloaded-backup.db");
        await File.WriteAllBytesAsync(file, bytes);
        await using var backup = new SqliteConnection(new SqliteConnectionStringBuilder { DataSource = file, Mode = SqliteOpenMode.ReadOnly, Pooling = false }.ToString());
        await backup.OpenAsync();
        Assert.Equal("ok", await ScalarAsync<string>(backup, "PRAGMA integrity_check"));
        Assert.Equal("delete", await ScalarAsync<string>(backup, "PRAGMA journal_mode"));

        var ids = new HashSet<long>();
        await using (var command = backup.CreateCommand())
        {
            command.CommandText = $"SELECT Id FROM Registrations WHERE EditionId = {edition.Id}";
            await using var reader = await command.ExecuteReaderAsync();
            while (await reader.ReadAsync()) ids.Add(reader.GetInt64(0));
        }
        var missing = before.Where(b => !ids.Contains(b.Id)).Select(b => b.Email).ToList();
        Assert.True(missing.Count == 0, $"Committed before the download but missing from the backup: {string.Join(", ", missing)}");

        // One snapshot: the seat counter in the copy equals the seats held by the rows in the copy.
        var seats = await ScalarAsync<long>(backup, $"SELECT Confirmed FROM EditionSeatCounter WHERE EditionId = {edition.Id}");
        var held = await ScalarAsync<long>(backup, $"SELECT COUNT(*) FROM Registrations WHERE EditionId = {edition.Id} AND Status IN ('Confirmed', 'Offered')");
        Assert.Equal(held, seats);
        Assert.True(held <= 60);
        // The temporary copy is gone once the download has been sent.
        var leftovers = TemporaryBackups(started);
        for (var i = 0; i < 50 && leftovers.Count > 0; i++) { await Task.Delay(100); leftovers = TemporaryBackups(started); }
        Assert.Empty(leftovers);
    }

    [Fact]
    public async Task BackupPage_When_Organiser_ShowsTheDatabaseAndTheDownload()
    {
        await using var app = new AppFactory(provider: DatabaseProvider.Sqlite).Started();
        using var organiser = await app.CreateLoggedInClientAsync(Roles.Organiser);
        var html = await organiser.GetStringAsync(new Uri("/organiser/maintenance", UriKind.Relative));
        Assert.Contains("days-of-clusters.db", html, StringComparison.Ordinal);
        Assert.Contains($"href=\"{MaintenanceFeature.BackupUrl}\"", html, StringComparison.Ordinal);
        Assert.DoesNotContain("postgresql-backup", html, StringComparison.Ordinal);
    }

    /// <summary>The suite's provider: on PostgreSQL the page says how to use pg_dump and the download refuses cleanly; on SQLite it offers the file.</summary>
    [Fact]
    public async Task BackupPage_When_SuiteProvider_OffersTheBackupThatProviderHas()
    {
        await using var app = new AppFactory().Started();
        using var organiser = await app.CreateLoggedInClientAsync(Roles.Organiser);
        var html = await organiser.GetStringAsync(new Uri("/organiser/maintenance", UriKind.Relative));
        using var download = await organiser.GetAsync(new Uri(MaintenanceFeature.BackupUrl, UriKind.Relative));
        if (TestDatabase.SuiteIsPostgreSql)
        {
            Assert.Contains("data-testid=\"postgresql-backup\"", html, StringComparison.Ordinal);
            Assert.Contains("pg_dump --format=custom", html, StringComparison.Ordinal);
            Assert.Contains("pg_restore", html, StringComparison.Ordinal);
            Assert.Contains("Backing up and restoring PostgreSQL", html, StringComparison.Ordinal);
            Assert.DoesNotContain("days-of-clusters.db", html, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.Conflict, download.StatusCode);
            Assert.Contains("pg_dump", await download.Content.ReadAsStringAsync(), StringComparison.Ordinal);
        }
        else
        {
            Assert.DoesNotContain("postgresql-backup", html, StringComparison.Ordinal);
            Assert.Equal(HttpStatusCode.OK, download.StatusCode);
            Assert.Equal("application/vnd.sqlite3", download.Content.Headers.ContentType?.MediaType);
        }
    }

    private static List<string> TemporaryBackups(DateTime since) =>
        Directory.GetFiles(Path.GetTempPath(), "doc-backup-*.db").Where(f => File.GetCreationTimeUtc(f) >= since.AddSeconds(-1)).ToList();

    private static async Task<T> ScalarAsync<T>(SqliteConnection connection, string sql)
    {
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        return (T)Convert.ChangeType((await command.ExecuteScalarAsync())!, typeof(T), System.Globalization.CultureInfo.InvariantCulture);
    }
}
