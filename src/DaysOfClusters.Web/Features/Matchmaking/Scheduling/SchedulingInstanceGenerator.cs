namespace DaysOfClusters.Web.Features.Matchmaking.Scheduling;

/// <summary>
/// Seeded random instances resembling a real B2B event: requesters are uniform, targets follow a Zipf-like popularity,
/// each participant is available in a mostly contiguous window of 50–100 % of the slots; no self-meetings, no duplicate pairs.
/// </summary>
public static class SchedulingInstanceGenerator
{
    private const double ZipfExponent = 0.8;

    public static SchedulingProblem Generate(int participants, int meetings, int slots, int tables, int seed)
    {
        ArgumentOutOfRangeException.ThrowIfLessThan(participants, 2);
        ArgumentOutOfRangeException.ThrowIfLessThan(slots, 1);
        ArgumentOutOfRangeException.ThrowIfNegative(tables);
        ArgumentOutOfRangeException.ThrowIfNegative(meetings);
        if (meetings > (long)participants * (participants - 1) / 2)
            throw new ArgumentOutOfRangeException(nameof(meetings), "More meetings than distinct pairs.");

        var rng = new Random(seed);
        var people = new List<SchedulingParticipant>(participants);
        for (var p = 0; p < participants; p++)
        {
            var minLength = (slots + 1) / 2;
            var length = minLength + rng.Next(slots - minLength + 1);
            var start = rng.Next(slots - length + 1);
            var available = Enumerable.Range(start, length).ToList();
            // "Contiguous-ish": sometimes a gap (a talk to attend), never below half the slots.
            if (length > minLength && rng.NextDouble() < 0.3) available.RemoveAt(rng.Next(available.Count));
            people.Add(new SchedulingParticipant($"p{p + 1}", available));
        }

        // Popularity ranks are shuffled so the hubs are not always p1, p2, ...
        var rank = Enumerable.Range(0, participants).OrderBy(_ => rng.Next()).ToArray();
        var cumulative = new double[participants];
        var total = 0.0;
        for (var p = 0; p < participants; p++)
        {
            total += 1.0 / Math.Pow(rank[p] + 1, ZipfExponent);
            cumulative[p] = total;
        }

        var pairs = new HashSet<(int, int)>();
        var list = new List<SchedulingMeeting>(meetings);
        var attempts = 0L;
        while (list.Count < meetings)
        {
            attempts++;
            var a = rng.Next(participants);
            // Once popular targets are exhausted, fall back to uniform targets so dense instances still finish.
            var b = attempts < 50L * meetings ? Popular(cumulative, rng.NextDouble() * total) : rng.Next(participants);
            if (a == b || !pairs.Add((Math.Min(a, b), Math.Max(a, b)))) continue;
            list.Add(new SchedulingMeeting($"m{list.Count + 1}", people[a].Id, people[b].Id));
        }
        return new SchedulingProblem(slots, tables, people, list);
    }

    private static int Popular(double[] cumulative, double x)
    {
        var i = Array.BinarySearch(cumulative, x);
        return Math.Min(i < 0 ? ~i : i, cumulative.Length - 1);
    }
}
