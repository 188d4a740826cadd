using System.Globalization;
using DaysOfClusters.Web.Features.Matchmaking.Scheduling;

namespace DaysOfClusters.Bench;

/// <summary>
/// B2B matchmaking scheduler on an instance file (--in) or a seeded random one (--generate P,M,T,N,SEED);
/// writes the schedule (--out), optionally the instance (--save-instance), and reports quality against the upper bound.
/// </summary>
public static class ScheduleScenario
{
    public static async Task<Dictionary<string, object?>> RunAsync(BenchOptions options)
    {
        var seconds = options.GetDouble("seconds", 10);
        var seed = options.GetInt("seed", 1);
        SchedulingProblem problem;
        if (options.Get("generate") is { } spec)
        {
            var n = spec.Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture)).ToArray();
            if (n.Length != 5) throw new ArgumentException("--generate expects P,M,T,N,SEED");
            problem = SchedulingInstanceGenerator.Generate(n[0], n[1], n[2], n[3], n[4]);
            await Console.Error.WriteLineAsync($"generated {n[0]} participants, {n[1]} meetings, {n[2]} slots, {n[3]} tables (seed {n[4]})");
        }
        else if (options.Get("in") is { } input)
        {
            problem = SchedulingJson.ReadProblem(await File.ReadAllTextAsync(input));
            await Console.Error.WriteLineAsync($"read {input}: {problem.Participants.Count} participants, {problem.Meetings.Count} meetings");
        }
        else
        {
            throw new ArgumentException("schedule needs --in FILE or --generate P,M,T,N,SEED");
        }
        if (options.Get("save-instance") is { } instanceFile) await File.WriteAllTextAsync(instanceFile, SchedulingJson.WriteProblem(problem));

        var result = new MeetingScheduler().Schedule(problem, TimeSpan.FromSeconds(seconds), seed);
        var violations = ScheduleValidator.Violations(problem, result);
        foreach (var violation in violations.Take(10)) await Console.Error.WriteLineAsync($"violation: {violation}");
        await Console.Error.WriteLineAsync(
            $"scheduled {result.Scheduled}/{problem.Meetings.Count}, bound {result.UpperBound}, {result.Elapsed.TotalSeconds:F2} s, {result.Iterations} iterations");
        if (options.Get("out") is { } output) await File.WriteAllTextAsync(output, SchedulingJson.WriteAssignments(problem, result.Assignments));

        return new Dictionary<string, object?>
        {
            ["scenario"] = "schedule",
            ["meetings"] = problem.Meetings.Count,
            ["scheduled"] = result.Scheduled,
            ["upper_bound"] = result.UpperBound,
            ["ratio"] = result.UpperBound == 0 ? 1.0 : Math.Round((double)result.Scheduled / result.UpperBound, 4),
            ["seconds"] = Math.Round(result.Elapsed.TotalSeconds, 3),
            ["iterations"] = result.Iterations,
            ["violations"] = violations.Count,
        };
    }
}
