namespace DaysOfClusters.Web.Features.Matchmaking.Scheduling;

/// <summary>
/// Upper bound on how many meetings any valid schedule can hold (issue 7):
/// UB = min(M_feasible, Σ_t min(N, ⌊F_t/2⌋), ⌊F_b/2⌋).
/// <list type="bullet">
/// <item>M_feasible: meetings whose sides share at least one slot (and that have a usable table).</item>
/// <item>F_b: max flow of the bipartite double cover: source→p_L (capacity |A_p|), u_L→v_R and v_L→u_R (capacity 1 per feasible meeting),
/// q_R→sink (capacity |A_q|). A schedule with k meetings gives a flow of 2k (each meeting once per orientation, a participant never meets
/// more often than it has slots), so k ≤ ⌊F_b/2⌋. Not halving would give a bound twice too large.</item>
/// <item>F_t: the same double cover restricted to meetings feasible in slot t with every capacity 1. The meetings held in slot t form a
/// matching, whose double cover is a flow of twice its size, so ⌊F_t/2⌋ (the fractional matching number) bounds the matching; a slot also
/// holds at most N meetings.</item>
/// </list>
/// </summary>
public static class ScheduleUpperBound
{
    public static int Compute(SchedulingProblem problem) => Compute(new IndexedProblem(problem));

    internal static int Compute(IndexedProblem p)
    {
        var feasible = new List<int>(p.MeetingCount);
        for (var m = 0; m < p.MeetingCount; m++)
        {
            if (p.FeasibleSlots[m].Length > 0) feasible.Add(m);
        }
        if (feasible.Count == 0) return 0;

        var bound = feasible.Count;
        bound = Math.Min(bound, DoubleCoverFlow(p, feasible, slot: -1) / 2);

        long perSlot = 0;
        var inSlot = new List<int>(feasible.Count);
        for (var t = 0; t < p.SlotCount && perSlot < bound; t++)
        {
            inSlot.Clear();
            foreach (var m in feasible)
            {
                if (Array.IndexOf(p.FeasibleSlots[m], t) >= 0) inSlot.Add(m);
            }
            perSlot += Math.Min(p.TableCount, DoubleCoverFlow(p, inSlot, t) / 2);
        }
        return (int)Math.Min(bound, perSlot);
    }

    /// <summary>Max flow of the double cover; slot = -1 uses |A_p| capacities, otherwise all capacities are 1.</summary>
    private static int DoubleCoverFlow(IndexedProblem p, List<int> meetings, int slot)
    {
        var n = p.ParticipantCount;
        var source = 2 * n;
        var sink = 2 * n + 1;
        var graph = new MaxFlow(2 * n + 2);
        var touched = new bool[n];
        foreach (var m in meetings)
        {
            graph.AddArc(p.SideA[m], n + p.SideB[m], 1);
            graph.AddArc(p.SideB[m], n + p.SideA[m], 1);
            touched[p.SideA[m]] = true;
            touched[p.SideB[m]] = true;
        }
        for (var q = 0; q < n; q++)
        {
            if (!touched[q]) continue;
            var capacity = slot < 0 ? p.AvailableCount[q] : 1;
            graph.AddArc(source, q, capacity);
            graph.AddArc(n + q, sink, capacity);
        }
        return (int)graph.Run(source, sink);
    }
}
