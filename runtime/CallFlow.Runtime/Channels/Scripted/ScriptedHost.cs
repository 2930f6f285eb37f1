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
/// Call variables that change are written as they change.
/// When the plan runs out while the flow waits for the caller, the caller hangs up.
/// </summary>
public sealed class ScriptedHost(LoadedProgram program, MachineOptions options)
{
    /// <summary>Runs the plan to the end of the call; returns the transcript and how the call ended.</summary>
    public (string Transcript, Step Final) Run(CallPlan plan, UserVariables? users = null)
    {
        var machine = new Machine(program, options);
        var variables = new CallVariables(users ?? UserVariables.FromProgram(program.Program), plan.Zone, plan.Start);
        variables.SetSystem("$CLI", plan.Caller);
        var call = new CallState(variables, plan.Language);
        var transcript = new StringBuilder();
        var now = plan.Start;
        var events = new Queue<PlanEvent>(plan.Events);

        void Line(string text) => transcript.Append(CultureInfo.InvariantCulture, $"{(now - plan.Start).TotalSeconds,7:0.0}s  {text}\n");

        Line($"call from {plan.Caller} to \"{plan.StartPoint}\" at {plan.Start.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} {plan.Zone.Id}");
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
            known = current;
        }
        var step = machine.Start(call, plan.StartPoint, now);
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
            Changes();
        }
        Line(step.State switch
        {
            ExecutionState.Completed => $"end {step.EndReason}",
            ExecutionState.Faulted => $"fault {step.Fault!.Code} at {step.Fault.Pc:D4}: {step.Fault.Message}",
            _ => "end: the call waited more than 10000 times; stopped",
        });
        return (transcript.ToString(), step);
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
                // Keys typed during the prompts may already complete the entry.
                if (collect.AlreadyEntered.Length >= collect.MaxDigits)
                    return (new DigitsOutcome(collect.AlreadyEntered), 0, null);
                // Keys typed ahead and nothing more: the entry ends when the inter-digit time runs out.
                if (collect.AlreadyEntered.Length > 0 && next?.Kind != PlanEventKind.Press)
                    return (new DigitsOutcome(collect.AlreadyEntered), collect.InterDigitTimeout.TotalSeconds, null);
                if (next is null || next.Kind == PlanEventKind.Answer)
                    return (new HangUpOutcome(), 1, "hangs up (the plan has no more input)");
                events.Dequeue();
                return next.Kind switch
                {
                    PlanEventKind.Press => (new DigitsOutcome(collect.AlreadyEntered + next.Argument), next.Argument.Length, $"presses {next.Argument}"),
                    PlanEventKind.Fax => (new FaxToneOutcome(), 1, "fax tone"),
                    _ => (new TimeoutOutcome(), collect.Timeout.TotalSeconds, "says nothing"),
                };
            case RequestEffect request:
                if (next?.Kind == PlanEventKind.Answer)
                {
                    events.Dequeue();
                    return (new ResultOutcome(next.Argument), 3, $"network answers {next.Argument}");
                }
                return (new ResultOutcome(request.Results.IsEmpty ? "Done" : request.Results[0]), 3, null);
            default:
                return (new HangUpOutcome(), 1, "hangs up");
        }
    }

    /// <summary>One effect as a transcript line.</summary>
    public static string Describe(Effect effect) => effect switch
    {
        PlayEffect play => "play " + string.Join(", ", play.Prompts.Select(Describe)),
        SpeakEffect speak => $"speak \"{speak.Text}\" ({speak.Language})",
        CollectDigitsEffect collect => $"collect up to {collect.MaxDigits} keys, timeout {collect.Timeout.TotalSeconds.ToString(CultureInfo.InvariantCulture)}s"
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
}
