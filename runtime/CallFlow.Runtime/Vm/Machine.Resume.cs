using System.Runtime.InteropServices;
using CallFlow.Vmp;

namespace CallFlow.Runtime.Vm;

public sealed partial class Machine
{
    /// <summary>Resumes a suspended call with what happened when the host performed its effect.</summary>
    public Step Resume(CallState call, Outcome outcome, DateTimeOffset now)
    {
        call.Variables.Now = now;
        var waiting = call.Waiting;
        if (waiting == Waiting.Nothing)
            return Step.Fail(new RuntimeFault("VF6005", "the call was resumed while it was not waiting", call.Pc));
        call.Waiting = Waiting.Nothing;

        // Complete Sequence: after hang-up the flow may run on, but only until its timeout.
        if (call.HungUpAt is { } hungUp && now - hungUp > call.CompleteSequence)
            return Step.End(EndReason.CallerHungUp);
        if (outcome is HangUpOutcome)
            return HangUp(call, now);
        if (outcome is CallEndedOutcome ended)
            return Step.End(ended.Reason);

        var node = Code.Code[call.Pc];
        Step? next;
        switch (waiting)
        {
            case Waiting.Prompts when outcome is PlayedOutcome played:
                call.TypeAhead += played.BargeIn;
                call.Pc++;
                next = null;
                break;
            case Waiting.Speech when outcome is PlayedOutcome played:
                call.TypeAhead += played.BargeIn;
                next = Take(call, node.C, "Next");
                break;
            case Waiting.MenuKeys:
                next = MenuInput(call, node, outcome);
                break;
            case Waiting.MenuRetryPrompt when outcome is PlayedOutcome played:
                call.TypeAhead += played.BargeIn;
                call.Pc = program.ActionStart(call.Pc);
                next = null;
                break;
            case Waiting.Pin when outcome is DigitsOutcome or TimeoutOutcome:
                next = PinInput(call, node, (outcome as DigitsOutcome)?.Digits ?? "");
                break;
            case Waiting.PinPreCheck when outcome is ResultOutcome { Result: "No" }:
                call.Pc++;
                next = null;
                break;
            case Waiting.PinPreCheck when outcome is ResultOutcome:
                call.Waiting = Waiting.Pin;
                return Step.Suspend(AskPin(call, TakeTypeAhead(call), EnterPin));
            case Waiting.PinCheck when outcome is ResultOutcome result:
                next = PinChecked(call, result.Result == "Success");
                break;
            case Waiting.Request when outcome is ResultOutcome result:
                foreach (var (name, value) in result.Variables)
                    call.Variables.SetSystem(name, value);
                call.TypeAhead += result.TypedAhead;
                if (node.OpCode == OpCode.Action && Code.Strings[node.A] == "transfer")
                    return Step.End(EndReason.Transferred);
                next = node.OpCode == OpCode.Action && Code.Strings[node.A] == "test_variable" && result.Result == "NoMatch"
                    ? NoMatch(call, node.B, node.C)
                    : Take(call, node.C, result.Result);
                break;
            case Waiting.Request when outcome is CallModuleOutcome module:
                if (!program.FlowsByName.TryGetValue(module.Module, out var flow))
                    return Step.Fail(new RuntimeFault("VF6002", $"there is no module '{module.Module}' for {Code.Strings[node.A]}", call.Pc));
                foreach (var (name, value) in module.Variables)
                    call.Variables.SetSystem(name, value);
                // As a Module action: the module's exits continue at this action's results of the same names.
                call.Frames.Push((node.C, flow));
                call.Pc = Code.Flows[flow].Entry;
                next = null;
                break;
            case Waiting.VariableDigits when outcome is DigitsOutcome { Digits.Length: > 0 } digits:
                call.Variables.SetSystem("$KEY", digits.Digits);
                next = TestVariable(call, node.B, node.C);
                break;
            case Waiting.VariableDigits when outcome is DigitsOutcome or TimeoutOutcome or FaxToneOutcome:
                call.Stage = 0;
                next = Take(call, node.C, "Timeout");
                break;
            case Waiting.Clock when outcome is PlayedOutcome played:
                next = ClockPlayed(call, node, played);
                break;
            case Waiting.AlarmEntry when outcome is DigitsOutcome or TimeoutOutcome or FaxToneOutcome:
                next = AlarmEntered(call, node, (outcome as DigitsOutcome)?.Digits ?? "");
                break;
            default:
                return Step.Fail(new RuntimeFault("VF6005", $"{outcome.GetType().Name} does not answer what the call waited for ({waiting})", call.Pc));
        }
        return next ?? Run(call);
    }

    private Step? MenuInput(CallState call, Node node, Outcome outcome)
    {
        var menu = program.Table(node.C);
        string? failure;
        switch (outcome)
        {
            case DigitsOutcome { Digits: var digits }:
                call.Variables.SetSystem("$KEY", digits);
                if (MatchKey(menu.MenuKeys.AsSpan(), digits) is { } key)
                {
                    call.Attempts = 0;
                    return Take(call, node.C, key);
                }
                failure = "Invalid";
                break;
            case FaxToneOutcome when menu.MenuHasFax:
                call.Attempts = 0;
                return Take(call, node.C, "F");
            case FaxToneOutcome:
                failure = "Invalid";
                break;
            case TimeoutOutcome:
                failure = "Timeout";
                break;
            default:
                return Step.Fail(new RuntimeFault("VF6005", $"{outcome.GetType().Name} does not answer a menu", call.Pc));
        }

        // Voicemail Pro re-offers the menu 'retries' times, after the timeout or invalid prompt; only then the result is taken.
        if (call.Attempts < Number(node.B, "retries", 0))
        {
            call.Attempts++;
            var prompts = program.Setting(node.B, failure == "Timeout" ? "timeout_prompt" : "invalid_prompt");
            if (prompts.IsEmpty)
            {
                call.Pc = program.ActionStart(call.Pc);
                return null;
            }
            call.Waiting = Waiting.MenuRetryPrompt;
            var list = new PlayPrompt[prompts.Length];
            for (var i = 0; i < prompts.Length; i++)
                list[i] = Prompt(call, Code.Prompts[(int)prompts[i].Payload]);
            return Step.Suspend(new PlayEffect(ImmutableCollectionsMarshal.AsImmutableArray(list), Languages(call)));
        }
        call.Attempts = 0;
        return Take(call, node.C, failure);
    }

    private Step? PinInput(CallState call, Node node, string entered)
    {
        if (IsVoicemailCode(node))
        {
            // '$' is the mailbox's voicemail code, which only the mailbox store knows.
            call.Waiting = Waiting.PinCheck;
            return Step.Suspend(new RequestEffect("check_voicemail_code", CodeSettings(call, entered), SuccessFailure));
        }
        return PinChecked(call, entered.Length > 0 && entered == Render(call, Code.Values[node.A]));
    }

    private Step? PinChecked(CallState call, bool right)
    {
        if (right)
        {
            call.Attempts = 0;
            call.Pc++;
            return null;
        }
        if (++call.Attempts >= options.PinAttempts)
            return Step.End(EndReason.WrongPin);
        call.Waiting = Waiting.Pin;
        return Step.Suspend(AskPin(call, "", InvalidPin));
    }

    /// <summary>
    /// The caller hung up. Without Complete Sequence the call ends. With it, the flow runs on (reference §1): the
    /// current action takes its Timeout result at once if it has one, otherwise it ends as it would.
    /// </summary>
    private Step HangUp(CallState call, DateTimeOffset now)
    {
        if (call.CompleteSequence is null)
            return Step.End(EndReason.CallerHungUp);
        call.HungUpAt = now;
        var node = Code.Code[call.Pc];
        if (node.OpCode is OpCode.Play)
        {
            call.Pc++;
            return Run(call);
        }
        if (node.OpCode is OpCode.Action && program.Table(node.C).Names.Contains("Timeout"))
            return Take(call, node.C, "Timeout") ?? Run(call);
        if (node.OpCode is OpCode.Action && program.Table(node.C).Names.Contains("Next"))
            return Take(call, node.C, "Next") ?? Run(call);
        return Step.End(EndReason.CallerHungUp);
    }
}
