using System.Globalization;
using System.Text;
using CallFlow.Runtime.Evaluation;
using CallFlow.Runtime.Hosting;
using CallFlow.Runtime.Vm;

namespace CallFlow.Runtime.Channels.Scripted;

/// <summary>
/// Runs call plans against the machine through a <see cref="CallSession"/> with a <see cref="ScriptedChannel"/> and
/// writes the transcript: what the flow did (actions entered with label and source position, results followed,
/// variables as they change) and what the caller and the network did, with virtual times. Request handlers (the
/// mailbox store, ...) perform the requests they know; the channel answers the rest from the plan.
/// </summary>
public sealed class ScriptedHost(LoadedProgram program, MachineOptions options)
{
    /// <summary>Full names of mailbox owners by mailbox name, for $CALLED_NAME when a call arrives for a mailbox.</summary>
    public IReadOnlyDictionary<string, string> FullNames { get; init; } = new Dictionary<string, string>();

    /// <summary>Handlers for requests (mailbox actions and others), asked in order; none by default.</summary>
    public IReadOnlyList<IRequestHandler> Handlers { get; init; } = [];

    /// <summary>Runs the plan to the end of the call; returns the transcript and how the call ended.</summary>
    /// <param name="plan">The call.</param>
    /// <param name="users">The user variables shared with other calls; by default the program's initial values.</param>
    /// <param name="observer">Also told of every action entered and result taken (coverage, debugging).</param>
    public (string Transcript, Step Final) Run(CallPlan plan, UserVariables? users = null, IMachineTrace? observer = null)
    {
        var transcript = new StringBuilder();
        var (final, _) = RunOne(plan, transcript, plan.Start, users ?? UserVariables.FromProgram(program.Program), observer);
        return (transcript.ToString(), final);
    }

    /// <summary>Runs several calls one after another on one time line, sharing user variables (and the handlers'
    /// stores): a message left in the first call can be collected in the second.</summary>
    public (string Transcript, Step Final) RunAll(IReadOnlyList<CallPlan> plans, IMachineTrace? observer = null)
    {
        var transcript = new StringBuilder();
        var users = UserVariables.FromProgram(program.Program);
        var final = Step.End(EndReason.Disconnected);
        var previous = (Plan: (CallPlan?)null, End: DateTimeOffset.MinValue);
        for (var i = 0; i < plans.Count; i++)
        {
            var plan = plans[i];
            if (previous.Plan is { } before && plan.FollowsPrevious)
                plan = plan with { Start = TimeZoneInfo.ConvertTime(previous.End.AddMinutes(1), before.Zone), Zone = before.Zone };
            if (i > 0)
                transcript.Append('\n');
            (final, var end) = RunOne(plan, transcript, plans[0].Start, users, observer);
            previous = (plan, end);
        }
        return (transcript.ToString(), final);
    }

    /// <summary>The clock the handlers' stores read: the time of the call being simulated.</summary>
    public ScriptedClock Clock { get; init; } = new();

    private (Step Final, DateTimeOffset End) RunOne(CallPlan plan, StringBuilder transcript, DateTimeOffset timeLineStart, UserVariables users, IMachineTrace? observer)
    {
        var channel = new ScriptedChannel(plan, transcript, timeLineStart);
        Clock.Source = () => channel.Now;
        var variables = new CallVariables(users, plan.Zone, plan.Start);
        variables.SetSystem("$CLI", plan.Caller);
        if (plan.Mailbox is { } calledMailbox)
        {
            // The PBX says whose mailbox the call is for: $CALLED and $CALLED_NAME (reference §6.1).
            variables.SetSystem("$CALLED", calledMailbox);
            variables.SetSystem("$CALLED_NAME", FullNames.TryGetValue(calledMailbox, out var fullName) ? fullName : calledMailbox);
        }
        var call = new CallState(variables, plan.Language);

        channel.Line($"call from {plan.Caller} to {(plan.Mailbox is null ? $"\"{plan.StartPoint}\"" : $"mailbox \"{plan.Mailbox}\" ({plan.CallType})")} at {plan.Start.ToString("yyyy-MM-dd HH:mm", CultureInfo.InvariantCulture)} {plan.Zone.Id}");
        var known = variables.Snapshot();
        void Changes()
        {
            // Variables the flow (or the machine for it) changed since the last line: $KEY, registers, counters ...
            var current = variables.Snapshot();
            foreach (var (name, value) in current)
            {
                if (!known.TryGetValue(name, out var before) || before != value)
                    channel.Line($"  {name} = \"{value}\"");
            }
            foreach (var name in known.Keys)
            {
                if (!current.ContainsKey(name))
                    channel.Line($"  {name} = \"\"");
            }
            known = current;
        }
        // Variables changed before an action is entered or a result taken are written before it, in the order they happened.
        var trace = new TranscriptTrace(program.Program, text => { Changes(); channel.Line(text); }, observer);
        var machine = new Machine(program, options, trace);
        // The PBX names a mailbox and a reason, or a VM: destination (a short code, "?201", "#Sales", a module).
        var address = plan.Mailbox is { } mailbox
            ? StartPointSelector.Select(program, mailbox, plan.CallType)
            : StartPointSelector.Resolve(program, plan.StartPoint) ?? plan.StartPoint;
        if (address is null)
        {
            channel.Line($"no start point for mailbox \"{plan.Mailbox}\" ({plan.CallType}) and no default one: the server's built-in voicemail answers");
            return (Step.End(EndReason.Disconnected), channel.Now);
        }
        if (address != plan.StartPoint)
            channel.Line($"runs \"{address}\"");

        var context = new CallContext(channel, call, new CallInfo(plan.Caller, plan.Mailbox, plan.CallType));
        var session = new CallSession(machine, context, Handlers)
        {
            AfterStep = _ =>
            {
                trace.Flush();
                Changes();
            },
        };
        // Every operation of the scripted channel completes at once; a handler's store may really wait (disk).
        var step = session.RunAsync(address).AsTask().GetAwaiter().GetResult();
        channel.Line(step.State switch
        {
            ExecutionState.Completed => $"end {step.EndReason}",
            ExecutionState.Faulted => $"fault {step.Fault!.Code} at {Where(step.Fault.Pc)}: {step.Fault.Message}",
            _ => $"end: the call waited more than {CallSession.MaxTurns} times; stopped",
        });
        return (step, channel.Now);
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

    /// <summary>One effect as a transcript line.</summary>
    public static string Describe(Effect effect) => ScriptedChannel.Describe(effect);
}
