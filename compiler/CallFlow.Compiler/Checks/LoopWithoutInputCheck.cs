using CallFlow.Compiler.Binding;
using CallFlow.Compiler.Diagnostics;
using CallFlow.Compiler.Symbols;

namespace CallFlow.Compiler.Checks;

/// <summary>
/// VF2004: a cycle of actions none of which waits for the caller (a menu, a recording, a transfer ...) spins
/// without end; at run time the VM's step budget would stop the call.
/// </summary>
internal sealed class LoopWithoutInputCheck : IProgramCheck
{
    public void Run(BoundProgram program, DiagnosticBag diagnostics)
    {
        foreach (var flow in program.Flows)
        {
            foreach (var component in FlowGraph.StronglyConnectedComponents(flow))
            {
                var isCycle = component.Count > 1 || FlowGraph.Successors(flow, component[0]).Contains(component[0]);
                if (!isCycle)
                    continue;
                // A module call may wait inside the module; entry prompts make the caller listen, and a PIN waits for keys.
                var waits = component.Any(i =>
                {
                    var action = flow.Actions[i];
                    return action.Definition.Has(ActionTraits.WaitsForCaller) || action.Definition.Name == "call"
                        || action.FindSetting("prompt") is not null || action.FindSetting("pin") is not null;
                });
                if (waits)
                    continue;
                var names = string.Join(" -> ", component.Select(i => $"'{flow.Actions[i].DisplayName}'"));
                diagnostics.Report(DiagnosticDescriptors.LoopWithoutInput, flow.Actions[component[0]].Location, names);
            }
        }
    }
}
