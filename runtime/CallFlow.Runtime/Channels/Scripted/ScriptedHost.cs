using System.Globalization;
using System.Text;
using CallFlow.Runtime.Evaluation;
using CallFlow.Runtime.Vm;
using CallFlow.Vmp;

namespace CallFlow.Runtime.Channels.Scripted;

/// <summary>
/// Plays a <see cref="CallPlan"/> against the machine and writes a transcript: what the flow did, what the caller
/// did, with virtual times. Everything is deterministic: each prompt takes 2 s, speech 1 s per 15 characters, a
/// key 1 s, a request 3 s; a request the plan does not answer takes its first result (leave_mail: Success).
/// Call variables that change are written as they change; so are the actions entered (with label and source
/// position) and the results followed.
/// When the plan runs out while the flow waits for the caller, the caller hangs up.
/// </summary>
public sealed class ScriptedHost(LoadedProgram program, MachineOptions options)
{
    /// <summary>Runs the plan to the end of the call; returns the transcript and how the call ended.</summary>
    /// <param name="plan">The call.</param>
    /// <param name="users">The user variables shared with other calls; by default the program's initial values.</param>
    /// <param name="observer">Also told of every action entered and result taken (coverage, debugging).</param>
    public (string Transcript, Step Final) Run(CallPlan plan, UserVariables? users = null, IMachineTrace? observer = null)
    {
        var variables = new CallVariables(users ?? UserVariables.FromProgram(program.Program), plan.Zone, plan.Start);
        variables.SetSystem("$CLI", plan.Caller);
        var call = new CallState(variables, plan.Language);
        var transcript = new StringBuilder();
        var now = plan.Start;
        var events = new Queue<PlanEvent>(plan.Events);

        void Line(string text) => transcript.Append(CultureInfo.InvariantCulture, $"{(now - plan.Start).TotalSeconds,7:0.0}s  {text}\n");

        Line($"call from {plan.Caller} to {(plan.Mailbox is null ? $"\"{plan.StartPoint}\"" : $"mailbox \"{plan.Mailbox}\" ({plan.CallType})")} at {plan.Start.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} {plan.Zone.Id}");
        var known = variables.Snapshot();
        void Changes()
        {
            // Variables the flow (or the machine for it) changed since the last line: $KEY, registers, counters ...
            var current = variables.Snapshot();
            foreach (var (name, value) in current)
            {
                if (!known.TryGetValue(name, out var before) || before != value)
                    Line($"  {name} = \"{value}\"");
            }
            foreach (var name in known.Keys)
            {
                if (!current.ContainsKey(name))
                    Line($"  {name} = \"\"");
            }
            known = current;
        }
        // Variables changed before an action is entered or a result taken are written before it, in the order they happened.
        var trace = new TranscriptTrace(program.Program, text => { Changes(); Line(text); }, observer);
        var machine = new Machine(program, options, trace);
        // The PBX names a mailbox and a reason, or a VM: destination (a short code, "?201", "#Sales", a module).
        var address = plan.Mailbox is { } mailbox
            ? StartPointSelector.Select(program, mailbox, plan.CallType)
            : StartPointSelector.Resolve(program, plan.StartPoint) ?? plan.StartPoint;
        if (address is null)
        {
            Line($"no start point for mailbox \"{plan.Mailbox}\" ({plan.CallType}) and no default one: the server's built-in voicemail answers");
            return (transcript.ToString(), Step.End(EndReason.Disconnected));
        }
        if (address != plan.StartPoint)
            Line($"runs \"{address}\"");
        var step = machine.Start(call, address, now);
        trace.Flush();
        Changes();
        // Bounded: a flow can only wait this many times in one simulated call.
        for (var turns = 0; turns < 10_000 && step.State == ExecutionState.Suspended; turns++)
        {
            var (outcome, seconds, said) = Answer(step.Effect!, events, call);
            Line(Describe(step.Effect!));
            now = now.AddSeconds(seconds);
            if (said is not null)
                Line($"  caller: {said}");
            step = machine.Resume(call, outcome, now);
            trace.Flush();
            Changes();
        }
        Line(step.State switch
        {
            ExecutionState.Completed => $"end {step.EndReason}",
            ExecutionState.Faulted => $"fault {step.Fault!.Code} at {Where(step.Fault.Pc)}: {step.Fault.Message}",
            _ => "end: the call waited more than 10000 times; stopped",
        });
        return (transcript.ToString(), step);
    }

    /// <summary>An instruction's source position ("main.vflow:3:5, pc 0004"), or just the pc when the file has no debug section.</summary>
    private string Where(int pc)
    {
        var code = program.Program;
        if (pc < 0 || pc >= code.Code.Length || code.Debug.IsEmpty)
            return $"pc {pc:D4}";
        var entry = code.Debug[pc];
        return $"{code.Strings[entry.File].Replace('\\', '/')}:{entry.Line}:{entry.Column}, pc {pc:D4}";
    }

    private static (Outcome Outcome, double Seconds, string? Said) Answer(Effect effect, Queue<PlanEvent> events, CallState call)
    {
        var next = events.Count > 0 ? events.Peek() : null;
        if (next?.Kind == PlanEventKind.HangUp)
        {
            events.Dequeue();
            return (new HangUpOutcome(), 1, "hangs up");
        }
        switch (effect)
        {
            case PlayEffect play:
                // "listen": the caller lets these prompts play out (a repeating clock, say) without a key.
                if (next?.Kind == PlanEventKind.Listen)
                {
                    events.Dequeue();
                    return (new PlayedOutcome(), 2 * play.Prompts.Length, "listens");
                }
                if (next?.Kind == PlanEventKind.Press)
                {
                    events.Dequeue();
                    return (new PlayedOutcome(next.Argument), 1, $"presses {next.Argument} during the prompts");
                }
                return (new PlayedOutcome(), 2 * play.Prompts.Length, null);
            case SpeakEffect speak:
                if (next?.Kind == PlanEventKind.Press)
                {
                    events.Dequeue();
                    return (new PlayedOutcome(next.Argument), 1, $"presses {next.Argument} during the speech");
                }
                return (new PlayedOutcome(), Math.Max(1, speak.Text.Length / 15), null);
            case CollectDigitsEffect collect:
                // Keys typed during the prompts may already complete the entry: enough of them, ending with '#', or
                // deciding the menu.
                if (Decided(collect, collect.AlreadyEntered) is { } decided)
                    return (new DigitsOutcome(decided), 0, null);
                if (collect.AlreadyEntered.Length >= collect.MaxDigits || Terminated(collect.AlreadyEntered))
                    return (new DigitsOutcome(WithoutTerminator(collect.AlreadyEntered)), 0, null);
                // Keys typed ahead and nothing more: the entry ends when the inter-digit time runs out.
                if (collect.AlreadyEntered.Length > 0 && next?.Kind != PlanEventKind.Press)
                    return (new DigitsOutcome(collect.AlreadyEntered), collect.InterDigitTimeout.TotalSeconds, null);
                if (next is null || next.Kind == PlanEventKind.Answer)
                    return (new HangUpOutcome(), 1, "hangs up (the plan has no more input)");
                events.Dequeue();
                // The asking prompts play out unless a key stops them.
                var asking = next.Kind == PlanEventKind.Press ? 0 : 2 * collect.Prompts.Length;
                return next.Kind switch
                {
                    PlanEventKind.Press => (new DigitsOutcome(Decided(collect, collect.AlreadyEntered + next.Argument) ?? WithoutTerminator(collect.AlreadyEntered + next.Argument)),
                        next.Argument.Length, $"presses {next.Argument}"),
                    PlanEventKind.Fax => (new FaxToneOutcome(), asking + 1, "fax tone"),
                    _ => (new TimeoutOutcome(), asking + collect.Timeout.TotalSeconds, "says nothing"),
                };
            case RequestEffect request:
                if (next?.Kind == PlanEventKind.Answer)
                {
                    events.Dequeue();
                    return (new ResultOutcome(next.Argument) { Variables = next.Variables }, 3, $"network answers {next.Argument}");
                }
                return (new ResultOutcome(request.Results.IsEmpty ? "Done" : request.Results[0]), 3, null);
            default:
                return (new HangUpOutcome(), 1, "hangs up");
        }
    }

    // The shortest beginning of the keys that decides a menu; keys after it are not used.
    private static string? Decided(CollectDigitsEffect collect, string keys)
    {
        for (var length = 1; length <= keys.Length; length++)
        {
            if (collect.IsComplete(keys[..length]))
                return keys[..length];
        }
        return null;
    }

    // '#' ends an entry and is not part of it, except alone, where it is the key a menu may branch on.
    private static bool Terminated(string keys) => keys.Length > 1 && keys[^1] == '#';

    private static string WithoutTerminator(string keys) => Terminated(keys) ? keys[..^1] : keys;

    /// <summary>One effect as a transcript line.</summary>
    public static string Describe(Effect effect) => effect switch
    {
        PlayEffect play => "play " + string.Join(", ", play.Prompts.Select(Describe)),
        SpeakEffect speak => $"speak \"{speak.Text}\" ({speak.Language})",
        CollectDigitsEffect collect => (collect.Prompts.IsEmpty ? "" : "play " + string.Join(", ", collect.Prompts.Select(Describe)) + ", then ")
            + $"collect up to {collect.MaxDigits} keys, timeout {collect.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s"
            + (collect.AlreadyEntered.Length > 0 ? $", already typed {collect.AlreadyEntered}" : ""),
        RequestEffect request => $"{request.Action} {string.Join(", ", request.Settings.Select(s => $"{s.Key} {s.Value}"))}".TrimEnd()
            + (request.Results.IsEmpty ? "" : $"  [{string.Join(" | ", request.Results)}]"),
        _ => effect.GetType().Name,
    };

    private static string Describe(PlayPrompt prompt) => prompt.Kind switch
    {
        VmpPromptKind.System => $"system({prompt.Text})",
        VmpPromptKind.Speech => $"tts(\"{prompt.Text}\")",
        VmpPromptKind.Digits => $"digits({prompt.Text})",
        VmpPromptKind.Recording => "the last recording",
        _ => $"\"{prompt.Text}\"",
    };

    /// <summary>Writes "> action Label  file:line" when a call enters an action and "result R -> target" when it follows one.</summary>
    private sealed class TranscriptTrace(VmpProgram code, Action<string> line, IMachineTrace? observer) : IMachineTrace
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
}
