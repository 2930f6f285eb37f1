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
            for (var i = 0; i < flow.Actions.Length; i++)
            {
                if (covered[i] || flow.Actions[i].IsSynthetic)
                    continue;
                diagnostics.Report(DiagnosticDescriptors.UnreachableAction, flow.Actions[i].Location, flow.Actions[i].DisplayName);
                var region = FlowGraph.Reachable(flow, i);
                for (var j = 0; j < region.Length; j++)
                    covered[j] |= region[j];
            }
        }
    }
}
