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

        // Iterative depth-first search: a chain of thousands of modules must not overflow the stack.
        var state = new Dictionary<string, int>(StringComparer.Ordinal); // 1 = on the path, 2 = done
        var path = new List<string>();
        var pathIndex = new Dictionary<string, int>(StringComparer.Ordinal);
        foreach (var root in modules.Keys.Order(StringComparer.Ordinal))
        {
            if (state.GetValueOrDefault(root) != 0)
                continue;
            var stack = new Stack<(string Module, int Next)>();
            Enter(root);
            while (stack.Count > 0)
            {
                var (module, next) = stack.Pop();
                if (next >= calls[module].Count)
                {
                    state[module] = 2;
                    pathIndex.Remove(module);
                    path.RemoveAt(path.Count - 1);
                    continue;
                }
                stack.Push((module, next + 1));
                var (target, action) = calls[module][next];
                if (!modules.ContainsKey(target))
                    continue;
                switch (state.GetValueOrDefault(target))
                {
                    case 1:
                        var cycle = path.Skip(pathIndex[target]).Append(target);
                        diagnostics.Report(DiagnosticDescriptors.ModuleCycle, action.Location, target, Binder.ShortenCycle(cycle));
                        break;
                    case 0:
                        Enter(target);
                        break;
                }
            }

            void Enter(string module)
            {
                state[module] = 1;
                pathIndex[module] = path.Count;
                path.Add(module);
                stack.Push((module, 0));
            }
        }
    }
}
