using System.Collections.Immutable;
using CallFlow.Compiler.Binding;
using CallFlow.Compiler.Symbols;
using CallFlow.Vmp;

namespace CallFlow.Compiler.Emit;

/// <summary>
/// Turns the lowered program into a <see cref="VmpProgram"/>: flows laid out one after another in their sorted
/// order, each action as [play entry prompts] [check_pin] instruction, strings and prompts interned in first-use
/// order. Everything it iterates is sorted or in source order, so the same sources give the same bytes.
/// </summary>
internal sealed class ProgramEmitter
{
    private readonly List<string> _strings = [""];
    private readonly Dictionary<string, int> _stringIndex = new(StringComparer.Ordinal) { [""] = 0 };
    private readonly List<VmpPrompt> _prompts = [];
    private readonly Dictionary<VmpPrompt, int> _promptIndex = [];
    private readonly List<VmpValue> _values = [];
    private readonly List<ImmutableArray<VmpSetting>> _records = [];
    private readonly List<ImmutableArray<VmpResult>> _results = [];
    private readonly List<Node> _code = [];
    private readonly List<VmpDebugEntry> _debug = [];
    private readonly List<Node> _conditionNodes = [];

    /// <summary>Settings that become instructions of their own rather than part of the action's record.</summary>
    private static readonly HashSet<string> InstructionSettings = new(StringComparer.Ordinal) { "prompt", "pin", "notes" };

    public static VmpProgram Emit(BoundProgram program) => new ProgramEmitter().EmitProgram(program);

    private VmpProgram EmitProgram(BoundProgram program)
    {
        var flowIndex = program.Flows.Select((f, i) => (f.Name, i)).ToDictionary(f => f.Name, f => f.i, StringComparer.Ordinal);
        var conditionIndex = program.Conditions.Select((c, i) => (c.Name, i)).ToDictionary(c => c.Name, c => c.i, StringComparer.Ordinal);

        var userVariables = program.UserVariables.Select(u => new VmpUserVariable(String(u.Name), String(u.InitialValue))).ToImmutableArray();
        var conditions = program.Conditions.Select(c =>
        {
            var first = _conditionNodes.Count;
            EmitCondition(c.Expression, conditionIndex);
            return new VmpCondition(String(c.Name), first, _conditionNodes.Count - first);
        }).ToImmutableArray();

        // Each action's address is known only after the instructions before it are laid out, so targets are
        // patched in a second step: first emit with action indices, then map them to addresses.
        var flows = ImmutableArray.CreateBuilder<VmpFlow>(program.Flows.Length);
        var patches = new List<(int Table, int Entry, BoundFlow Flow, int Action)>();
        foreach (var flow in program.Flows)
        {
            var entry = _code.Count;
            var addresses = new int[flow.Actions.Length];
            if (flow.Actions.IsEmpty)
                Add(Node.Instruction(OpCode.Disconnect), flow.Location, null);
            foreach (var action in flow.Actions)
            {
                addresses[action.Index] = _code.Count;
                EmitAction(flow, action, flowIndex, conditionIndex, patches);
            }
            _flowAddresses[flow] = addresses;
            var flags = (flow.IsQueueFlow ? VmpFlowFlags.Queue : VmpFlowFlags.None) | (flow.IsDirect ? VmpFlowFlags.Direct : VmpFlowFlags.None);
            flows.Add(new VmpFlow(flow.Kind == FlowKind.Module ? VmpFlowKind.Module : VmpFlowKind.StartPoint, flags,
                String(flow.Name), String(flow.DisplayName), entry));
        }

        foreach (var (table, entry, flow, action) in patches)
        {
            var results = _results[table].ToBuilder();
            results[entry] = results[entry] with { Target = action < 0 ? -1 : _flowAddresses[flow][action] };
            _results[table] = results.MoveToImmutable();
        }
        for (var pc = 0; pc < _code.Count; pc++)
        {
            if (_code[pc].OpCode == OpCode.Jump && _jumpPatches.TryGetValue(pc, out var jump))
                _code[pc] = _code[pc] with { A = _flowAddresses[jump.Flow][jump.Action] };
        }

        return new VmpProgram(VmpFormat.Current, [.. _strings], [.. _prompts], [.. _values], [.. _records], [.. _results],
            flows.MoveToImmutable(), [.. _code], conditions, [.. _conditionNodes], userVariables, [.. _debug]);
    }

    private readonly Dictionary<BoundFlow, int[]> _flowAddresses = new(ReferenceEqualityComparer.Instance);
    private readonly Dictionary<int, (BoundFlow Flow, int Action)> _jumpPatches = [];

    private void EmitAction(BoundFlow flow, BoundAction action, Dictionary<string, int> flowIndex, Dictionary<string, int> conditionIndex,
        List<(int, int, BoundFlow, int)> patches)
    {
        if (action.FindSetting("prompt") is { Values.Length: > 0 } prompts)
        {
            var first = -1;
            foreach (var prompt in prompts.Values.OfType<BoundPrompt>())
            {
                var index = PromptIndex(prompt);
                first = first < 0 ? index : first;
            }
            // Prompts are interned, so a list may not be contiguous: store the list's own copies in a run.
            var start = _prompts.Count;
            foreach (var prompt in prompts.Values.OfType<BoundPrompt>())
                _prompts.Add(new VmpPrompt(Kind(prompt.Kind), String(prompt.Text)));
            Add(Node.Instruction(OpCode.Play, start, _prompts.Count - start), action.Location, action.Label);
        }
        if (action.FindSetting("pin") is { Values.Length: > 0 } pin)
            Add(Node.Instruction(OpCode.CheckPin, Value(pin.Values[0])), action.Location, action.Label);

        int Results()
        {
            var table = _results.Count;
            var entries = ImmutableArray.CreateBuilder<VmpResult>(action.Results.Length);
            for (var i = 0; i < action.Results.Length; i++)
            {
                var result = action.Results[i];
                var target = action.Connections.FirstOrDefault(c => c.Result == result)?.Target ?? -1;
                entries.Add(new VmpResult(String(result), -1));
                patches.Add((table, i, flow, target));
            }
            _results.Add(entries.MoveToImmutable());
            return table;
        }

        var definition = action.Definition;
        switch (definition.Name)
        {
            case "jump":
            {
                var target = action.Connections.FirstOrDefault()?.Target ?? -1;
                if (target < 0)
                {
                    Add(Node.Instruction(OpCode.Disconnect), action.Location, action.Label);
                    break;
                }
                _jumpPatches[_code.Count] = (flow, target);
                Add(Node.Instruction(OpCode.Jump), action.Location, action.Label);
                break;
            }
            case "disconnect":
                Add(Node.Instruction(OpCode.Disconnect), action.Location, action.Label);
                break;
            case "home":
                Add(Node.Instruction(OpCode.Home), action.Location, action.Label);
                break;
            case "return":
                var exit = action.FindSetting("exit")?.Values.FirstOrDefault() is BoundName name ? name.Name : "Next";
                Add(Node.Instruction(OpCode.Return, String(exit)), action.Location, action.Label);
                break;
            case "goto":
                var targetFlow = ((BoundName)action.FindSetting("target")!.Values[0]).Name;
                Add(Node.Instruction(OpCode.Goto, flowIndex[targetFlow]), action.Location, action.Label);
                break;
            case "call":
                var module = ((BoundName)action.FindSetting("module")!.Values[0]).Name;
                Add(Node.Instruction(OpCode.Call, flowIndex[module], 0, Results()), action.Location, action.Label);
                break;
            case "test_condition":
                var condition = ((BoundName)action.FindSetting("condition")!.Values[0]).Name;
                Add(Node.Instruction(OpCode.Test, conditionIndex[condition], 0, Results()), action.Location, action.Label);
                break;
            case "complete_sequence":
            {
                Add(Node.Instruction(OpCode.StartOptions, Record(action)), action.Location, action.Label);
                // Start options continue at the next instruction; jump on unless the Next action comes right after.
                var next = action.Connections.FirstOrDefault(c => c.Result == "Next")?.Target ?? -1;
                if (next < 0)
                    Add(Node.Instruction(OpCode.Disconnect), action.Location, action.Label);
                else if (next != action.Index + 1)
                {
                    _jumpPatches[_code.Count] = (flow, next);
                    Add(Node.Instruction(OpCode.Jump), action.Location, action.Label);
                }
                break;
            }
            default:
                Add(Node.Instruction(OpCode.Action, String(definition.Name), Record(action), Results()), action.Location, action.Label);
                break;
        }
    }

    private int Record(BoundAction action)
    {
        var settings = ImmutableArray.CreateBuilder<VmpSetting>();
        foreach (var setting in action.Settings.Where(s => !InstructionSettings.Contains(s.Definition.Name)).OrderBy(s => s.Definition.Name, StringComparer.Ordinal))
        {
            var first = _values.Count;
            foreach (var value in setting.Values)
                _values.Add(ToValue(value));
            settings.Add(new VmpSetting(String(setting.Definition.Name), first, _values.Count - first));
        }
        _records.Add(settings.ToImmutable());
        return _records.Count - 1;
    }

    private int Value(BoundValue value)
    {
        _values.Add(ToValue(value));
        return _values.Count - 1;
    }

    private VmpValue ToValue(BoundValue value) => value switch
    {
        BoundText text => new(VmpValueKind.Text, String(text.Value)),
        BoundNumber number => new(VmpValueKind.Integer, number.Value),
        BoundDuration duration => new(VmpValueKind.Duration, duration.Milliseconds),
        BoundBoolean boolean => new(VmpValueKind.Boolean, boolean.Value ? 1 : 0),
        BoundName name => new(VmpValueKind.Name, String(name.Name)),
        BoundVariable variable => new(VmpValueKind.Variable, String(variable.Name)),
        BoundTimeOfDay time => new(VmpValueKind.TimeOfDay, time.Minutes),
        BoundMailbox { IsCaller: true } => new(VmpValueKind.CallerMailbox, 0),
        BoundMailbox { Variable: { } variable } => new(VmpValueKind.Variable, String(variable)),
        BoundMailbox mailbox => new(VmpValueKind.Mailbox, String(mailbox.Name ?? "")),
        BoundPrompt prompt => new(VmpValueKind.Prompt, PromptIndex(prompt)),
        _ => throw new InvalidOperationException($"no root.vmp form for {value.GetType().Name}"),
    };

    private void EmitCondition(BoundConditionExpression expression, Dictionary<string, int> conditionIndex)
    {
        switch (expression)
        {
            case BoundLiteralCondition literal:
                _conditionNodes.Add(new Node((ushort)(literal.Value ? ConditionOp.True : ConditionOp.False), 0, 0, 0, 0));
                break;
            case BoundNotCondition not:
                EmitCondition(not.Operand, conditionIndex);
                _conditionNodes.Add(new Node((ushort)ConditionOp.Not, 0, 0, 0, 0));
                break;
            case BoundBinaryCondition binary:
                EmitCondition(binary.Left, conditionIndex);
                EmitCondition(binary.Right, conditionIndex);
                _conditionNodes.Add(new Node((ushort)(binary.IsAnd ? ConditionOp.And : ConditionOp.Or), 0, 0, 0, 0));
                break;
            case BoundCompareCondition compare:
                var left = Value(compare.Left);
                var right = Value(compare.Right);
                _conditionNodes.Add(new Node((ushort)ConditionOp.Compare, 0, left, right, (int)Operator(compare.Operator)));
                break;
            case BoundWeeklyCondition weekly:
            {
                var first = _values.Count;
                foreach (var period in weekly.Periods)
                    _values.Add(new VmpValue(VmpValueKind.WeekPeriod, ((long)period.Days << 32) | ((long)period.StartMinute << 16) | (long)period.EndMinute));
                _conditionNodes.Add(new Node((ushort)ConditionOp.Weekly, 0, first, weekly.Periods.Length, 0));
                break;
            }
            case BoundCalendarCondition calendar:
            {
                var first = _values.Count;
                foreach (var (from, to) in calendar.Dates)
                    _values.Add(new VmpValue(VmpValueKind.DateRange, ((long)from.DayNumber << 32) | (uint)to.DayNumber));
                _conditionNodes.Add(new Node((ushort)ConditionOp.Calendar, 0, first, calendar.Dates.Length, 0));
                break;
            }
            case BoundReferenceCondition reference:
                _conditionNodes.Add(new Node((ushort)ConditionOp.Reference, 0, conditionIndex[reference.Name], 0, 0));
                break;
            default:
                throw new InvalidOperationException($"no root.vmp form for {expression.GetType().Name}");
        }
    }

    private static CompareOperator Operator(string text) => text switch
    {
        "==" => CompareOperator.Equal,
        "!=" => CompareOperator.NotEqual,
        "<" => CompareOperator.Less,
        ">" => CompareOperator.Greater,
        "<=" => CompareOperator.LessOrEqual,
        _ => CompareOperator.GreaterOrEqual,
    };

    private int PromptIndex(BoundPrompt prompt)
    {
        var vmp = new VmpPrompt(Kind(prompt.Kind), String(prompt.Text));
        if (!_promptIndex.TryGetValue(vmp, out var index))
        {
            index = _prompts.Count;
            _prompts.Add(vmp);
            _promptIndex[vmp] = index;
        }
        return index;
    }

    private static VmpPromptKind Kind(PromptKind kind) => kind switch
    {
        PromptKind.File => VmpPromptKind.File,
        PromptKind.System => VmpPromptKind.System,
        PromptKind.Speech => VmpPromptKind.Speech,
        PromptKind.Digits => VmpPromptKind.Digits,
        _ => VmpPromptKind.Recording,
    };

    private int String(string text)
    {
        if (!_stringIndex.TryGetValue(text, out var index))
        {
            index = _strings.Count;
            _strings.Add(text);
            _stringIndex[text] = index;
        }
        return index;
    }

    private void Add(Node node, Text.SourceLocation location, string? label)
    {
        _code.Add(node);
        var start = location.Start;
        _debug.Add(new VmpDebugEntry(String(location.Path), start.Line, start.Column, label is null ? 0 : String(label)));
    }
}
