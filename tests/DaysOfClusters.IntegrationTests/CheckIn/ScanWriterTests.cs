using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Data;
using DaysOfClusters.Web.Features.Badges;
using DaysOfClusters.Web.Features.CheckIn;
using Microsoft.EntityFrameworkCore;

namespace DaysOfClusters.IntegrationTests.CheckIn;

/// <summary>The app on SQLite in every pass of the suite: the scan writer is SQLite's (a server database writes per scan).</summary>
public sealed class SqliteCheckInAppFactory() : AppFactory(provider: DatabaseProvider.Sqlite);

/// <summary>
/// Group commit of scans on SQLite (<see cref="ScanWriter"/>): scans queued behind the write gate go in together, one
/// transaction, each scan its own savepoint.
/// </summary>
public sealed class ScanWriterTests(SqliteCheckInAppFactory app) : IClassFixture<SqliteCheckInAppFactory>
{
    private static readonly ScanActor Staff = ScanActor.ForUser("staff-writer-test");

    private Task<(SeededEdition Edition, List<string> Codes)> SeedAsync(int people) => app.CheckInEditionAsync("w", people);

    /// <summary>Waits until <paramref name="count"/> scans wait for the writer (it cannot start them: the test holds the gate).</summary>
    private async Task QueuedAsync(int count)
    {
        var writer = app.Get<ScanWriter>();
        using var patience = new CancellationTokenSource(TimeSpan.FromSeconds(30));
        while (writer.Queued < count) await Task.Delay(10, patience.Token);
    }

    /// <summary>
    /// Holds the write gate while each of <paramref name="starts"/> queues one job, in order, so they all go into the
    /// writer's next batch; <paramref name="whileHeld"/> runs once they are queued, before the gate opens.
    /// </summary>
    private async Task<Task[]> InOneBatchAsync(Func<Task>[] starts, Func<Task>? whileHeld = null)
    {
        var gate = app.Get<SqliteWriteGate>().Semaphore;
        var started = new Task[starts.Length];
        await gate.WaitAsync();
        try
        {
            for (var i = 0; i < starts.Length; i++)
            {
                started[i] = starts[i]();
                await QueuedAsync(i + 1);
            }
            if (whileHeld is not null) await whileHeld();
        }
        finally
        {
            gate.Release();
        }
        return started;
    }

    [Fact]
    public async Task RunAsync_WhenOneScanOfABatchFails_OnlyThatScanIsUndoneAndTheOthersCommit()
    {
        var (edition, codes) = await SeedAsync(2);
        var service = app.Get<CheckInService>();
        var writer = app.Get<ScanWriter>();

        var started = await InOneBatchAsync(
        [
            () => Task.Run(() => service.ScanAsync(new ScanRequest(codes[0], edition.PointId), Staff)),
            // Between the two scans, in the same batch: a job that writes and then fails.
            () => writer.RunAsync<int>(async session =>
            {
                await session.Sql.ExecuteAsync("""UPDATE "CheckInPoints" SET "InsideNow" = "InsideNow" + 100 WHERE "Id" = @point""", CancellationToken.None,
                    ("@point", edition.PointId));
                throw new InvalidOperationException("scan failed half-way");
            }, CancellationToken.None),
            () => Task.Run(() => service.ScanAsync(new ScanRequest(codes[1], edition.PointId), Staff)),
        ]);
        var (first, failing, third) = ((Task<ScanResult?>)started[0], (Task<int>)started[1], (Task<ScanResult?>)started[2]);

        var error = await Assert.ThrowsAsync<InvalidOperationException>(() => failing);
        Assert.Equal("scan failed half-way", error.Message);
        Assert.Equal(ScanOutcome.Accepted, (await first)!.Outcome);
        Assert.Equal(1, (await first)!.InsideNow);
        Assert.Equal(ScanOutcome.Accepted, (await third)!.Outcome);
        Assert.Equal(2, (await third)!.InsideNow);
        await using var db = await app.DbAsync();
        Assert.Equal(2, await db.CheckInPoints.Where(p => p.Id == edition.PointId).Select(p => p.InsideNow).SingleAsync());
        Assert.Equal(2, await db.Presences.CountAsync(p => p.PointId == edition.PointId && p.InsideSince != null));
        Assert.Equal(2, await db.ScanLog.CountAsync(s => s.PointId == edition.PointId && s.Outcome == ScanOutcome.Accepted));
    }

    [Fact]
    public async Task ScanAsync_WhenTheSameNonceIsTwiceInOneBatch_TheSecondAnswersTheFirstAndNothingIsCountedTwice()
    {
        var (edition, codes) = await SeedAsync(1);
        var service = app.Get<CheckInService>();
        var request = new ScanRequest(codes[0], edition.PointId, "writer-same-nonce-" + Guid.NewGuid().ToString("N"));

        var started = await InOneBatchAsync([() => Task.Run(() => service.ScanAsync(request, Staff)), () => Task.Run(() => service.ScanAsync(request, Staff))]);
        var (first, resent) = ((Task<ScanResult?>)started[0], (Task<ScanResult?>)started[1]);

        Assert.Equal(ScanOutcome.Accepted, (await first)!.Outcome);
        Assert.False((await first)!.Replayed);
        Assert.Equal(ScanOutcome.Accepted, (await resent)!.Outcome);
        Assert.True((await resent)!.Replayed);
        Assert.Equal(1, (await resent)!.InsideNow);
        await using var db = await app.DbAsync();
        Assert.Equal(1, await db.CheckInPoints.Where(p => p.Id == edition.PointId).Select(p => p.InsideNow).SingleAsync());
        Assert.Equal(1, await db.Presences.Where(p => p.PointId == edition.PointId).Select(p => p.EntryCount).SingleAsync());
        Assert.Equal(1, await db.ScanLog.CountAsync(s => s.Nonce == request.Nonce));
    }

    [Fact]
    public async Task ScanAsync_WhenAnExitReusesTheNonceOfAnEntryInTheSameBatch_TheExitIsUndoneAndAnswersTheEntry()
    {
        var (edition, codes) = await SeedAsync(1);
        var service = app.Get<CheckInService>();
        var nonce = "writer-reused-nonce-" + Guid.NewGuid().ToString("N");

        var started = await InOneBatchAsync(
        [
            () => Task.Run(() => service.ScanAsync(new ScanRequest(codes[0], edition.PointId, nonce), Staff)),
            // The exit would let the person out and count them down before its log line meets the stored nonce.
            () => Task.Run(() => service.ScanAsync(new ScanRequest(codes[0], edition.PointId, nonce, Direction: ScanDirection.Exit), Staff)),
        ]);
        var (entry, exit) = ((Task<ScanResult?>)started[0], (Task<ScanResult?>)started[1]);

        Assert.Equal(ScanDirection.Entry, (await entry)!.Direction);
        var answer = (await exit)!;
        Assert.True(answer.Replayed);
        Assert.Equal(ScanDirection.Entry, answer.Direction);
        Assert.Equal(ScanOutcome.Accepted, answer.Outcome);
        Assert.Equal(1, answer.InsideNow);
        await using var db = await app.DbAsync();
        var presence = await db.Presences.SingleAsync(p => p.PointId == edition.PointId);
        Assert.NotNull(presence.InsideSince);
        Assert.Equal(0, presence.ExitCount);
        Assert.Equal(1, await db.CheckInPoints.Where(p => p.Id == edition.PointId).Select(p => p.InsideNow).SingleAsync());
    }

    [Fact]
    public async Task ScanAsync_WhenTheCallerGivesUpWhileQueued_TheScanIsStillWrittenAndItsResendAnswersIt()
    {
        var (edition, codes) = await SeedAsync(1);
        var service = app.Get<CheckInService>();
        var request = new ScanRequest(codes[0], edition.PointId, "writer-given-up-" + Guid.NewGuid().ToString("N"));

        using var giveUp = new CancellationTokenSource();
        Task<ScanResult?>? scan = null;
        await InOneBatchAsync([() => scan = Task.Run(() => service.ScanAsync(request, Staff, giveUp.Token))], async () =>
        {
            await giveUp.CancelAsync();
            await Assert.ThrowsAnyAsync<OperationCanceledException>(() => scan!);
        });

        // The phone retries with the same nonce once it is back: the stored answer, not a second entry.
        var resent = (await service.ScanAsync(request, Staff))!;
        Assert.Equal(ScanOutcome.Accepted, resent.Outcome);
        Assert.True(resent.Replayed);
        await using var db = await app.DbAsync();
        Assert.Equal(1, await db.ScanLog.CountAsync(s => s.Nonce == request.Nonce));
        Assert.Equal(1, await db.CheckInPoints.Where(p => p.Id == edition.PointId).Select(p => p.InsideNow).SingleAsync());
    }
}
