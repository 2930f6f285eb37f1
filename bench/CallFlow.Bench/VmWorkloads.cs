using System.Collections.Immutable;
using System.Runtime.CompilerServices;
using CallFlow.Compiler;
using CallFlow.Compiler.Text;
using CallFlow.Runtime.Evaluation;
using CallFlow.Runtime.Vm;
using CallFlow.Vmp;

namespace CallFlow.Bench;

/// <summary>
/// What the VM benchmarks run: the instruction-loop flows (and the same logic in plain C#), the repository's sample
/// program, and the scripted callers that drive the attendant. Everything here is deterministic.
/// </summary>
internal static class VmWorkloads
{
    /// <summary>Monday 23 November 2026, 10:00 UTC: inside the samples' office hours and on no holiday.</summary>
    public static readonly DateTimeOffset Monday10 = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    /// <summary>The server's zone for every benchmark call.</summary>
    public static readonly TimeZoneInfo Zone = TimeZoneInfo.Utc;

    public const string LoopStart = "Short Codes.*90";
    public const string AttendantStart = "Short Codes.*80";

    /// <summary>
    /// The parts a pass of the instruction loop can be made of. Every variant has the counter test that ends the loop
    /// and the jump back (a Test on a condition decided at compile time, which the emitter turns into a Jump).
    /// </summary>
    [Flags]
    public enum LoopParts
    {
        CounterAndJump = 0,
        Generic = 1,
        Test = 2,
        CallReturn = 4,
        All = Generic | Test | CallReturn,
    }

    /// <summary>The variants measured, each adding one kind of instruction to the one before.</summary>
    public static readonly (string Name, LoopParts Parts)[] LoopVariants =
    [
        ("counter + jump", LoopParts.CounterAndJump),
        ("+ 2 generic (CP1:abc, INCCOUNTER)", LoopParts.Generic),
        ("+ test_condition (4 compares, and/not, 3 references, weekly, calendar)", LoopParts.Generic | LoopParts.Test),
        ("+ call, generic CP2:$CP1, return (the full mix)", LoopParts.All),
    ];

    /// <summary>
    /// A start point that loops <paramref name="passes"/> times through instructions that never wait, then waits at a
    /// menu; key 1 clears the pass counter and loops again. So one <c>Resume</c> with "1" runs
    /// <c>passes</c> passes plus a fixed few instructions (clear, the last counter test, the menu).
    /// </summary>
    public static string LoopSource(int passes, LoopParts parts)
    {
        var generic = (parts & LoopParts.Generic) != 0;
        var test = (parts & LoopParts.Test) != 0;
        var call = (parts & LoopParts.CallReturn) != 0;
        var text = new System.Text.StringBuilder();
        text.AppendLine("""
            // Decided at compile time (VF2011): the emitter writes the test on it as a plain Jump.
            condition Always = true
            // The samples' opening hours, decided at run time on the call's clock.
            condition OfficeHours = weekly(Mon-Fri 08:30-17:30, Sat 09:00-12:00)
            condition Holidays = calendar(2026-01-01, 2026-04-03, 2026-04-06, 2026-05-04, 2026-05-25, 2026-08-31, 2026-12-24 - 2026-12-31)
            condition Open = OfficeHours and not Holidays
            // A counter against a number, a register against text, a reference behind not, and the clock.
            condition Ready = $COUNTER2 >= 0 and $CP1 == "abc" and not Stale and Open
            condition Stale = $CP2 == "zzz"
            """);
        if (call)
        {
            text.AppendLine("""
                module Inner {
                    generic "CP2:$CP1" -> return Done
                }
                """);
        }
        text.AppendLine($$"""
            start shortcode "*90" {
                Again: generic "CLEARCOUNTER:$COUNTER1"
                Loop: increment_and_test_counter 1, {{passes + 1}} {
                    on True -> Wait
                    on False -> Body
                }
                Body: test_condition Always {
                    on True -> {{(test ? "Check" : generic ? "Set" : call ? "Sub" : "Loop")}}
                    on False -> Wait
                }
            """);
        if (test)
        {
            text.AppendLine($$"""
                    Check: test_condition Ready {
                        on True, False -> {{(generic ? "Set" : call ? "Sub" : "Loop")}}
                    }
                """);
        }
        if (generic)
        {
            text.AppendLine($$"""
                    Set: generic "CP1:abc"
                    generic "INCCOUNTER:$COUNTER2" -> {{(call ? "Sub" : "Loop")}}
                """);
        }
        if (call)
        {
            text.AppendLine("""
                    Sub: call Inner {
                        on Done -> Loop
                    }
                """);
        }
        text.AppendLine("""
                Wait: menu {
                    key 1 -> Again
                    on Timeout, Invalid -> disconnect
                }
            }
            """);
        return text.ToString();
    }

    /// <summary>
    /// Compiles a benchmark flow. Errors fail the benchmark; so does any warning other than <paramref name="allowed"/>
    /// (the loop flows expect VF2011 for their compile-time jump and VF2004 for a loop with no module call).
    /// </summary>
    public static LoadedProgram Compile(IReadOnlyList<SourceText> sources, string what, params string[] allowed)
    {
        var compilation = Compilation.Create(sources);
        var unexpected = compilation.Diagnostics.Where(d => !allowed.Contains(d.Code)).ToList();
        if (unexpected.Count > 0)
        {
            throw new InvalidOperationException($"{what} does not compile cleanly: " + string.Join("; ",
                unexpected.Take(10).Select(d => $"{d.Location.Path}({d.Location.Start}): {d.Code} {d.Message}")));
        }
        var bytes = compilation.Emit() ?? throw new InvalidOperationException($"{what}: Emit() returned null");
        return LoadedProgram.Load(bytes);
    }

    public static LoadedProgram CompileLoop(int passes, LoopParts parts) =>
        Compile([new SourceText("vm-loop.vflow", LoopSource(passes, parts))], $"the instruction-loop flow ({parts}, {passes} passes)", "VF2011", "VF2004");

    /// <summary>The repository root (the folder holding CallFlow.sln), looked for above the bench binary and the working directory.</summary>
    public static string RepositoryRoot()
    {
        foreach (var start in new[] { AppContext.BaseDirectory, Directory.GetCurrentDirectory() })
        {
            for (var directory = new DirectoryInfo(start); directory is not null; directory = directory.Parent)
            {
                if (File.Exists(Path.Combine(directory.FullName, "CallFlow.sln")) && Directory.Exists(Path.Combine(directory.FullName, "samples")))
                    return directory.FullName;
            }
        }
        throw new InvalidOperationException("the repository root (CallFlow.sln and samples/) was not found above the bench binary or the working directory");
    }

    /// <summary>Every .vflow under samples/, as one program (as the samples README says), compiled with no diagnostics at all.</summary>
    public static LoadedProgram CompileSamples()
    {
        var root = RepositoryRoot();
        var sources = Directory.EnumerateFiles(Path.Combine(root, "samples"), "*.vflow", SearchOption.AllDirectories)
            .Order(StringComparer.Ordinal)
            .Select(f => new SourceText(Path.GetRelativePath(root, f).Replace('\\', '/'), File.ReadAllText(f)))
            .ToList();
        if (sources.Count == 0)
            throw new InvalidOperationException($"no .vflow files under {Path.Combine(root, "samples")}");
        var program = Compile(sources, "samples/");
        if (!program.FlowsByName.ContainsKey(AttendantStart))
            throw new InvalidOperationException($"the samples have no start point '{AttendantStart}'");
        return program;
    }

    /// <summary>A new call's state, as a host makes it: its own variables (sharing the user variables), the caller's number set.</summary>
    public static CallState NewCall(UserVariables users, DateTimeOffset start, string caller)
    {
        var variables = new CallVariables(users, Zone, start);
        variables.SetSystem("$CLI", caller);
        return new CallState(variables, "en");
    }

    /// <summary>Fails the benchmark unless <paramref name="step"/> is suspended on an effect of type <typeparamref name="T"/>.</summary>
    public static T Expect<T>(Step step, string where) where T : Effect =>
        step.State == ExecutionState.Suspended && step.Effect is T effect
            ? effect
            : throw new InvalidOperationException($"{where}: expected the call to wait on {typeof(T).Name}, but it {Describe(step)}");

    public static string Describe(Step step) => step.State switch
    {
        ExecutionState.Suspended => $"waits on {step.Effect?.GetType().Name}",
        ExecutionState.Completed => $"ended ({step.EndReason})",
        _ => $"faulted: {step.Fault?.Code} at {step.Fault?.Pc:D4}: {step.Fault?.Message}",
    };

    /// <summary>
    /// The instructions one pass of a loop flow runs, by kind, read off the program: from the loop's head, follow the
    /// result each instruction takes in the benchmark (counter False, test True, generic Next, call into the module,
    /// return through its exit, jump) until the head comes round again. The StepBudget calibration must agree.
    /// </summary>
    public static SortedDictionary<string, int> PassMix(VmpProgram program)
    {
        var head = -1;
        for (var pc = 0; pc < program.Debug.Length; pc++)
        {
            var label = program.Debug[pc].Label;
            if (label >= 0 && label < program.Strings.Length && program.Strings[label] == "Loop" && program.Code[pc].OpCode == OpCode.Action)
                head = pc;
        }
        if (head < 0)
            throw new InvalidOperationException("the loop flow has no instruction labelled Loop");
        int Target(int table, string result)
        {
            foreach (var entry in program.Results[table])
            {
                if (program.Strings[entry.Name] == result)
                    return entry.Target;
            }
            throw new InvalidOperationException($"result table {table} has no '{result}'");
        }
        var mix = new SortedDictionary<string, int>(StringComparer.Ordinal);
        var frames = new Stack<int>();
        var at = head;
        for (var steps = 0; steps < 1_000; steps++)
        {
            var node = program.Code[at];
            var kind = node.OpCode == OpCode.Action ? program.Strings[node.A] : node.OpCode.ToString();
            mix[kind] = mix.GetValueOrDefault(kind) + 1;
            at = node.OpCode switch
            {
                OpCode.Action when kind == "increment_and_test_counter" => Target(node.C, "False"),
                OpCode.Action when kind == "generic" => Target(node.C, "Next"),
                OpCode.Test => Target(node.C, "True"),
                OpCode.Jump => node.A,
                OpCode.Call => Enter(node),
                OpCode.Return => Target(frames.Pop(), program.Strings[node.A]),
                _ => throw new InvalidOperationException($"the loop reaches {kind} at {at:D4}, which is not part of a pass"),
            };
            if (at == head)
                return mix;
        }
        throw new InvalidOperationException("one pass of the loop did not come back to its head within 1,000 instructions");

        int Enter(Node node)
        {
            frames.Push(node.C);
            return program.Flows[node.A].Entry;
        }
    }
}

/// <summary>
/// The loop flow's full mix written as plain C#: the same counters, registers, condition and module call, on the same
/// call clock. A pass: count and test the pass counter; evaluate Ready (counter 2 &gt;= 0, CP1 == "abc", not CP2 ==
/// "zzz", office hours and not a holiday, local time from the zone); CP1 = "abc"; counter 2 += 1; call Inner, which
/// sets CP2 = CP1 and returns; jump back.
/// </summary>
internal sealed class PlainLoop
{
    private static readonly int[] HolidayDays =
    [
        .. new[] { new DateOnly(2026, 1, 1), new DateOnly(2026, 4, 3), new DateOnly(2026, 4, 6), new DateOnly(2026, 5, 4), new DateOnly(2026, 5, 25), new DateOnly(2026, 8, 31) }
            .Select(d => d.DayNumber),
    ];

    private static readonly int ShutdownFirst = new DateOnly(2026, 12, 24).DayNumber;
    private static readonly int ShutdownLast = new DateOnly(2026, 12, 31).DayNumber;

    public readonly long[] Counters = new long[16];
    public readonly string[] Registers = Enumerable.Repeat("", 16).ToArray();

    /// <summary>Runs <paramref name="passes"/> passes as one Resume of the loop flow does; returns how often Ready held.</summary>
    public long Run(int passes, DateTimeOffset now, TimeZoneInfo zone)
    {
        var ready = 0L;
        Counters[1] = 0;
        while (true)
        {
            if (++Counters[1] == passes + 1)
                return ready;
            if (Counters[2] >= 0 && Registers[1] == "abc" && !(Registers[2] == "zzz") && Open(TimeZoneInfo.ConvertTime(now, zone)))
                ready++;
            Registers[1] = "abc";
            Counters[2]++;
            Inner();
        }
    }

    [MethodImpl(MethodImplOptions.NoInlining)]
    private void Inner() => Registers[2] = Registers[1];

    private static bool Open(DateTimeOffset local)
    {
        var minute = local.Hour * 60 + local.Minute;
        var hours = local.DayOfWeek switch
        {
            >= DayOfWeek.Monday and <= DayOfWeek.Friday => minute is >= 8 * 60 + 30 and < 17 * 60 + 30,
            DayOfWeek.Saturday => minute is >= 9 * 60 and < 12 * 60,
            _ => false,
        };
        if (!hours)
            return false;
        var day = DateOnly.FromDateTime(local.DateTime).DayNumber;
        return Array.IndexOf(HolidayDays, day) < 0 && (day < ShutdownFirst || day > ShutdownLast);
    }
}

/// <summary>What a scripted caller expects the flow to ask next, and how the caller answers.</summary>
internal enum Expected
{
    Play,
    Speak,
    Collect,
    Request,
}

/// <summary>One step of a caller's script: the effect the flow must ask for (and, for a request, the action), and the answer.</summary>
internal sealed record ScriptStep(Expected Kind, string? Action, Outcome Outcome);

/// <summary>
/// A caller's whole call on the sample attendant (Short Codes.*80 at 10:00 on a Monday): every effect the flow must
/// ask for, in order, how the call must end, and the share of calls that follow it (in tenths).
/// </summary>
internal sealed record CallerScript(string Name, int Tenths, ImmutableArray<ScriptStep> Steps, EndReason End)
{
    private static readonly PlayedOutcome Played = new();
    private static readonly TimeoutOutcome Silence = new();

    private static ScriptStep Play => new(Expected.Play, null, Played);
    private static ScriptStep Speak => new(Expected.Speak, null, Played);
    private static ScriptStep Keys(string digits) => new(Expected.Collect, null, new DigitsOutcome(digits));
    private static ScriptStep NoKeys => new(Expected.Collect, null, Silence);
    private static ScriptStep HangUpAtMenu => new(Expected.Collect, null, new HangUpOutcome());
    private static ScriptStep Answer(string action, string result) => new(Expected.Request, action, new ResultOutcome(result));

    /// <summary>The callers, 10 tenths in all; call i follows the script at i mod 10.</summary>
    public static readonly ImmutableArray<CallerScript> All =
    [
        new("sales: 1, transfer", 3, [Play, Keys("1"), Play, Answer("transfer", "Done")], EndReason.Transferred),
        new("reception busy: 0, message", 2,
            [Play, Keys("0"), Play, Answer("assisted_transfer", "NoAnswer"), Speak, Answer("leave_mail", "Success"), Play], EndReason.Disconnected),
        new("silent: 3 timeouts, reception", 1,
            [Play, NoKeys, Play, Play, NoKeys, Play, Play, NoKeys, Play, Answer("assisted_transfer", "Next")], EndReason.Disconnected),
        new("extension: 201", 2, [Play, Keys("201"), Answer("test_variable", "extension"), Play, Answer("transfer", "Done")], EndReason.Transferred),
        new("by name, back, 1", 1,
            [Play, Keys("9"), Play, Answer("dial_by_name", "Next"), Play, Keys("1"), Play, Answer("transfer", "Done")], EndReason.Transferred),
        new("hangs up at the menu", 1, [Play, HangUpAtMenu], EndReason.CallerHungUp),
    ];

    /// <summary>The script of call <paramref name="call"/>.</summary>
    public static int Of(int call)
    {
        var tenth = call % 10;
        for (var s = 0; s < All.Length; s++)
        {
            if (tenth < All[s].Tenths)
                return s;
            tenth -= All[s].Tenths;
        }
        throw new InvalidOperationException("the caller scripts do not add up to 10 tenths");
    }

    /// <summary>
    /// Checks that <paramref name="effect"/> is what step <paramref name="index"/> expects and returns its answer and
    /// how long it takes in virtual seconds (ScriptedHost's rules: a prompt 2 s, speech 1 s per 15 characters, a key
    /// 1 s, no key the menu's timeout, a request 3 s, hanging up 1 s). Null: the flow asked for something else.
    /// </summary>
    public (Outcome Outcome, double Seconds)? Answer(int index, Effect effect)
    {
        if (index >= Steps.Length)
            return null;
        var step = Steps[index];
        return (step.Kind, effect) switch
        {
            (Expected.Play, PlayEffect play) => (step.Outcome, 2.0 * play.Prompts.Length),
            (Expected.Speak, SpeakEffect speak) => (step.Outcome, Math.Max(1, speak.Text.Length / 15)),
            (Expected.Collect, CollectDigitsEffect collect) => (step.Outcome, step.Outcome switch
            {
                DigitsOutcome digits => digits.Digits.Length,
                TimeoutOutcome => collect.Timeout.TotalSeconds,
                _ => 1,
            }),
            (Expected.Request, RequestEffect request) when request.Action == step.Action => (step.Outcome, 3.0),
            _ => null,
        };
    }

    public string Describe(int index, Effect effect) =>
        $"caller script '{Name}', step {index + 1}: expected {(index < Steps.Length ? Steps[index].Kind + (Steps[index].Action is { } a ? " " + a : "") : "the call to end")}, " +
        $"but the flow asked for {(effect is RequestEffect r ? "request " + r.Action : effect.GetType().Name)}";
}
