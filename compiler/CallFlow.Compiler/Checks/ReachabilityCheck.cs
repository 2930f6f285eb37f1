using CallFlow.Compiler.Binding;
using CallFlow.Compiler.Diagnostics;

namespace CallFlow.Compiler.Checks;

/// <summary>
/// VF2001: actions no path from the flow's first action reaches. Only the first action of each unreachable
/// region is reported, so a forgotten branch of ten actions gives one warning, not ten.
/// </summary>
internal sealed class ReachabilityCheck : IProgramCheck
{
    public void Run(BoundProgram program, DiagnosticBag diagnostics)
    {
        foreach (var flow in program.Flows)
        {
            if (flow.Actions.IsEmpty)
                continue;
            var covered = FlowGraph.Reachable(flow, 0);
            var pending = new Stack<int>();
            for (var i = 0; i < flow.Actions.Length; i++)
            {
                if (covered[i] || flow.Actions[i].IsSynthetic)
                    continue;
                diagnostics.Report(DiagnosticDescriptors.UnreachableAction, flow.Actions[i].Location, flow.Actions[i].DisplayName);
                // Cover the region it starts, stopping at what is already covered, so the whole check stays linear.
                covered[i] = true;
                pending.Push(i);
                while (pending.Count > 0)
                {
                    foreach (var next in FlowGraph.Successors(flow, pending.Pop()))
                    {
                        if (!covered[next])
                        {
                            covered[next] = true;
                            pending.Push(next);
                        }
                    }
                }
            }
        }
    }
}
