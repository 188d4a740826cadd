using System.Collections.Concurrent;
using System.Net;
using System.Net.Http.Json;
using System.Text.Json;
using DaysOfClusters.EndToEndTests.Infrastructure;
using DaysOfClusters.IntegrationTests.Hardening;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Editions;
using Microsoft.Data.Sqlite;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.EndToEndTests.Hardening;

/// <summary>
/// The built app as a real process: a burst of registrations over HTTP for a small edition, SIGKILL in the middle, a
/// restart on the same data folder. Whatever the app confirmed to a client must be there as confirmed, and the seat
/// counters and waiting list must agree with the rows: no half-written registration.
/// </summary>
public sealed class CrashSafetyTests(Xunit.Abstractions.ITestOutputHelper output)
{
    private const int Capacity = 40;
    private const int Burst = 400;
    private const int Clients = 16;

    private static readonly Dictionary<string, string> Settings = new()
    {
        ["Demo:Disabled"] = "true",
        ["Registration:Worker:Disabled"] = "true",
        ["Registration:RateLimit:PermitsPerMinute"] = "100000",
        ["RateLimits:PublicApi"] = "100000",
    };

    private sealed record Confirmation(string Email, string Status, int? WaitlistPosition);

    [Fact]
    public async Task RegistrationBurst_When_AppIsKilledMidway_KeepsEveryConfirmedRegistrationAndConsistentCounters()
    {
        var app = await RunningApp.StartAsync(Settings);
        var dataFolder = app.DataFolder;
        RunningApp? restarted = null;
        try
        {
            Edition edition;
            await using (var db = Db(dataFolder)) edition = await HardeningSeed.CreateOpenEditionAsync(db, Capacity);

            // The burst: many clients at once; the app is killed once a quarter of the answers have come back.
            var confirmed = new ConcurrentBag<Confirmation>();
            var failures = 0;
            var next = -1;
            using var http = new HttpClient { BaseAddress = app.BaseAddress, Timeout = TimeSpan.FromSeconds(30) };
            var killAt = new TaskCompletionSource(TaskCreationOptions.RunContinuationsAsynchronously);
            var clients = Enumerable.Range(0, Clients).Select(_ => Task.Run(async () =>
            {
                int i;
                while ((i = Interlocked.Increment(ref next)) < Burst)
                {
                    var email = $"crash{i}@burst.example";
                    try
                    {
                        using var response = await http.PostAsJsonAsync(new Uri($"/api/editions/{edition.Slug}/registrations", UriKind.Relative), HardeningSeed.Json(email, edition));
                        Assert.Equal(HttpStatusCode.Created, response.StatusCode);
                        var body = await response.Content.ReadFromJsonAsync<JsonElement>();
                        confirmed.Add(new Confirmation(email, body.GetProperty("status").GetString()!,
                            body.GetProperty("waitlistPosition").ValueKind == JsonValueKind.Number ? body.GetProperty("waitlistPosition").GetInt32() : null));
                        if (confirmed.Count >= Burst / 4) killAt.TrySetResult();
                    }
                    catch (Exception e) when (e is HttpRequestException or TaskCanceledException or IOException or JsonException)
                    {
                        // The connection died with the process: the client was told nothing.
                        Interlocked.Increment(ref failures);
                    }
                }
            })).ToList();
            await killAt.Task.WaitAsync(TimeSpan.FromSeconds(120));
            await app.KillAsync();
            await Task.WhenAll(clients);

            var answered = confirmed.ToList();
            Assert.True(failures > 0 && answered.Count < Burst, $"The kill did not land mid-burst ({answered.Count} answered, {failures} failed).");
            Assert.Contains(answered, c => c.Status == "Confirmed");
            Assert.Contains(answered, c => c.Status == "Waitlisted");

            SqliteConnection.ClearAllPools();
            restarted = await RunningApp.StartAsync(Settings, dataFolder);

            await using (var db = Db(dataFolder))
            {
                var rows = await db.Registrations.AsNoTracking().Where(r => r.EditionId == edition.Id)
                    .Select(r => new { r.Id, r.Email, r.Status, r.WaitlistNumber, r.CategoryId }).ToListAsync();
                var byEmail = rows.ToDictionary(r => r.Email);
                var waitlisted = rows.Where(r => r.Status == Web.Features.Registration.RegistrationStatus.Waitlisted).OrderBy(r => r.WaitlistNumber).ToList();

                // 1. Every answer the app gave is in the database with that status (and waiting-list place).
                foreach (var c in answered)
                {
                    Assert.True(byEmail.TryGetValue(c.Email, out var row), $"{c.Email} was confirmed to its client ({c.Status}) but is gone after the crash.");
                    Assert.Equal(c.Status, row.Status.ToString());
                    if (c.WaitlistPosition is { } position) Assert.Equal(position, waitlisted.FindIndex(w => w.Id == row.Id) + 1);
                }
                Assert.True(rows.Count >= answered.Count && rows.Count <= Burst);
                output.WriteLine($"burst {Burst} from {Clients} clients: {answered.Count} answered ({answered.Count(a => a.Status == "Confirmed")} confirmed, " +
                                 $"{answered.Count(a => a.Status == "Waitlisted")} waitlisted), {failures} cut off by the kill; {rows.Count} rows after restart");

                // 2. Nothing half-written: counters equal the seats held by the rows, capacity kept, waiting list 1..n.
                await AssertConsistentAsync(db, edition.Id, rows.Count(r => r.Status is Web.Features.Registration.RegistrationStatus.Confirmed or Web.Features.Registration.RegistrationStatus.Offered),
                    waitlisted.Select(w => w.WaitlistNumber!.Value).ToList(), rows.Count);
            }

            // 3. The restarted app takes new registrations, continuing the same waiting list.
            using var after = new HttpClient { BaseAddress = restarted.BaseAddress };
            using var fresh = await after.PostAsJsonAsync(new Uri($"/api/editions/{edition.Slug}/registrations", UriKind.Relative), HardeningSeed.Json("after-crash@burst.example", edition));
            Assert.Equal(HttpStatusCode.Created, fresh.StatusCode);
            var freshBody = await fresh.Content.ReadFromJsonAsync<JsonElement>();
            Assert.Equal("Waitlisted", freshBody.GetProperty("status").GetString());
            await using (var db = Db(dataFolder))
            {
                var rows = await db.Registrations.AsNoTracking().Where(r => r.EditionId == edition.Id).ToListAsync();
                var numbers = rows.Where(r => r.WaitlistNumber != null && r.Status == Web.Features.Registration.RegistrationStatus.Waitlisted).Select(r => r.WaitlistNumber!.Value).Order().ToList();
                Assert.Equal(numbers.Count, freshBody.GetProperty("waitlistPosition").GetInt32());
                await AssertConsistentAsync(db, edition.Id, rows.Count(r => r.Status == Web.Features.Registration.RegistrationStatus.Confirmed), numbers, rows.Count);
            }
            await using var check = new SqliteConnection($"Data Source={Path.Combine(dataFolder, "days-of-clusters.db")};Pooling=False");
            await check.OpenAsync();
            await using var integrity = check.CreateCommand();
            integrity.CommandText = "PRAGMA integrity_check";
            Assert.Equal("ok", (string?)await integrity.ExecuteScalarAsync());
        }
        finally
        {
            if (restarted is not null) await restarted.DisposeAsync();
            await app.DisposeAsync();
            SqliteConnection.ClearAllPools();
        }
    }

    private static async Task AssertConsistentAsync(AppDbContext db, int editionId, int seatsHeld, List<int> waitlistNumbers, int registrations)
    {
        var counter = await db.EditionSeatCounters.AsNoTracking().SingleAsync(c => c.EditionId == editionId);
        Assert.Equal(seatsHeld, counter.Confirmed);
        Assert.Equal(Capacity, seatsHeld);
        var perCategory = await db.Registrations.Where(r => r.EditionId == editionId && (r.Status == Web.Features.Registration.RegistrationStatus.Confirmed || r.Status == Web.Features.Registration.RegistrationStatus.Offered))
            .GroupBy(r => r.CategoryId).Select(g => new { g.Key, Count = g.Count() }).ToListAsync();
        foreach (var category in await db.CategorySeatCounters.AsNoTracking().Where(c => c.EditionId == editionId).ToListAsync())
            Assert.Equal(perCategory.FirstOrDefault(p => p.Key == category.CategoryId)?.Count ?? 0, category.Confirmed);
        Assert.Equal(Enumerable.Range(1, waitlistNumbers.Count), waitlistNumbers.Order());
        Assert.Equal(waitlistNumbers.Count + 1, counter.NextWaitlistNumber);
        // Each registration was written with its audit entry in one transaction: never one without the other.
        var audited = await db.RegistrationAuditEntries
            .CountAsync(a => a.Action == "Registered" && db.Registrations.Any(r => r.Id == a.RegistrationId && r.EditionId == editionId));
        Assert.Equal(registrations, audited);
    }

    private static AppDbContext Db(string dataFolder)
    {
        var options = new DbContextOptionsBuilder<AppDbContext>();
        DatabaseSetup.Configure(options, new SqliteConnectionStringBuilder { DataSource = Path.Combine(dataFolder, "days-of-clusters.db"), DefaultTimeout = 30 }.ToString());
        return new AppDbContext(options.Options);
    }
}
