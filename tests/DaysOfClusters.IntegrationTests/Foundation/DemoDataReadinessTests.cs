using System.Net;
using DaysOfClusters.IntegrationTests.Infrastructure;
using DaysOfClusters.Web.Data.Seeding;
using DaysOfClusters.Web.Features.Editions;
using Microsoft.EntityFrameworkCore;
using Microsoft.Extensions.DependencyInjection;

namespace DaysOfClusters.IntegrationTests.Foundation;

/// <summary>A first start serves before its demo data is in (issue 19): /health is liveness, /health/ready readiness.</summary>
public sealed class DemoDataReadinessTests
{
    /// <summary>Runs after the real demo seeders and holds the load open until the test lets it go (or fails it).</summary>
    private sealed class GatedSeeder : IDemoSeeder
    {
        public TaskCompletionSource Gate { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public TaskCompletionSource Entered { get; } = new(TaskCreationOptions.RunContinuationsAsynchronously);
        public int Order => 99;

        public async Task SeedAsync(CancellationToken ct = default)
        {
            Entered.TrySetResult();
            await Gate.Task.WaitAsync(ct);
        }
    }

    private sealed class LoadingApp(GatedSeeder seeder) : AppFactory(demoDisabled: false, services: s => s.AddSingleton<IDemoSeeder>(seeder))
    {
        protected override bool WaitsForDemoData => false;
    }

    private static async Task<HttpStatusCode> StatusAsync(HttpClient client, string path) =>
        (await client.GetAsync(new Uri(path, UriKind.Relative))).StatusCode;

    [Fact]
    public async Task Health_When_DemoDataStillLoading_ServesButIsNotReadyUntilItIsIn()
    {
        var seeder = new GatedSeeder();
        await using var app = new LoadingApp(seeder);
        using var client = app.CreateBrowserlikeClient();
        await seeder.Entered.Task.WaitAsync(TimeSpan.FromMinutes(1));

        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/health"));
        Assert.Equal(HttpStatusCode.ServiceUnavailable, await StatusAsync(client, "/health/ready"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/"));

        seeder.Gate.SetResult();
        await app.Services.GetRequiredService<DemoDataLoader>().Ready.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/health/ready"));
        // The demo seeders before the gate did their work: the demo edition is there.
        Assert.Contains(await app.Services.GetRequiredService<EditionService>().ListAsync(publicOnly: false), e => e.Slug == "demo-8th-days-of-clusters");
    }

    [Fact]
    public async Task Health_When_DemoDataFails_StaysUpAndBecomesReady()
    {
        var seeder = new GatedSeeder();
        await using var app = new LoadingApp(seeder);
        using var client = app.CreateBrowserlikeClient();
        await seeder.Entered.Task.WaitAsync(TimeSpan.FromMinutes(1));

        seeder.Gate.SetException(new InvalidOperationException("demo file broken"));
        await app.Services.GetRequiredService<DemoDataLoader>().Ready.WaitAsync(TimeSpan.FromMinutes(1));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/health/ready"));
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/health"));
    }

    [Fact]
    public async Task Ready_When_DemoDisabled_AnswersAtOnce()
    {
        await using var app = new AppFactory();
        using var client = app.CreateBrowserlikeClient();
        Assert.Equal(HttpStatusCode.OK, await StatusAsync(client, "/health/ready"));
    }

    [Fact]
    public async Task DemoData_When_Loaded_CarriesOnlyKeyedEmailHashes()
    {
        // No unkeyed SHA-256 (64 hex characters) for the start's conversion to find: the seeder hashes with the key.
        await using var app = new AppFactory(demoDisabled: false);
        var (all, unkeyed) = await app.WithDbAsync(async db =>
            (await db.Registrations.CountAsync(), await db.Registrations.CountAsync(r => r.EmailHash.Length == 64)));
        Assert.True(all > 100, $"only {all} demo registrations");
        Assert.Equal(0, unkeyed);
    }
}
