using CallFlow.Compiler.Binding;
using CallFlow.Compiler.Checks;
using CallFlow.Compiler.Diagnostics;

namespace CallFlow.Compiler.Lowering;

/// <summary>
/// Drops actions no path from the flow's entry reaches and renumbers the rest, keeping their order. Everything
/// dropped here was reported: VF2001 for actions unreachable in the source, VF2011 for branches a constant
/// condition cuts off.
/// </summary>
internal sealed class RemoveUnreachableActionsPass : ILoweringPass
{
    public BoundProgram Run(BoundProgram program, DiagnosticBag diagnostics)
    {
        var flows = program.Flows.Select(flow =>
        {
            if (flow.Actions.IsEmpty)
                return flow;
            var reachable = FlowGraph.Reachable(flow, 0);
            if (reachable.All(r => r))
                return flow;
            var newIndex = new int[flow.Actions.Length];
            var next = 0;
            for (var i = 0; i < newIndex.Length; i++)
                newIndex[i] = reachable[i] ? next++ : -1;
            var actions = flow.Actions
                .Where(a => reachable[a.Index])
                .Select(a => a with
                {
                    Index = newIndex[a.Index],
                    Connections = [.. a.Connections.Select(c => c with { Target = c.Target >= 0 ? newIndex[c.Target] : -1 })],
                });
            return flow with { Actions = [.. actions] };
        });
        return program with { Flows = [.. flows] };
    }
}
