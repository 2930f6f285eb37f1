using CallFlow.Compiler.Binding;
using CallFlow.Compiler.Diagnostics;

namespace CallFlow.Compiler.Checks;

/// <summary>
/// VF2002: a result with nothing connected: Voicemail Pro disconnects the caller there. Queued and Still Queued
/// flows are left alone: there an unconnected result returns the caller to the queue, which is the normal way
/// such a flow ends (reference §1, §2.3).
/// </summary>
internal sealed class UnconnectedResultCheck : IProgramCheck
{
    public void Run(BoundProgram program, DiagnosticBag diagnostics)
    {
        foreach (var flow in program.Flows)
        {
            if (flow.Actions.IsEmpty || flow.IsQueueFlow)
                continue;
            var reachable = FlowGraph.Reachable(flow, 0);
            const string consequence = "the caller is cut off";
            foreach (var action in flow.Actions)
            {
                if (!reachable[action.Index] || action.IsSynthetic || action.Definition.Summary == "unknown")
                    continue;
                var connected = action.Connections.Select(c => c.Result).ToHashSet(StringComparer.Ordinal);
                foreach (var result in action.Results)
                {
                    // Whisper with auto_accept connects without asking, so Reject cannot happen.
                    if (result == "Reject" && action.FindSetting("auto_accept")?.Values.FirstOrDefault() is BoundBoolean { Value: true })
                        continue;
                    if (!connected.Contains(result))
                        diagnostics.Report(DiagnosticDescriptors.UnconnectedResult, action.Location, result, action.DisplayName, consequence);
                }
            }
        }
    }
}
