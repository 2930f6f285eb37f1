using CallFlow.Compiler.Binding;
using CallFlow.Compiler.Diagnostics;

namespace CallFlow.Compiler.Checks;

/// <summary>
/// VF2002: a result with nothing connected. Voicemail Pro disconnects the caller there, except in Queued and Still
/// Queued flows, where the caller goes back to the queue (reference §1).
/// </summary>
internal sealed class UnconnectedResultCheck : IProgramCheck
{
    public void Run(BoundProgram program, DiagnosticBag diagnostics)
    {
        foreach (var flow in program.Flows)
        {
            if (flow.Actions.IsEmpty)
                continue;
            var reachable = FlowGraph.Reachable(flow, 0);
            var consequence = flow.IsQueueFlow ? "the caller goes back to the queue" : "the caller is cut off";
            foreach (var action in flow.Actions)
            {
                if (!reachable[action.Index] || action.IsSynthetic || action.Definition.Summary == "unknown")
                    continue;
                foreach (var result in action.Results)
                {
                    if (!action.Connections.Any(c => c.Result == result))
                        diagnostics.Report(DiagnosticDescriptors.UnconnectedResult, action.Location, result, action.DisplayName, consequence);
                }
            }
        }
    }
}
