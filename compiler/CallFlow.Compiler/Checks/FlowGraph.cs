using CallFlow.Compiler.Binding;

namespace CallFlow.Compiler.Checks;

/// <summary>Graph helpers over one flow's actions: edges are connections whose target resolved.</summary>
internal static class FlowGraph
{
    public static IEnumerable<int> Successors(BoundFlow flow, int index) =>
        flow.Actions[index].Connections.Where(c => c.Target >= 0 && c.Target < flow.Actions.Length).Select(c => c.Target);

    /// <summary>Actions reachable from <paramref name="start"/> (iterative, so deep flows cannot overflow the stack).</summary>
    public static bool[] Reachable(BoundFlow flow, int start)
    {
        var seen = new bool[flow.Actions.Length];
        if (start < 0 || start >= seen.Length)
            return seen;
        var pending = new Stack<int>();
        pending.Push(start);
        seen[start] = true;
        while (pending.Count > 0)
        {
            foreach (var next in Successors(flow, pending.Pop()))
            {
                if (!seen[next])
                {
                    seen[next] = true;
                    pending.Push(next);
                }
            }
        }
        return seen;
    }

    /// <summary>Strongly connected components (Tarjan's algorithm, iterative).</summary>
    public static List<List<int>> StronglyConnectedComponents(BoundFlow flow)
    {
        var count = flow.Actions.Length;
        var index = new int[count];
        var low = new int[count];
        var onStack = new bool[count];
        Array.Fill(index, -1);
        var stack = new Stack<int>();
        var result = new List<List<int>>();
        var counter = 0;

        for (var root = 0; root < count; root++)
        {
            if (index[root] >= 0)
                continue;
            var work = new Stack<(int Node, IEnumerator<int> Edges)>();
            index[root] = low[root] = counter++;
            stack.Push(root);
            onStack[root] = true;
            work.Push((root, Successors(flow, root).GetEnumerator()));
            while (work.Count > 0)
            {
                var (node, edges) = work.Peek();
                if (edges.MoveNext())
                {
                    var next = edges.Current;
                    if (index[next] < 0)
                    {
                        index[next] = low[next] = counter++;
                        stack.Push(next);
                        onStack[next] = true;
                        work.Push((next, Successors(flow, next).GetEnumerator()));
                    }
                    else if (onStack[next])
                        low[node] = Math.Min(low[node], index[next]);
                    continue;
                }
                work.Pop();
                if (work.Count > 0)
                    low[work.Peek().Node] = Math.Min(low[work.Peek().Node], low[node]);
                if (low[node] != index[node])
                    continue;
                var component = new List<int>();
                int member;
                do
                {
                    member = stack.Pop();
                    onStack[member] = false;
                    component.Add(member);
                } while (member != node);
                component.Sort();
                result.Add(component);
            }
        }
        return result;
    }
}
