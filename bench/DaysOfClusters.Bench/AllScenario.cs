using System.Diagnostics;
using System.Text.Json;

namespace DaysOfClusters.Bench;

/// <summary>
/// `all`: each scenario the README's table tracks, once, at reduced sizes, so a regression shows in one command (a few
/// minutes on two cores). Prints one JSON line per scenario as it finishes, then a summary line; a scenario that fails
/// is reported in the summary and the others still run.
/// </summary>
public static class AllScenario
{
    private static readonly (string Name, string Arguments, Func<BenchOptions, Task<Dictionary<string, object?>>> Run)[] Steps =
    [
        ("startup", "--runs 1", StartupScenario.RunAsync),
        ("badges", "--count 300 --verify", BadgesScenario.RunAsync),
        ("registration", "--count 300 --clients 20 --capacity 150", RegistrationScenario.RunAsync),
        ("checkin", "--clients 4 --seconds 5 --people 3000", CheckInScenario.RunAsync),
        ("stats", "--registrations 5000 --editions 3 --runs 3", StatsScenario.RunAsync),
    ];

    public static async Task<Dictionary<string, object?>> RunAsync(BenchOptions options)
    {
        var total = Stopwatch.StartNew();
        var failed = new List<string>();
        foreach (var (name, arguments, run) in Steps)
        {
            await Console.Error.WriteLineAsync($"== {name} {arguments}");
            var step = Stopwatch.StartNew();
            try
            {
                var figures = await run(BenchOptions.Parse(arguments.Split(' ', StringSplitOptions.RemoveEmptyEntries)));
                figures["all_step_seconds"] = Math.Round(step.Elapsed.TotalSeconds, 1);
                Console.WriteLine(JsonSerializer.Serialize(figures));
            }
            catch (Exception e) when (e is BenchFailedException or InvalidOperationException or IOException or HttpRequestException or TimeoutException)
            {
                failed.Add(name);
                await Console.Error.WriteLineAsync($"FAILED {name}: {e.Message}");
            }
        }
        return new Dictionary<string, object?>
        {
            ["scenario"] = "all",
            ["scenarios"] = Steps.Length,
            ["failed"] = failed.ToArray(),
            ["seconds"] = Math.Round(total.Elapsed.TotalSeconds, 1),
        };
    }
}
