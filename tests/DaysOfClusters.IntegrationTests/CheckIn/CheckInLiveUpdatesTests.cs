using System.Collections.Concurrent;
using System.Diagnostics;
using System.Net;
using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Features.Accounts;
using DaysOfClusters.Web.Features.Badges;
using DaysOfClusters.Web.Features.CheckIn;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Mvc.Testing;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;

namespace DaysOfClusters.IntegrationTests.CheckIn;

/// <summary>The check-in hub and its Redis backplane: Redis being away must never cost a scan (two instances: the end-to-end tests).</summary>
public sealed class CheckInLiveUpdatesTests
{
    [Fact]
    public async Task ScanAsync_When_RedisBackplaneIsDown_RecordsAnswersAndTellsLocalDashboards()
    {
        var logs = new CapturingLoggerProvider(LogLevel.Warning);
        await using var baseApp = new AppFactory(settings: new Dictionary<string, string?> { ["ConnectionStrings:Redis"] = $"127.0.0.1:{LoopbackPort.Free()}" /* nobody listens: a Redis that is down */ });
        await using var app = baseApp.WithWebHostBuilder(b => b.ConfigureLogging(l => l.AddProvider(logs)));
        app.CreateClient().Dispose(); // starts the app (with Redis unreachable) and runs its start-up tasks
        var db = app.Services.GetRequiredService<IDbContextFactory<DaysOfClusters.Web.Data.AppDbContext>>();
        var edition = await CheckInSeed.EditionAsync(db, "redis-down", 2);
        var code = (await app.Services.GetRequiredService<BadgeIssuer>().CurrentAsync(edition.RegistrationIds[0]))!.QrText;
        var heard = new ConcurrentQueue<int>();
        var notifier = app.Services.GetRequiredService<CheckInNotifier>();
        notifier.ScanRecorded += heard.Enqueue;
        var service = app.Services.GetRequiredService<CheckInService>();
        var staff = ScanActor.ForUser("staff-test");

        var first = await service.ScanAsync(new ScanRequest(code, edition.PointId), staff);
        var again = await service.ScanAsync(new ScanRequest(code, edition.PointId), staff);

        Assert.Equal(ScanOutcome.Accepted, first!.Outcome);
        Assert.Equal(ScanOutcome.AlreadyInside, again!.Outcome);
        Assert.Equal([edition.EditionId, edition.EditionId], heard.ToArray());
        await using (var ctx = await db.CreateDbContextAsync())
            Assert.Equal(2, await ctx.ScanLog.CountAsync(s => s.EditionId == edition.EditionId));
        // The relay to the other instances failed, and said so once in the log instead of throwing into the scan.
        var deadline = Stopwatch.StartNew();
        while (!logs.Lines.Any(l => l.Contains("not sent to the other instances", StringComparison.Ordinal)) && deadline.Elapsed < TimeSpan.FromSeconds(30))
            await Task.Delay(100);
        Assert.Single(logs.Lines, l => l.Contains("not sent to the other instances", StringComparison.Ordinal));
        // ...and the dashboards learn from the backplane's connection that the other instances cannot be heard.
        Assert.False(app.Services.GetRequiredService<BackplaneHealth>().Reachable);
        notifier.ScanRecorded -= heard.Enqueue;
    }

    [Fact]
    public async Task Hub_When_NotAnOrganiser_RefusesTheConnection()
    {
        await using var app = new AppFactory().Started();
        using var anonymous = app.CreateClient(new WebApplicationFactoryClientOptions { AllowAutoRedirect = false });
        using var staff = await app.CreateLoggedInClientAsync(Roles.Staff);
        using var organiser = await app.CreateLoggedInClientAsync(Roles.Organiser);
        var negotiate = new Uri(CheckInHub.Path + "/negotiate?negotiateVersion=1", UriKind.Relative);

        using var asAnonymous = await anonymous.PostAsync(negotiate, null);
        using var asStaff = await staff.PostAsync(negotiate, null);
        using var asOrganiser = await organiser.PostAsync(negotiate, null);

        Assert.Equal(HttpStatusCode.Unauthorized, asAnonymous.StatusCode);
        Assert.Equal(HttpStatusCode.Forbidden, asStaff.StatusCode);
        Assert.Equal(HttpStatusCode.OK, asOrganiser.StatusCode);
        Assert.Contains("connectionToken", await asOrganiser.Content.ReadAsStringAsync(), StringComparison.Ordinal);
    }
}
