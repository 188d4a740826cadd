using System.Text.Json;

namespace DaysOfClusters.Bench;

/// <summary>Dispatches `-- &lt;scenario&gt; [options]`; every scenario prints progress to stderr and one JSON line to stdout.</summary>
public static class BenchRunner
{
    private static readonly Dictionary<string, Func<BenchOptions, Task<Dictionary<string, object?>>>> Scenarios = new(StringComparer.OrdinalIgnoreCase)
    {
        ["startup"] = StartupScenario.RunAsync,
        ["schedule"] = ScheduleScenario.RunAsync,
        ["badges"] = BadgesScenario.RunAsync,
        ["stats"] = StatsScenario.RunAsync,
        ["registration"] = RegistrationScenario.RunAsync,
        ["checkin"] = CheckInScenario.RunAsync,
        ["circuits"] = CircuitsScenario.RunAsync,
        ["register-pages"] = RegisterPagesScenario.RunAsync,
        ["all"] = AllScenario.RunAsync,
    };

    public static async Task<int> RunAsync(string[] args)
    {
        if (args.Length == 0 || !Scenarios.TryGetValue(args[0], out var scenario))
        {
            await Console.Error.WriteLineAsync($"usage: -- <scenario> [--option value ...]; scenarios: {string.Join(", ", Scenarios.Keys)}");
            return 2;
        }

        var options = BenchOptions.Parse(args.Skip(1).ToArray());
        Dictionary<string, object?> figures;
        try
        {
            figures = await scenario(options);
        }
        catch (BenchFailedException e)
        {
            await Console.Error.WriteLineAsync($"FAILED: {e.Message}");
            return 1;
        }
        Console.WriteLine(JsonSerializer.Serialize(figures));
        // `all` keeps going past a failed scenario and reports it in its summary line; the exit code says it too.
        return figures.TryGetValue("failed", out var failed) && failed is string[] { Length: > 0 } ? 1 : 0;
    }
}

/// <summary>The scenario ran but what it measures did not happen (e.g. no registration stored): no figures, exit code 1.</summary>
public sealed class BenchFailedException(string message) : Exception(message);

/// <summary>`--name value` pairs; flags without a value are stored as "true".</summary>
public sealed class BenchOptions
{
    private readonly Dictionary<string, string> _values = new(StringComparer.OrdinalIgnoreCase);

    public static BenchOptions Parse(string[] args)
    {
        var options = new BenchOptions();
        for (var i = 0; i < args.Length; i++)
        {
            if (!args[i].StartsWith("--", StringComparison.Ordinal)) continue;
            var name = args[i][2..];
            var hasValue = i + 1 < args.Length && !args[i + 1].StartsWith("--", StringComparison.Ordinal);
            options._values[name] = hasValue ? args[++i] : "true";
        }
        return options;
    }

    public string? Get(string name) => _values.TryGetValue(name, out var v) ? v : null;
    public string Get(string name, string fallback) => Get(name) ?? fallback;
    public int GetInt(string name, int fallback) => Get(name) is { } v ? int.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;
    public double GetDouble(string name, double fallback) => Get(name) is { } v ? double.Parse(v, System.Globalization.CultureInfo.InvariantCulture) : fallback;
}
