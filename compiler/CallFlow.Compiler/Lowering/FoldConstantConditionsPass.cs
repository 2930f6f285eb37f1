using System.Collections.Immutable;
using CallFlow.Compiler.Binding;
using CallFlow.Compiler.Diagnostics;

namespace CallFlow.Compiler.Lowering;

/// <summary>
/// A test_condition whose condition is decided at compile time (true, false, and combinations of them, also
/// through references) becomes a jump to the branch that is always taken. The other branch is reported (VF2011)
/// rather than silently dropped.
/// </summary>
internal sealed class FoldConstantConditionsPass : ILoweringPass
{
    public BoundProgram Run(BoundProgram program, DiagnosticBag diagnostics)
    {
        var conditions = program.Conditions.ToDictionary(c => c.Name, StringComparer.Ordinal);
        var cache = new Dictionary<string, bool?>(StringComparer.Ordinal);

        bool? ValueOf(string name)
        {
            if (cache.TryGetValue(name, out var known))
                return known;
            cache[name] = null; // cycles were rejected by the binder; this guards anyway
            var value = conditions.TryGetValue(name, out var condition) ? Evaluate(condition.Expression) : null;
            cache[name] = value;
            return value;
        }

        bool? Evaluate(BoundConditionExpression expression) => expression switch
        {
            BoundLiteralCondition literal => literal.Value,
            BoundNotCondition not => !Evaluate(not.Operand),
            BoundBinaryCondition { IsAnd: true } and => (Evaluate(and.Left), Evaluate(and.Right)) switch
            {
                (false, _) or (_, false) => false,
                (true, true) => true,
                _ => null,
            },
            BoundBinaryCondition or => (Evaluate(or.Left), Evaluate(or.Right)) switch
            {
                (true, _) or (_, true) => true,
                (false, false) => false,
                _ => null,
            },
            BoundReferenceCondition reference => ValueOf(reference.Name),
            BoundWeeklyCondition { Periods.IsEmpty: true } => false,
            BoundCalendarCondition { Dates.IsEmpty: true } => false,
            _ => null,
        };

        var flows = ImmutableArray.CreateBuilder<BoundFlow>(program.Flows.Length);
        foreach (var flow in program.Flows)
        {
            var actions = flow.Actions.Select(action =>
            {
                if (action.Definition.Name != "test_condition" || action.FindSetting("condition")?.Values.FirstOrDefault() is not BoundName name
                    || ValueOf(name.Name) is not { } value)
                    return action;
                var taken = value ? "True" : "False";
                diagnostics.Report(DiagnosticDescriptors.ConstantCondition, action.Location, name.Name, value ? "true" : "false", value ? "False" : "True", action.DisplayName);
                var target = action.Connections.FirstOrDefault(c => c.Result == taken)?.Target ?? -1;
                return action with
                {
                    Definition = LoweredActions.Jump,
                    Settings = [],
                    Results = ["Next"],
                    Connections = [new BoundConnection("Next", target, action.Location, IsImplicit: false)],
                };
            });
            flows.Add(flow with { Actions = [.. actions] });
        }
        return program with { Flows = flows.MoveToImmutable() };
    }
}
