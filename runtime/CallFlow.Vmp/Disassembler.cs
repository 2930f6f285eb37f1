using System.Globalization;
using System.Text;

namespace CallFlow.Vmp;

/// <summary>
/// A stable, readable listing of a root.vmp: flows, instructions with operands by name, result targets, and the
/// source position and label of each action as a comment. Snapshot tests compare this text, so it must not
/// depend on anything but the program.
/// </summary>
public static class Disassembler
{
    public static string Disassemble(VmpProgram program)
    {
        var output = new StringBuilder();
        output.Append(CultureInfo.InvariantCulture,
            $"; root.vmp format {program.Version} (this vmc reads {VmpFormat.MinimumCompatible}..{VmpFormat.Current}), checksum ok\n");
        output.Append(CultureInfo.InvariantCulture,
            $"; {program.Flows.Length} flows, {program.Code.Length} instructions, {program.Conditions.Length} conditions, {program.Strings.Length} strings\n");

        foreach (var variable in program.UserVariables)
            output.Append(CultureInfo.InvariantCulture, $"uservar {program.Strings[variable.Name]} = {Quote(program.Strings[variable.InitialValue])}\n");
        for (var i = 0; i < program.Conditions.Length; i++)
            output.Append(CultureInfo.InvariantCulture, $"condition {program.Strings[program.Conditions[i].Name]} = {ConditionText(program, i)}\n");

        // Instructions are listed under the flow whose entry precedes them (flows are laid out one after another).
        var flowStarts = program.Flows.Select((f, i) => (f.Entry, Index: i)).OrderBy(f => f.Entry).ThenBy(f => f.Index).ToList();
        var next = 0;
        for (var pc = 0; pc < program.Code.Length; pc++)
        {
            while (next < flowStarts.Count && flowStarts[next].Entry == pc)
            {
                var flow = program.Flows[flowStarts[next].Index];
                output.Append('\n');
                var header = flow.Kind == VmpFlowKind.Module
                    ? $"module {program.Strings[flow.Name]}{((flow.Flags & VmpFlowFlags.Direct) != 0 ? " (direct)" : "")}"
                    : $"start {Quote(program.Strings[flow.Name])}{((flow.Flags & VmpFlowFlags.Queue) != 0 ? " (queue)" : "")}";
                output.Append(WithComment(header, program.Debug.IsEmpty ? null : $"{program.Strings[program.Debug[pc].File]}"));
                next++;
            }
            output.Append(WithComment($"  {pc:D4}  {Instruction(program, program.Code[pc])}", DebugComment(program, pc)));
        }
        return output.ToString();
    }

    private static string Instruction(VmpProgram program, Node node)
    {
        var s = program.Strings;
        return node.OpCode switch
        {
            OpCode.Jump => $"jump         {node.A:D4}",
            OpCode.Play => $"play         {string.Join(", ", Enumerable.Range(node.A, node.B).Select(p => Prompt(program, program.Prompts[p])))}",
            OpCode.CheckPin => $"check_pin    {Value(program, program.Values[node.A])}",
            OpCode.Action => $"{s[node.A],-12} {Record(program, program.Records[node.B])}{Results(program, program.Results[node.C])}",
            OpCode.Test => $"test         {s[program.Conditions[node.A].Name]}{Results(program, program.Results[node.C])}",
            OpCode.Call => $"call         {s[program.Flows[node.A].Name]}{Results(program, program.Results[node.C])}",
            OpCode.Return => $"return       {s[node.A]}",
            OpCode.Goto => $"goto         {FlowName(program, node.A)}",
            OpCode.Home => "home",
            OpCode.Disconnect => "disconnect",
            OpCode.StartOptions => $"start_opts   {Record(program, program.Records[node.A])}",
            _ => $"0x{node.Op:X2}  {node.A} {node.B} {node.C}",
        };
    }

    private static string FlowName(VmpProgram program, int flow) =>
        program.Flows[flow].Kind == VmpFlowKind.Module ? program.Strings[program.Flows[flow].Name] : Quote(program.Strings[program.Flows[flow].Name]);

    private static string Record(VmpProgram program, IReadOnlyList<VmpSetting> settings) =>
        string.Join(", ", settings.Select(setting =>
            $"{program.Strings[setting.Name]} {string.Join(", ", Enumerable.Range(setting.FirstValue, setting.ValueCount).Select(v => Value(program, program.Values[v])))}"));

    private static string Results(VmpProgram program, IReadOnlyList<VmpResult> results) =>
        results.Count == 0 ? "" : "   " + string.Join(", ", results.Select(r =>
            $"{Name(program.Strings[r.Name])} -> {(r.Target < 0 ? "end" : r.Target.ToString("D4", CultureInfo.InvariantCulture))}"));

    private static string Name(string result) => result.All(c => char.IsAsciiLetterOrDigit(c) || c == '_') && result.Length > 0 && !char.IsAsciiDigit(result[0]) ? result : Quote(result);

    internal static string Value(VmpProgram program, VmpValue value) => value.Kind switch
    {
        VmpValueKind.Text or VmpValueKind.Mailbox => Quote(program.Strings[(int)value.Payload]),
        VmpValueKind.Name or VmpValueKind.Variable => program.Strings[(int)value.Payload],
        VmpValueKind.Integer => value.Payload.ToString(CultureInfo.InvariantCulture),
        VmpValueKind.Duration => value.Payload % 1000 == 0 ? $"{value.Payload / 1000}s" : $"{value.Payload}ms",
        VmpValueKind.Boolean => value.Payload != 0 ? "true" : "false",
        VmpValueKind.CallerMailbox => "caller",
        VmpValueKind.TimeOfDay => $"{value.Payload / 60:D2}:{value.Payload % 60:D2}",
        VmpValueKind.Prompt => Prompt(program, program.Prompts[(int)value.Payload]),
        VmpValueKind.WeekPeriod => WeekPeriod(value.Payload),
        VmpValueKind.DateRange => DateRange(value.Payload),
        _ => $"?{value.Kind}",
    };

    private static string Prompt(VmpProgram program, VmpPrompt prompt)
    {
        var text = program.Strings[prompt.Text];
        return prompt.Kind switch
        {
            VmpPromptKind.File => Quote(text),
            VmpPromptKind.System => $"system({text})",
            VmpPromptKind.Speech => $"tts({Quote(text)})",
            VmpPromptKind.Digits => $"digits({(text.StartsWith('$') ? text : Quote(text))})",
            _ => "$",
        };
    }

    private static readonly string[] Days = ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"];

    private static string WeekPeriod(long payload)
    {
        var days = (int)(payload >> 32);
        var start = (int)((payload >> 16) & 0xFFFF);
        var end = (int)(payload & 0xFFFF);
        // Runs of consecutive days print as ranges: Mon-Fri, Sat.
        var runs = new List<string>();
        for (var d = 0; d < 7; d++)
        {
            if ((days & (1 << d)) == 0)
                continue;
            var last = d;
            while (last + 1 < 7 && (days & (1 << (last + 1))) != 0)
                last++;
            runs.Add(last == d ? Days[d] : $"{Days[d]}-{Days[last]}");
            d = last;
        }
        var names = string.Join(" ", runs);
        return $"{names} {start / 60:D2}:{start % 60:D2}-{end / 60:D2}:{end % 60:D2}";
    }

    private static string DateRange(long payload)
    {
        var from = DateOnly.FromDayNumber((int)(payload >> 32)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        var to = DateOnly.FromDayNumber((int)(payload & 0xFFFFFFFF)).ToString("yyyy-MM-dd", CultureInfo.InvariantCulture);
        return from == to ? from : $"{from} - {to}";
    }

    private static string ConditionText(VmpProgram program, int index)
    {
        var condition = program.Conditions[index];
        var stack = new Stack<string>();
        for (var n = condition.FirstNode; n < condition.FirstNode + condition.NodeCount; n++)
        {
            var node = program.ConditionNodes[n];
            switch ((ConditionOp)node.Op)
            {
                case ConditionOp.True: stack.Push("true"); break;
                case ConditionOp.False: stack.Push("false"); break;
                case ConditionOp.Not: stack.Push($"not {stack.Pop()}"); break;
                case ConditionOp.And or ConditionOp.Or:
                    var right = stack.Pop();
                    var left = stack.Pop();
                    stack.Push($"({left} {((ConditionOp)node.Op == ConditionOp.And ? "and" : "or")} {right})");
                    break;
                case ConditionOp.Compare:
                    stack.Push($"{Value(program, program.Values[node.A])} {CompareText((CompareOperator)node.C)} {Value(program, program.Values[node.B])}");
                    break;
                case ConditionOp.Weekly or ConditionOp.Calendar:
                    var items = Enumerable.Range(node.A, node.B).Select(v => Value(program, program.Values[v]));
                    stack.Push($"{((ConditionOp)node.Op == ConditionOp.Weekly ? "weekly" : "calendar")}({string.Join(", ", items)})");
                    break;
                case ConditionOp.Reference:
                    stack.Push(program.Strings[program.Conditions[node.A].Name]);
                    break;
            }
        }
        return stack.Count == 1 ? stack.Pop() : "?";
    }

    private static string CompareText(CompareOperator op) => op switch
    {
        CompareOperator.Equal => "==",
        CompareOperator.NotEqual => "!=",
        CompareOperator.Less => "<",
        CompareOperator.Greater => ">",
        CompareOperator.LessOrEqual => "<=",
        _ => ">=",
    };

    private static string? DebugComment(VmpProgram program, int pc)
    {
        if (program.Debug.IsEmpty)
            return null;
        var entry = program.Debug[pc];
        var label = entry.Label == 0 ? "" : "  " + program.Strings[entry.Label];
        return $"({entry.Line},{entry.Column}){label}";
    }

    private static string WithComment(string text, string? comment) =>
        comment is null ? text + "\n" : text.Length >= 72 ? $"{text}  ; {comment}\n" : $"{text.PadRight(72)}; {comment}\n";

    internal static string Quote(string text)
    {
        var builder = new StringBuilder("\"");
        foreach (var c in text)
        {
            builder.Append(c switch
            {
                '"' => "\\\"",
                '\\' => "\\\\",
                '\n' => "\\n",
                '\t' => "\\t",
                _ when char.IsControl(c) => $"\\u{(int)c:X4}",
                _ => c.ToString(),
            });
        }
        return builder.Append('"').ToString();
    }
}
