namespace DaysOfClusters.Web.Data.Seeding;

/// <summary>
/// One feature's demo data, loaded at start into a database that does not have it yet; none of them runs when
/// Demo:Disabled is set (<see cref="StartupTasks"/>).
/// </summary>
public interface IDemoSeeder
{
    /// <summary>Seeders run in ascending order: the demo editions first, then what belongs to them.</summary>
    int Order { get; }

    /// <summary>Adds the demo data unless it is there already; a second start adds nothing.</summary>
    Task SeedAsync(CancellationToken ct = default);
}

public static class DemoSeeders
{
    /// <summary>Registers the seeder as itself (tests call it directly) and among the demo seeders the start runs.</summary>
    public static IServiceCollection AddDemoSeeder<TSeeder>(this IServiceCollection services) where TSeeder : class, IDemoSeeder
    {
        services.AddSingleton<TSeeder>();
        services.AddSingleton<IDemoSeeder>(sp => sp.GetRequiredService<TSeeder>());
        return services;
    }

    /// <summary>Every registered demo seeder, in order.</summary>
    public static async Task SeedAllAsync(IServiceProvider services, CancellationToken ct = default)
    {
        // Each seeder's time in the log: the demo data is most of a first start.
        var log = (services.GetService<ILoggerFactory>() ?? Microsoft.Extensions.Logging.Abstractions.NullLoggerFactory.Instance).CreateLogger(typeof(DemoSeeders));
        foreach (var seeder in services.GetServices<IDemoSeeder>().OrderBy(s => s.Order))
        {
            var clock = System.Diagnostics.Stopwatch.StartNew();
            await seeder.SeedAsync(ct);
            log.LogInformation("Start-up: demo seeder {Seeder} took {Milliseconds} ms", seeder.GetType().Name, clock.ElapsedMilliseconds);
        }
    }
}
