using Microsoft.Extensions.Options;

namespace DaysOfClusters.IntegrationTests.Infrastructure;

/// <summary>Settings that never change, for a service built by hand (outside the app's services) that takes IOptionsMonitor.</summary>
public sealed class FixedOptionsMonitor<T>(T value) : IOptionsMonitor<T>
{
    public T CurrentValue => value;

    public T Get(string? name) => value;

    public IDisposable? OnChange(Action<T, string?> listener) => null;
}
