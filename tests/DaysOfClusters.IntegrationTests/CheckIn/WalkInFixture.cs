using DaysOfClusters.IntegrationTests.Infrastructure;

namespace DaysOfClusters.IntegrationTests.CheckIn;

/// <summary>One app (own SQLite file) for the walk-in tests, which need logged-in staff clients.</summary>
public sealed class WalkInFixture : IAsyncLifetime
{
    public AppFactory App { get; } = new();

    public Task InitializeAsync()
    {
        App.Started();
        return Task.CompletedTask;
    }

    public async Task DisposeAsync() => await App.DisposeAsync();
}
