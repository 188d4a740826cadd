using DaysOfClusters.Web.Data.Seeding;
using Microsoft.Extensions.DependencyInjection;

namespace DaysOfClusters.UnitTests.Data;

public sealed class DemoSeedersTests
{
    private sealed class RecordingSeeder(int order, List<int> ran) : IDemoSeeder
    {
        public int Order => order;

        public Task SeedAsync(CancellationToken ct = default)
        {
            ran.Add(order);
            return Task.CompletedTask;
        }
    }

    private sealed class FirstSeeder(List<int> ran) : IDemoSeeder
    {
        public int Order => 0;

        public Task SeedAsync(CancellationToken ct = default)
        {
            ran.Add(Order);
            return Task.CompletedTask;
        }
    }

    [Fact]
    public async Task SeedAllAsync_WhenRegisteredOutOfOrder_RunsEachOnceByOrder()
    {
        var ran = new List<int>();
        var services = new ServiceCollection();
        services.AddSingleton<IDemoSeeder>(new RecordingSeeder(2, ran));
        services.AddSingleton(ran);
        services.AddDemoSeeder<FirstSeeder>();
        services.AddSingleton<IDemoSeeder>(new RecordingSeeder(1, ran));
        await using var provider = services.BuildServiceProvider();

        await DemoSeeders.SeedAllAsync(provider);

        Assert.Equal([0, 1, 2], ran);
    }

    [Fact]
    public void AddDemoSeeder_WhenResolvedAsItselfAndAsSeeder_IsTheSameInstance()
    {
        var services = new ServiceCollection();
        services.AddSingleton(new List<int>());
        services.AddDemoSeeder<FirstSeeder>();
        using var provider = services.BuildServiceProvider();

        Assert.Same(provider.GetRequiredService<FirstSeeder>(), Assert.Single(provider.GetServices<IDemoSeeder>()));
    }
}
