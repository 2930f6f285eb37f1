using CallFlow.Compiler;
using CallFlow.Compiler.Text;
using CallFlow.Runtime.Evaluation;
using CallFlow.Runtime.Vm;
using CallFlow.Vmp;

namespace CallFlow.Runtime.Tests.Vm;

/// <summary>
/// What the machine allocates per Start and Resume once it is warm: the effect and the <see cref="Step"/> it returns,
/// and nothing else. Instructions that do not wait (counters, generic commands, conditions, module call and return,
/// jumps) must allocate nothing, and what a wait hands out that is the same for every call (a menu's keys, fixed
/// prompts, the language chain, how a call ended) comes from the program, not from a new copy. Allocation counts are
/// deterministic (<see cref="GC.GetAllocatedBytesForCurrentThread"/> counts this thread's bytes exactly), so the
/// bounds are tight; nothing here is timed. The variable-name and command caches are shared by every thread and
/// emptied when full, and other tests fill them with made-up names; so these tests run on their own, and each takes
/// the best of several batches (a batch in which a cache was emptied under it parses its names again).
/// </summary>
[Collection(nameof(MachineAllocationTests))]
public sealed class MachineAllocationTests
{
    private const int Passes = 50;
    private const int Batches = 10;
    private const int Iterations = 200;
    private const string StartPoint = "Short Codes.*90";
    private static readonly DateTimeOffset Now = new(2026, 11, 23, 10, 0, 0, TimeSpan.Zero);

    // Each Resume with "1" runs Passes passes of 8 instructions (counter, jump, test, 3 generic, call, return) and
    // waits at the menu's prompt; "played" then waits for the menu's keys.
    private static readonly string Loop = $$"""
        condition Always = true
        condition OfficeHours = weekly(Mon-Fri 08:30-17:30, Sat 09:00-12:00)
        condition Holidays = calendar(2026-01-01, 2026-04-03, 2026-12-24 - 2026-12-31)
        condition Open = OfficeHours and not Holidays
        condition Ready = $COUNTER2 >= 0 and $CP1 == "abc" and not Stale and Open
        condition Stale = $CP2 == "zzz"
        module Inner {
            generic "CP2:$CP1" -> return Done
        }
        start shortcode "*90" {
            Again: generic "CLEARCOUNTER:$COUNTER1"
            Loop: increment_and_test_counter 1, {{Passes + 1}} {
                on True -> Wait
                on False -> Body
            }
            Body: test_condition Always {
                on True -> Check
                on False -> Wait
            }
            Check: test_condition Ready {
                on True, False -> Set
            }
            Set: generic "CP1:abc"
            generic "INCCOUNTER:$COUNTER2" -> Sub
            Sub: call Inner {
                on Done -> Loop
            }
            Wait: menu {
                prompt system(welcome), tts("Press 1 to go round again.")
                key 1 -> Again
                key "2?" -> disconnect
                on Timeout, Invalid -> disconnect
            }
        }
        """;

    private static readonly DigitsOutcome KeyOne = new("1");
    private static readonly PlayedOutcome Played = new("");

    [Fact]
    public void A_resume_through_non_waiting_instructions_allocates_only_the_effect_and_step_it_returns()
    {
        var (machine, call) = NewCall();
        Assert.IsType<PlayEffect>(machine.Start(call, StartPoint, Now).Effect);
        Assert.IsType<CollectDigitsEffect>(machine.Resume(call, Played, Now).Effect);
        for (var i = 0; i < 200; i++)
            RoundTrip(machine, call);
        var expected = Size(static () => new PlayEffect([], [])) + Size(static () => new CollectDigitsEffect(1, default, default, "", false))
            + 2 * Size(static () => new Step(ExecutionState.Suspended, null, null, null));

        var allocated = Best(() =>
        {
            for (var i = 0; i < Iterations; i++)
                RoundTrip(machine, call);
        });

        // Less than one byte per round trip beyond its two effects and two steps: nothing per instruction, per wait
        // nothing but what is returned.
        Assert.True(allocated < Iterations * (expected + 1),
            $"{allocated / (double)Iterations:F1} bytes per round trip of {Passes * 8 + 4} instructions and two waits; expected {expected}");
        Assert.Equal((Passes + 1).ToString(System.Globalization.CultureInfo.InvariantCulture), call.Variables.Get("$COUNTER1"));
        Assert.Equal("abc", call.Variables.Get("$CP2"));
    }

    [Fact]
    public void A_start_that_runs_to_its_first_wait_allocates_only_the_effect_and_step_it_returns()
    {
        var (machine, call) = NewCall();
        for (var i = 0; i < 200; i++)
            Assert.IsType<PlayEffect>(machine.Start(call, StartPoint, Now).Effect);
        var expected = Size(static () => new PlayEffect([], [])) + Size(static () => new Step(ExecutionState.Suspended, null, null, null));

        var allocated = Best(() =>
        {
            for (var i = 0; i < Iterations; i++)
                machine.Start(call, StartPoint, Now);
        });

        Assert.True(allocated < Iterations * (expected + 1), $"{allocated / (double)Iterations:F1} bytes per Start; expected {expected}");
    }

    [Fact]
    public void What_every_call_gets_alike_is_shared_not_copied()
    {
        var (machine, first) = NewCall();
        var second = NewState("en");
        var play1 = Assert.IsType<PlayEffect>(machine.Start(first, StartPoint, Now).Effect);
        var play2 = Assert.IsType<PlayEffect>(machine.Start(second, StartPoint, Now).Effect);
        Assert.Equal(["welcome", "Press 1 to go round again."], play1.Prompts.Select(p => p.Text));
        Assert.True(play1.Prompts == play2.Prompts, "a Play's fixed prompts are built once");
        Assert.True(play1.Languages == play2.Languages, "a language's fallback chain is built once");

        var menu1 = Assert.IsType<CollectDigitsEffect>(machine.Resume(first, Played, Now).Effect);
        var menu2 = Assert.IsType<CollectDigitsEffect>(machine.Resume(second, Played, Now).Effect);
        Assert.Equal(["1", "2?"], menu1.Keys.AsEnumerable());
        Assert.Equal(2, menu1.MaxDigits);
        Assert.True(menu1.Keys == menu2.Keys, "a menu's keys are built once");

        var end1 = machine.Resume(first, new DigitsOutcome("25"), Now);
        var end2 = machine.Resume(second, new DigitsOutcome("29"), Now);
        Assert.Equal(EndReason.Disconnected, end1.EndReason);
        Assert.Same(end1, end2);
    }

    [Fact]
    public void A_language_without_prompts_of_its_own_falls_back_to_one_shared_chain()
    {
        var (machine, first) = NewCall("xx");
        var second = NewState("yy");
        var play1 = Assert.IsType<PlayEffect>(machine.Start(first, StartPoint, Now).Effect);
        var play2 = Assert.IsType<PlayEffect>(machine.Start(second, StartPoint, Now).Effect);
        Assert.Equal(PromptLanguages.FallbackChain("xx").AsEnumerable(), play1.Languages.AsEnumerable());
        Assert.True(play1.Languages == play2.Languages);
    }

    private static void RoundTrip(Machine machine, CallState call)
    {
        if (machine.Resume(call, KeyOne, Now).Effect is not PlayEffect)
            Assert.Fail("key 1 must go round the loop and back to the menu's prompts");
        if (machine.Resume(call, Played, Now).Effect is not CollectDigitsEffect)
            Assert.Fail("the menu's prompts must lead to its key collection");
    }

    /// <summary>The fewest bytes any of <see cref="Batches"/> runs of <paramref name="batch"/> allocated.</summary>
    private static long Best(Action batch)
    {
        var best = long.MaxValue;
        for (var i = 0; i < Batches; i++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            batch();
            best = Math.Min(best, GC.GetAllocatedBytesForCurrentThread() - before);
        }
        return best;
    }

    private static long Size(Func<object> create)
    {
        GC.KeepAlive(create());
        var before = GC.GetAllocatedBytesForCurrentThread();
        var created = create();
        var size = GC.GetAllocatedBytesForCurrentThread() - before;
        GC.KeepAlive(created);
        return size;
    }

    private static readonly LoadedProgram Program = Load();

    private static LoadedProgram Load()
    {
        var compilation = Compilation.Create([new SourceText("loop.vflow", Loop)]);
        var bytes = compilation.Emit() ?? throw new InvalidOperationException(string.Join("\n", compilation.Diagnostics.Select(d => $"{d.Location}: {d.Code} {d.Message}")));
        return LoadedProgram.Load(bytes);
    }

    private static (Machine Machine, CallState Call) NewCall(string language = "en")
    {
        var machine = new Machine(Program, new MachineOptions());
        return (machine, NewState(language));
    }

    private static CallState NewState(string language)
    {
        var call = new CallState(new CallVariables(UserVariables.FromProgram(Program.Program), TimeZoneInfo.Utc, Now), language);
        call.Variables.SetSystem("$CLI", "01707364143");
        return call;
    }
}

/// <summary>Allocation is counted per thread, but the caches it depends on are shared: nothing else runs meanwhile.</summary>
[CollectionDefinition(nameof(MachineAllocationTests), DisableParallelization = true)]
public sealed class MachineAllocationCollection;
