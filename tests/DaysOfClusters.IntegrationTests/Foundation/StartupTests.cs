using System.Diagnostics;
using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Features.Accounts;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.IntegrationTests.Foundation;

public sealed class StartupTests
{
    [Fact]
    public async Task Start_When_DatabaseIsEmpty_AppliesEveryMigrationInWalMode()
    {
        await using var app = new AppFactory().Started();

        var (all, applied, pending, tables, provider) = await app.WithDbAsync(async db =>
        {
            var all = db.Database.GetMigrations().ToList();
            var applied = (await db.Database.GetAppliedMigrationsAsync()).ToList();
            var pending = (await db.Database.GetPendingMigrationsAsync()).ToList();
            var tables = await TestDatabase.TableNamesAsync(db);
            return (all, applied, pending, tables, db.Database.ProviderName);
        });

        Assert.NotEmpty(all);
        Assert.Equal(all, applied);
        Assert.Empty(pending);
        foreach (var table in new[] { "Editions", "Countries", "Regions", "RegistrationCategories", "Registrations", "AspNetUsers", "AspNetRoles", "DataProtectionKeys" })
            Assert.Contains(table, tables);
        if (TestDatabase.SuiteIsPostgreSql)
        {
            // PostgreSQL's own migrations (not SQLite's) in the app's own database, and no SQLite file beside it.
            Assert.Equal("Npgsql.EntityFrameworkCore.PostgreSQL", provider);
            Assert.All(all, m => Assert.Contains("PostgreSql", m, StringComparison.Ordinal));
            Assert.False(File.Exists(Path.Combine(app.DataFolder, "days-of-clusters.db")));
        }
        else
        {
            var journal = await app.WithDbAsync(db => db.Database.SqlQueryRaw<string>("PRAGMA journal_mode").ToListAsync());
            Assert.Equal("wal", Assert.Single(journal), ignoreCase: true);
            Assert.True(File.Exists(Path.Combine(app.DataFolder, "days-of-clusters.db")));
        }
    }

    [Fact]
    public async Task Model_When_ComparedWithTheLastMigration_HasNoChangeWithoutAMigration()
    {
        // On the suite's provider: SQLite's migrations, or PostgreSQL's when the suite runs on PostgreSQL.
        await using var app = new AppFactory().Started();
        Assert.False(await app.WithDbAsync(db => Task.FromResult(db.Database.HasPendingModelChanges())));
    }

    [Fact]
    public async Task Start_When_StartedTwiceOnSameData_BootstrapsFirstOrganiserOnlyOnce()
    {
        var folder = Directory.CreateTempSubdirectory("doc-it-twice-").FullName;
        try
        {
            BootstrapLogin first;
            await using (var app = new AppFactory(folder).Started())
            {
                first = Assert.Single(app.BootstrapLogins.Logins);
                Assert.Equal("organiser@daysofclusters.local", first.Email);
                Assert.True(first.Password.Length >= 12);
                var organisers = await app.WithDbAsync(db => db.Users.CountAsync());
                Assert.Equal(1, organisers);
            }

            await using (var again = new AppFactory(folder).Started())
            {
                Assert.Empty(again.BootstrapLogins.Logins);
                var users = await again.WithDbAsync(db => db.Users.Select(u => u.Email).ToListAsync());
                Assert.Equal([first.Email], users);
                // The one-time password printed the first time still works: nothing was reset.
                using var client = again.CreateBrowserlikeClient();
                var response = await AppFactory.PostLoginAsync(client, first.Email, first.Password);
                Assert.Equal("/account/change-password", AppFactory.PathOf(response));
            }
        }
        finally
        {
            Microsoft.Data.Sqlite.SqliteConnection.ClearAllPools();
            Directory.Delete(folder, recursive: true);
        }
    }

    [Theory]
    [InlineData("RateLimits:CheckInFailures", "0", "RateLimits:CheckInFailures must be between 1 and 2147483647 (was 0).")]
    [InlineData("Matchmaking:Worker:IntervalSeconds", "7200", "Matchmaking:Worker:IntervalSeconds must be between 1 and 3600 (was 7200).")]
    public async Task Start_When_ASettingIsOutOfRange_StopsWithOneLineNamingIt(string key, string value, string expected)
    {
        // The real app as a process: what its console shows, how it exits, and that it stopped before the database.
        var folder = Directory.CreateTempSubdirectory("doc-it-settings-").FullName;
        try
        {
            var start = new ProcessStartInfo("dotnet")
            {
                RedirectStandardOutput = true, RedirectStandardError = true, UseShellExecute = false, WorkingDirectory = folder,
            };
            start.ArgumentList.Add(Path.Combine(AppContext.BaseDirectory, "DaysOfClusters.Web.dll"));
            foreach (var argument in new[] { "--Data:Folder", folder, "--App:PublicBaseUrl", "http://localhost", "--urls", "http://127.0.0.1:0", $"--{key}", value })
                start.ArgumentList.Add(argument);
            start.Environment["DOTNET_NOLOGO"] = "1";
            using var process = Process.Start(start)!;
            var output = process.StandardOutput.ReadToEndAsync();
            var error = process.StandardError.ReadToEndAsync();
            using var timeout = new CancellationTokenSource(TimeSpan.FromMinutes(2));
            await process.WaitForExitAsync(timeout.Token);

            Assert.Equal(1, process.ExitCode);
            Assert.Equal(expected, (await error).Trim());
            Assert.DoesNotContain("Exception", await output, StringComparison.Ordinal);
            Assert.False(File.Exists(Path.Combine(folder, "days-of-clusters.db")));
        }
        finally
        {
            Directory.Delete(folder, recursive: true);
        }
    }

    [Fact]
    public void Start_When_ASettingIsOutOfRangeInTheTestHost_DoesNotStart()
    {
        using var app = new AppFactory(settings: new Dictionary<string, string?> { ["Accounts:CircuitRevalidationSeconds"] = "0" });
        Assert.ThrowsAny<Exception>(() => app.Started());
    }

    [Fact]
    public void OneTimePassword_When_Generated_IsLongAndDiffersEachTime()
    {
        var a = AccountBootstrapper.NewOneTimePassword();
        var b = AccountBootstrapper.NewOneTimePassword();
        Assert.Equal(20, a.Length);
        Assert.NotEqual(a, b);
    }
}
