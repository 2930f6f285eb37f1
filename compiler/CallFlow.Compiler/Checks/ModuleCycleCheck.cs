using CallFlow.Compiler.Binding;
using CallFlow.Compiler.Diagnostics;

namespace CallFlow.Compiler.Checks;

/// <summary>
/// VF2003: modules that call themselves, directly or through others. A module call waits for a Module Return,
/// so a call cycle nests without end. (goto is a jump, not a call: goto cycles are ordinary loops.)
/// </summary>
internal sealed class ModuleCycleCheck : IProgramCheck
{
    public void Run(BoundProgram program, DiagnosticBag diagnostics)
    {
        var modules = program.Flows.Where(f => f.Kind == FlowKind.Module).ToDictionary(f => f.Name, StringComparer.Ordinal);
        var calls = modules.ToDictionary(m => m.Key, m => m.Value.Actions
            .Where(a => a.Definition.Name == "call" && a.FindSetting("module")?.Values.FirstOrDefault() is BoundName)
            .Select(a => (Target: ((BoundName)a.FindSetting("module")!.Values[0]).Name, Action: a))
            .ToList(), StringComparer.Ordinal);

        var state = new Dictionary<string, int>(StringComparer.Ordinal);
        var path = new List<string>();
        foreach (var module in modules.Keys.Order(StringComparer.Ordinal))
            Visit(module);

        void Visit(string module)
        {
            state[module] = 1;
            path.Add(module);
            foreach (var (target, action) in calls[module])
            {
                if (!modules.ContainsKey(target))
                    continue;
                switch (state.GetValueOrDefault(target))
                {
                    case 1:
                        var cycle = path.Skip(path.IndexOf(target)).Append(target);
                        diagnostics.Report(DiagnosticDescriptors.ModuleCycle, action.Location, target, string.Join(" -> ", cycle));
                        break;
                    case 0:
                        Visit(target);
                        break;
                }
            }
            path.RemoveAt(path.Count - 1);
            state[module] = 2;
        }
    }
}
