using System.Text;
using CallFlow.Compiler;
using CallFlow.Compiler.Text;
using CallFlow.Runtime.Evaluation;
using CallFlow.Runtime.Vm;
using CallFlow.Vmp;

namespace CallFlow.Runtime.Tests.Vm;

/// <summary>
/// Drives one call through the machine with scripted outcomes on a virtual clock and writes down what happened.
/// A small stand-in for the scripted channel of `vmc simulate`, enough to pin the machine's behaviour.
/// </summary>
internal sealed class ScriptedCall
{
    private readonly Machine _machine;
    private readonly CallState _call;
    private readonly StringBuilder _transcript = new();
    private DateTimeOffset _now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);
    private Step _step;

    public ScriptedCall(string vflow, string startPoint, MachineOptions? options = null, UserVariables? users = null, DateTimeOffset? start = null)
    {
        var compilation = Compilation.Create([new SourceText("call.vflow", vflow)]);
        var bytes = compilation.Emit() ?? throw new InvalidOperationException(string.Join("\n", compilation.Diagnostics.Select(d => $"{d.Location}: {d.Code} {d.Message}")));
        var program = LoadedProgram.Load(bytes);
        _now = start ?? _now;
        _machine = new Machine(program, options ?? new MachineOptions());
        _call = new CallState(new CallVariables(users ?? UserVariables.FromProgram(program.Program), TimeZoneInfo.Utc, _now), "en");
        _call.Variables.SetSystem("$CLI", "01707364143");
        _step = _machine.Start(_call, startPoint, _now);
        Record();
    }

    public CallState Call => _call;
    public Step Current => _step;
    public string Transcript => _transcript.ToString();

    /// <summary>Answers the pending effect after <paramref name="seconds"/> of virtual time.</summary>
    public ScriptedCall Answer(Outcome outcome, double seconds = 1)
    {
        Assert.Equal(ExecutionState.Suspended, _step.State);
        _now = _now.AddSeconds(seconds);
        _transcript.Append($"  <- {Describe(outcome)}\n");
        _step = _machine.Resume(_call, outcome, _now);
        Record();
        return this;
    }

    public ScriptedCall Played(string bargeIn = "") => Answer(new PlayedOutcome(bargeIn), 2);
    public ScriptedCall Keys(string digits) => Answer(new DigitsOutcome(digits), 1);
    public ScriptedCall Silence() => Answer(new TimeoutOutcome(), 5);
    public ScriptedCall Result(string result) => Answer(new ResultOutcome(result), 3);
    public ScriptedCall HangUp() => Answer(new HangUpOutcome(), 1);

    public T Expect<T>() where T : Effect => Assert.IsType<T>(_step.Effect);

    public void Ends(EndReason reason)
    {
        Assert.Equal(ExecutionState.Completed, _step.State);
        Assert.Equal(reason, _step.EndReason);
    }

    private void Record()
    {
        var time = $"{(_now - new DateTimeOffset(2026, 11, 23, 10, 0, 0, TimeSpan.Zero)).TotalSeconds,6:0.0}s";
        _transcript.Append(_step.State switch
        {
            ExecutionState.Suspended => $"{time} {Describe(_step.Effect!)}\n",
            ExecutionState.Completed => $"{time} end {_step.EndReason}\n",
            _ => $"{time} fault {_step.Fault!.Code}: {_step.Fault.Message}\n",
        });
    }

    private static string Describe(Effect effect) => effect switch
    {
        PlayEffect play => "play " + string.Join(", ", play.Prompts.Select(p => $"{p.Kind}({p.Text})")),
        SpeakEffect speak => $"speak \"{speak.Text}\" [{speak.Language}]",
        CollectDigitsEffect collect => $"collect max {collect.MaxDigits}, timeout {collect.Timeout.TotalSeconds}s{(collect.AlreadyEntered.Length > 0 ? $", typed ahead {collect.AlreadyEntered}" : "")}",
        RequestEffect request => $"request {request.Action} {string.Join(" ", request.Settings.Select(s => $"{s.Key}={s.Value}"))} results {string.Join("/", request.Results)}",
        _ => effect.ToString(),
    };

    private static string Describe(Outcome outcome) => outcome switch
    {
        PlayedOutcome { BargeIn: "" } => "played",
        PlayedOutcome played => $"played, keys {played.BargeIn}",
        DigitsOutcome digits => $"keys {digits.Digits}",
        TimeoutOutcome => "no keys",
        ResultOutcome result => $"result {result.Result}",
        _ => outcome.GetType().Name,
    };
}
