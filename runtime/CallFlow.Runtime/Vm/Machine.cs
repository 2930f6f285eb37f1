using System.Collections.Immutable;
using System.Runtime.InteropServices;
using CallFlow.Runtime.Evaluation;
using CallFlow.Vmp;

namespace CallFlow.Runtime.Vm;

/// <summary>
/// Runs calls on a loaded program. Synchronous and without I/O: <see cref="Start"/> and <see cref="Resume"/> run a
/// call until it needs the outside world and return the <see cref="Effect"/> the host must perform, or how the
/// call ended. Time comes in as <c>now</c> on every call; nothing here reads a clock or a random source, so the
/// same outcomes at the same times always give the same run. One machine serves any number of calls at once.
/// Split by concern: the instruction loop here, actions in Machine.Actions.cs, resuming in Machine.Resume.cs.
/// </summary>
public sealed partial class Machine(LoadedProgram program, MachineOptions options, IMachineTrace? trace = null)
{
    private VmpProgram Code => program.Program;

    /// <summary>Starts a call at a start point or module, by its address ("Default.Leave", "Short Codes.*80", "Attendant").</summary>
    public Step Start(CallState call, string startPoint, DateTimeOffset now)
    {
        if (!program.FlowsByName.TryGetValue(startPoint, out var flow))
            return Step.Fail(new RuntimeFault("VF6002", $"there is no start point or module '{startPoint}'", -1));
        var entry = Code.Flows[flow];
        call.EntryFlow = flow;
        call.InQueueFlow = (entry.Flags & VmpFlowFlags.Queue) != 0;
        call.Pc = entry.Entry;
        call.Variables.Now = now;
        call.Variables.SetSystem("$LOC", call.Language);
        return Run(call);
    }

    /// <summary>The instruction loop: runs until the call waits, ends, or exhausts its step budget.</summary>
    private Step Run(CallState call)
    {
        for (var steps = 0; steps < options.StepBudget; steps++)
        {
            var node = Code.Code[call.Pc];
            if (trace is not null && node.OpCode != OpCode.Jump && program.ActionStart(call.Pc) == call.Pc)
                trace.Entered(call, call.Pc);
            switch (node.OpCode)
            {
                case OpCode.Jump:
                    call.Pc = node.A;
                    continue;

                case OpCode.Play:
                    // After hang-up (Complete Sequence) there is nobody to play to; and a caller who already keyed
                    // ahead has answered the menu these prompts introduce, so they barge straight through.
                    if (call.HungUpAt is not null || (call.TypeAhead.Length > 0 && IntroducesMenu(call.Pc)))
                    {
                        call.Pc++;
                        continue;
                    }
                    call.Waiting = Waiting.Prompts;
                    return Step.Suspend(new PlayEffect(Prompts(call, node), Languages(call)));

                case OpCode.CheckPin:
                    if (call.HungUpAt is not null)
                        return Step.End(EndReason.CallerHungUp);
                    if (IsVoicemailCode(node))
                    {
                        // Trusted numbers and an owner at their own phone are not asked: only the mailbox store knows.
                        call.Waiting = Waiting.PinPreCheck;
                        return Step.Suspend(new RequestEffect("voicemail_code_needed", CodeSettings(call), YesNo));
                    }
                    call.Waiting = Waiting.Pin;
                    return Step.Suspend(AskPin(call, TakeTypeAhead(call), EnterPin));

                case OpCode.Action:
                    if (RunAction(call, node) is { } suspended)
                        return suspended;
                    continue;

                case OpCode.Test:
                    var isTrue = ConditionEvaluator.Evaluate(Code, node.A, call.Variables);
                    if (Take(call, node.C, isTrue ? "True" : "False") is { } ended)
                        return ended;
                    continue;

                case OpCode.Call:
                    call.Frames.Push((node.C, node.A));
                    call.Pc = Code.Flows[node.A].Entry;
                    continue;

                case OpCode.Return:
                    // A module entered by goto (or run directly) has no caller to return to: the call ends, as Voicemail Pro
                    // ends it at an unconnected exit.
                    if (!call.Frames.TryPop(out var frame))
                        return End(call);
                    if (Take(call, frame.ResultTable, Code.Strings[node.A]) is { } returned)
                        return returned;
                    continue;

                case OpCode.Goto:
                    call.Frames.Clear();
                    call.Pc = Code.Flows[node.A].Entry;
                    continue;

                case OpCode.Home:
                    call.Frames.Clear();
                    call.Pc = Code.Flows[call.EntryFlow].Entry;
                    continue;

                case OpCode.Disconnect:
                    return End(call);

                case OpCode.StartOptions:
                    var timeout = program.Setting(node.A, "timeout");
                    call.CompleteSequence = TimeSpan.FromMilliseconds(timeout.IsEmpty ? 5000 : timeout[0].Payload);
                    call.Pc++;
                    continue;

                default:
                    return Step.Fail(new RuntimeFault("VF6003", $"unknown opcode 0x{node.Op:X2}", call.Pc));
            }
        }
        return Step.Fail(new RuntimeFault("VF6001", $"{options.StepBudget} steps without waiting for the caller", call.Pc));
    }

    /// <summary>Continues at a result's target; a result with nothing connected ends the call (or returns it to the queue).</summary>
    private Step? Take(CallState call, int table, string result)
    {
        foreach (var entry in Code.Results[table])
        {
            if (Code.Strings[entry.Name] != result)
                continue;
            trace?.Took(call, call.Pc, result, entry.Target);
            if (entry.Target < 0)
                return End(call);
            call.Pc = entry.Target;
            return null;
        }
        return Step.Fail(new RuntimeFault("VF6004", $"the action has no result '{result}'", call.Pc));
    }

    private static Step End(CallState call) =>
        Step.End(call.HungUpAt is not null ? EndReason.CallerHungUp : call.InQueueFlow ? EndReason.ReturnedToQueue : EndReason.Disconnected);

    /// <summary>Whether the entry prompts at <paramref name="pc"/> belong to a menu.</summary>
    private bool IntroducesMenu(int pc)
    {
        while (pc < Code.Code.Length && Code.Code[pc].OpCode is OpCode.Play or OpCode.CheckPin)
            pc++;
        return pc < Code.Code.Length && Code.Code[pc].OpCode == OpCode.Action && Code.Strings[Code.Code[pc].A] == "menu";
    }

    /// <summary>Whether a CheckPin asks for the mailbox's voicemail code (<c>pin "$"</c>) rather than a fixed PIN.</summary>
    private bool IsVoicemailCode(Node node)
    {
        var expected = Code.Values[node.A];
        return expected.Kind is VmpValueKind.Text or VmpValueKind.Variable && Code.Strings[(int)expected.Payload] == "$";
    }

    /// <summary>The mailbox a voicemail code belongs to: the "mailbox" setting of the action the PIN guards.</summary>
    private ImmutableSortedDictionary<string, string> CodeSettings(CallState call, string? entered = null)
    {
        var action = call.Pc;
        while (action < Code.Code.Length - 1 && Code.Code[action].OpCode is OpCode.Play or OpCode.CheckPin)
            action++;
        var node = Code.Code[action];
        var mailbox = node.OpCode == OpCode.Action && program.Setting(node.B, "mailbox") is { IsEmpty: false } values ? Render(call, values[0]) : "caller";
        var settings = ImmutableSortedDictionary<string, string>.Empty.Add("mailbox", mailbox);
        return entered is null ? settings : settings.Add("entered", entered);
    }

    /// <summary>Asks for a PIN (up to 15 keys, '#' ends it early); the prompt is skipped when keys were typed ahead.</summary>
    private static CollectDigitsEffect AskPin(CallState call, string typedAhead, ImmutableArray<PlayPrompt> prompts) =>
        new(15, TimeSpan.FromSeconds(10), TimeSpan.FromSeconds(5), typedAhead, false)
        {
            Prompts = typedAhead.Length > 0 ? [] : prompts,
            Languages = Languages(call),
        };

    private static readonly ImmutableArray<string> YesNo = ["Yes", "No"];
    private static readonly ImmutableArray<string> SuccessFailure = ["Success", "Failure"];
    private static readonly ImmutableArray<PlayPrompt> EnterPin = [new(VmpPromptKind.System, "enter_pin")];
    private static readonly ImmutableArray<PlayPrompt> InvalidPin = [new(VmpPromptKind.System, "invalid_pin"), new(VmpPromptKind.System, "enter_pin")];

    /// <summary>The languages a call's prompts are looked up in. Every known language's chain is kept by
    /// <see cref="PromptLanguages"/>; every unknown one falls back to the same chain, taken once here.</summary>
    private static ImmutableArray<string> Languages(CallState call) =>
        PromptLanguages.All.TryGetValue(call.Language, out var language) ? language.Fallback : UnknownLanguage;

    private static readonly ImmutableArray<string> UnknownLanguage = PromptLanguages.FallbackChain("");

    /// <summary>The prompts of a Play: the program's own when they name no variable, else built for this call.</summary>
    private ImmutableArray<PlayPrompt> Prompts(CallState call, Node node)
    {
        var fixedPrompts = program.FixedPrompts(call.Pc);
        if (!fixedPrompts.IsDefault)
            return fixedPrompts;
        var prompts = new PlayPrompt[node.B];
        for (var i = 0; i < prompts.Length; i++)
            prompts[i] = Prompt(call, Code.Prompts[node.A + i]);
        return ImmutableCollectionsMarshal.AsImmutableArray(prompts);
    }

    private static string TakeTypeAhead(CallState call)
    {
        var keys = call.TypeAhead;
        call.TypeAhead = "";
        return keys;
    }

    private PlayPrompt Prompt(CallState call, VmpPrompt prompt)
    {
        var text = Code.Strings[prompt.Text];
        return new PlayPrompt(prompt.Kind, prompt.Kind is VmpPromptKind.System or VmpPromptKind.Recording ? text : call.Variables.Expand(text));
    }
}
