using CallFlow.Runtime.Vm;
using CallFlow.Vmp;

namespace CallFlow.Runtime.Channels.Scripted;

/// <summary>Writes "> action Label  file:line" when a call enters an action and "result R -> target" when it follows one.</summary>
internal sealed class TranscriptTrace(VmpProgram code, Action<string> line, IMachineTrace? observer) : IMachineTrace
{
    // A flow that runs away (the step budget case) would write thousands of lines: after this many between two
    // waits the rest is counted, not written.
    private const int MaxLinesBetweenWaits = 60;
    private int _lines;
    private int _hidden;

    public void Flush()
    {
        if (_hidden > 0)
            line($"... {_hidden} more actions and results not shown");
        _lines = 0;
        _hidden = 0;
    }

    private bool Quiet()
    {
        if (++_lines <= MaxLinesBetweenWaits)
            return false;
        _hidden++;
        return true;
    }

    public void Entered(CallState call, int pc)
    {
        observer?.Entered(call, pc);
        if (Quiet())
            return;
        var action = ActionAt(pc);
        var where = code.Debug.IsEmpty ? "" : $"  {code.Strings[code.Debug[pc].File].Replace('\\', '/')}:{code.Debug[pc].Line}";
        var label = Label(pc);
        line($"> {ActionName(code.Code[action])}{(label is null ? "" : " " + label)}{where}");
    }

    public void Took(CallState call, int pc, string result, int target)
    {
        observer?.Took(call, pc, result, target);
        if (Quiet())
            return;
        line($"  result {result} -> {(target < 0 ? "(nothing connected)" : Label(target) ?? ActionName(code.Code[ActionAt(target)]) + (code.Debug.IsEmpty ? "" : $" at line {code.Debug[target].Line}"))}");
    }

    // Entry prompts and the PIN check come before the instruction that names the action.
    private int ActionAt(int pc)
    {
        while (pc < code.Code.Length - 1 && code.Code[pc].OpCode is OpCode.Play or OpCode.CheckPin)
            pc++;
        return pc;
    }

    private string? Label(int pc) => code.Debug.IsEmpty || code.Debug[pc].Label == 0 ? null : code.Strings[code.Debug[pc].Label];

    private string ActionName(Node node) => node.OpCode switch
    {
        OpCode.Action => code.Strings[node.A],
        OpCode.Test => "test_condition " + code.Strings[code.Conditions[node.A].Name],
        OpCode.Call => "call " + code.Strings[code.Flows[node.A].Name],
        OpCode.Goto => "goto " + code.Strings[code.Flows[node.A].Name],
        OpCode.Return => "return " + code.Strings[node.A],
        OpCode.Home => "home",
        OpCode.Disconnect => "disconnect",
        OpCode.StartOptions => "complete_sequence",
        _ => node.OpCode.ToString().ToLowerInvariant(),
    };
}
