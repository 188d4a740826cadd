namespace DaysOfClusters.Web.Features.Matchmaking.Scheduling;

/// <summary>Dinic's max-flow on an adjacency-array graph; arcs are added in pairs (forward, residual).</summary>
internal sealed class MaxFlow
{
    private readonly int _nodes;
    private readonly List<int> _to = [];
    private readonly List<int> _cap = [];
    private readonly List<int> _next = [];
    private readonly int[] _head;
    private int[] _level = [];
    private int[] _iter = [];

    public MaxFlow(int nodes)
    {
        _nodes = nodes;
        _head = new int[nodes];
        Array.Fill(_head, -1);
    }

    public void AddArc(int from, int to, int capacity)
    {
        if (capacity <= 0) return;
        Push(from, to, capacity);
        Push(to, from, 0);
    }

    private void Push(int from, int to, int capacity)
    {
        _to.Add(to);
        _cap.Add(capacity);
        _next.Add(_head[from]);
        _head[from] = _to.Count - 1;
    }

    public long Run(int source, int sink)
    {
        var to = _to.ToArray();
        var cap = _cap.ToArray();
        var next = _next.ToArray();
        _level = new int[_nodes];
        _iter = new int[_nodes];
        var queue = new int[_nodes];
        long flow = 0;
        while (Bfs(source, sink, to, cap, next, queue))
        {
            Array.Copy(_head, _iter, _nodes);
            int pushed;
            while ((pushed = Dfs(source, sink, int.MaxValue, to, cap, next)) > 0) flow += pushed;
        }
        return flow;
    }

    private bool Bfs(int source, int sink, int[] to, int[] cap, int[] next, int[] queue)
    {
        Array.Fill(_level, -1);
        var head = 0;
        var tail = 0;
        queue[tail++] = source;
        _level[source] = 0;
        while (head < tail)
        {
            var v = queue[head++];
            for (var e = _head[v]; e >= 0; e = next[e])
            {
                if (cap[e] > 0 && _level[to[e]] < 0)
                {
                    _level[to[e]] = _level[v] + 1;
                    queue[tail++] = to[e];
                }
            }
        }
        return _level[sink] >= 0;
    }

    // Recursion depth is bounded by the level graph's depth, which is 3 in the bound's graphs.
    private int Dfs(int v, int sink, int limit, int[] to, int[] cap, int[] next)
    {
        if (v == sink) return limit;
        for (; _iter[v] >= 0; _iter[v] = next[_iter[v]])
        {
            var e = _iter[v];
            var w = to[e];
            if (cap[e] <= 0 || _level[w] != _level[v] + 1) continue;
            var d = Dfs(w, sink, Math.Min(limit, cap[e]), to, cap, next);
            if (d <= 0) continue;
            cap[e] -= d;
            cap[e ^ 1] += d;
            return d;
        }
        return 0;
    }
}
