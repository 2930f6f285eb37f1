using System.Diagnostics;
using System.Globalization;
using System.Text;
using CallFlow.Runtime.Evaluation;
using CallFlow.Runtime.Vm;
using VmMachine = CallFlow.Runtime.Vm.Machine;
using static CallFlow.Bench.VmWorkloads;

namespace CallFlow.Bench;

/// <summary>One variant of the instruction loop, measured with few and with many passes per Resume.</summary>
internal sealed record LoopRow(
    string Variant, SortedDictionary<string, int> Mix, int PerPass, int Fixed, int SmallPasses, int LargePasses,
    double SmallNs, double LargeNs, double SmallBytes, double LargeBytes)
{
    public int SmallInstructions => SmallPasses * PerPass + Fixed;
    public int LargeInstructions => LargePasses * PerPass + Fixed;

    /// <summary>Marginal cost of one instruction: the difference of the two runs over the difference of their instructions.</summary>
    public double NsPerInstruction => (LargeNs - SmallNs) / (LargeInstructions - SmallInstructions);
    public double BytesPerInstruction => (LargeBytes - SmallBytes) / (LargeInstructions - SmallInstructions);
    public double NsPerPass => NsPerInstruction * PerPass;
}

/// <summary>
/// The VM benchmarks: instructions per second and bytes per instruction in the instruction loop (against the same
/// logic in plain C#), memory per suspended call, and many concurrent scripted calls on a virtual clock.
/// </summary>
internal static class VmBench
{
    private static readonly DigitsOutcome KeyOne = new("1");

    /// <summary>Runs the three VM benchmarks; prints progress and returns the markdown section.</summary>
    public static string Run(bool quick)
    {
        var started = Stopwatch.StartNew();
        var report = new StringBuilder();
        report.AppendLine("### VM: instructions, allocation, suspended calls").AppendLine();

        // 1. The instruction loop.
        var (smallPasses, largePasses) = (10, quick ? 500 : 1_000);
        WarmUpJit(quick);
        var rows = new List<LoopRow>();
        foreach (var (name, parts) in LoopVariants)
        {
            rows.Add(MeasureLoop(name, parts, smallPasses, largePasses, quick));
            var r = rows[^1];
            Console.WriteLine($"vm loop  {name,-75} {r.PerPass} instr/pass  {r.NsPerInstruction,7:F1} ns/instr  {Bytes(r.BytesPerInstruction),6} B/instr  ({r.LargeBytes:F0} B per Resume)");
        }
        var full = rows[^1];
        var plainNs = MeasurePlain(largePasses, quick);
        var vmPassNs = full.NsPerPass;
        Console.WriteLine($"plain C# {plainNs / largePasses:F1} ns/pass; VM {vmPassNs:F1} ns/pass: {vmPassNs / (plainNs / largePasses):F0}x");

        report.AppendLine($"Instruction loop: a start point runs N passes of non-waiting instructions per `Resume` and then waits at a menu " +
            $"(key 1 loops again). Each variant is measured with N = {smallPasses} and N = {largePasses:N0}; per instruction = the difference " +
            "of the two medians over the difference of their instructions (so the menu's own cost per Resume drops out). Instructions per " +
            "Resume are counted by the VM itself: the smallest `MachineOptions.StepBudget` with which the Resume does not fault (VF6001), " +
            "and they must match the pass read off the program.").AppendLine();
        report.AppendLine(Runner.Markdown(["variant", "instructions per pass", "per Resume (N small / large)", "ns/instruction", "instructions/s",
            "bytes/instruction", "µs per Resume (N small / large)", "bytes per Resume (N small / large)"],
            [.. rows.Select(r => (string[])[
                r.Variant, $"{r.PerPass} ({string.Join(", ", r.Mix.Select(m => $"{m.Key} {m.Value}"))})", $"{r.SmallInstructions:N0} / {r.LargeInstructions:N0}",
                $"{r.NsPerInstruction:F1}", Rate(1e9 / r.NsPerInstruction), Bytes(r.BytesPerInstruction),
                $"{r.SmallNs / 1000:F1} / {r.LargeNs / 1000:F1}", $"{r.SmallBytes:N0} / {r.LargeBytes:N0}"])]));
        report.AppendLine($"Plain C# (the full mix's logic, `PlainLoop`): {plainNs / largePasses:F1} ns per pass, 0 bytes; the VM: {vmPassNs:F0} ns per pass " +
            $"({full.PerPass} instructions): **VM / plain C# = {vmPassNs / (plainNs / largePasses):F0}x**. " +
            $"Target 0 bytes per instruction in steady state: {(full.BytesPerInstruction < 0.5 && rows.All(r => r.BytesPerInstruction < 0.5) ? "met" : "MISSED")} " +
            $"(largest {rows.Max(r => r.BytesPerInstruction):F2} B).").AppendLine();

        // 2. Memory per suspended call.
        var program = CompileSamples();
        var suspended = quick ? 20_000 : 100_000;
        var memory = MeasureSuspended(program, suspended);
        Console.WriteLine($"suspended calls: {memory.WithStep:F0} B per call with its pending step, {memory.StateOnly:F0} B state only, {memory.NewCall:F0} B before Start");
        report.AppendLine($"Suspended calls: {suspended:N0} calls on the samples (`{AttendantStart}`, Monday 10:00, open), each started and resumed once " +
            "(prompts played) so that it waits in the main menu's key collection; retained bytes = `GC.GetTotalMemory(true)` after − before, ÷ calls.").AppendLine();
        report.AppendLine(Runner.Markdown(["what is kept per call", "bytes per call", "target", "verdict"],
        [
            ["a new call before `Start` (`CallState` + `CallVariables`, $CLI set)", $"{memory.NewCall:N0}", "-", "-"],
            ["`CallState` of a call waiting at the menu", $"{memory.StateOnly:N0}", "< 2,048", memory.StateOnly < 2048 ? "met" : "MISSED"],
            ["the same plus the pending `Step` (its `CollectDigitsEffect`), as a host keeps it", $"{memory.WithStep:N0}", "< 2,048", memory.WithStep < 2048 ? "met" : "MISSED"],
        ]));
        report.AppendLine($"Creating them: {memory.CreateMs / suspended * 1000:F2} µs per call (new state, `Start`, first `Resume`), " +
            $"{suspended / (memory.CreateMs / 1000):N0} calls/s on one thread.").AppendLine();
        report.AppendLine($"What one waiting call holds (object graph walked by reflection from one call's `CallState` and pending `Step`; objects " +
            $"another call also reaches — user variables, zone, program strings, comparers, literals — are shared and left out): " +
            $"{memory.Census.Sum(e => e.Bytes):N0} bytes in {memory.Census.Sum(e => e.Objects)} objects.").AppendLine();
        report.AppendLine(Runner.Markdown(["type", "objects", "bytes", "share"],
            [.. memory.Census.Select(e => (string[])[$"`{e.Type}`", e.Objects.ToString(CultureInfo.InvariantCulture), $"{e.Bytes:N0}",
                $"{100.0 * e.Bytes / memory.Census.Sum(c => c.Bytes):F0}%"])]));

        // 3. Concurrent calls, each in a fresh process so its working set is its own.
        var calls = quick ? 20_000 : 100_000;
        var loads = new List<(string Gc, CallLoadResult Result)>();
        (int Workers, string Gc, Dictionary<string, string> Environment)[] settings = quick
            ? [(2, "workstation", [])]
            : [(2, "workstation", []), (1, "workstation", []), (2, "server", new() { ["DOTNET_gcServer"] = "1" })];
        foreach (var (workers, gc, environment) in settings)
        {
            var line = Harness.RunChild(["--vm-load", calls.ToString(CultureInfo.InvariantCulture), workers.ToString(CultureInfo.InvariantCulture)], environment, "VMLOAD");
            loads.Add((gc, CallLoadResult.Parse(line)));
            var l = loads[^1].Result;
            Console.WriteLine($"vm load  {l.Calls:N0} calls, {l.Workers} workers, {gc} GC: {l.WallMs / 1000:F2} s wall, {l.CallsPerSecond:N0} calls/s, {l.EventsPerSecond:N0} events/s, " +
                $"peak WS {l.PeakWorkingSet / 1048576.0:F0} MiB, peak managed {l.PeakManaged / 1048576.0:F0} MiB, GC pause {l.PauseMs:F0} ms");
        }
        report.AppendLine($"Concurrent calls: {calls:N0} calls on the samples' attendant, each driven through a caller script (effects expected " +
            "in order, answers given: prompts played, keys, time-outs, request results, a hang-up) on a virtual clock of 100 ms ticks; " +
            "calls start over the first 2 virtual seconds, so all are live at once. A fixed number of worker threads, a timing wheel " +
            "per worker, one barrier per tick; no thread, timer or task per call. Each run in a fresh process (`--vm-load`), after a " +
            "warm-up run of 5% of the calls in the same process. Every call must see exactly its script's effects and end as the script says.").AppendLine();
        report.AppendLine(Runner.Markdown(["workers, GC", "calls", "peak live calls", "starts + resumes", "wall s", "calls/s", "starts + resumes/s",
            "CPU s (cores busy)", "virtual s", "worst tick ms", "peak working set MiB (before)", "peak managed MiB (before)",
            "allocated bytes per start/resume", "GCs gen0/1/2", "GC pause ms"],
            [.. loads.Select(run => LoadRow(run.Gc, run.Result))]));
        report.AppendLine("Caller scripts (call i follows script i mod 10): " + string.Join("; ", CallerScript.All.Select((s, i) =>
            $"{s.Name} ({s.Tenths * 10}%, {s.Steps.Length} resumes, ends {s.End}, {loads[0].Result.EndsByScript[i]:N0} calls)")) + ".").AppendLine();
        report.AppendLine($"VM benchmarks took {started.Elapsed.TotalSeconds:F0} s.").AppendLine();
        return report.ToString();
    }

    private static string[] LoadRow(string gc, CallLoadResult l) =>
    [
        $"{l.Workers}, {gc}", $"{l.Calls:N0}", $"{l.PeakLive:N0}", $"{l.Starts + l.Resumes:N0}",
        $"{l.WallMs / 1000:F2}", $"{l.CallsPerSecond:N0}", $"{l.EventsPerSecond:N0}", $"{l.CpuMs / 1000:F2} ({l.CpuMs / l.WallMs:F2})",
        l.VirtualSeconds.ToString(CultureInfo.InvariantCulture), $"{l.WorstTickMs:F1}",
        $"{l.PeakWorkingSet / 1048576.0:F0} ({l.WorkingSetBefore / 1048576.0:F0})", $"{l.PeakManaged / 1048576.0:F0} ({l.ManagedBefore / 1048576.0:F0})",
        $"{(double)l.AllocatedBytes / (l.Starts + l.Resumes):N0}", $"{l.Gen0}/{l.Gen1}/{l.Gen2}", $"{l.PauseMs:F0}",
    ];

    /// <summary>
    /// Tiered compilation reaches optimised code only after about 30 calls and a quiet spell with no new methods to
    /// compile (and, with dynamic PGO, through an instrumented tier first): every loop variant and the plain loop run
    /// for a fixed time first, then the runtime gets a moment to finish its background compilations.
    /// </summary>
    private static void WarmUpJit(bool quick)
    {
        var budget = TimeSpan.FromMilliseconds(quick ? 200 : 400);
        foreach (var (_, parts) in LoopVariants)
        {
            var program = CompileLoop(100, parts);
            var machine = new VmMachine(program, new MachineOptions { StepBudget = 100_000_000 });
            var call = NewCall(UserVariables.FromProgram(program.Program), Monday10, "01707364143");
            Expect<CollectDigitsEffect>(machine.Start(call, LoopStart, Monday10), "the loop flow's Start");
            var watch = Stopwatch.StartNew();
            for (var i = 0; i < 100 || watch.Elapsed < budget; i++)
                Expect<CollectDigitsEffect>(machine.Resume(call, KeyOne, Monday10), "a Resume of the loop flow");
        }
        var plain = new PlainLoop();
        var plainWatch = Stopwatch.StartNew();
        for (var i = 0; i < 100 || plainWatch.Elapsed < budget; i++)
            plain.Run(100, Monday10, Zone);
        Thread.Sleep(500);
    }

    /// <summary>
    /// Instructions one Resume with key 1 runs, counted by the machine: the smallest StepBudget with which it does not
    /// fault with VF6001. Each probe takes a fresh call to the menu first.
    /// </summary>
    private static int InstructionsPerResume(LoadedProgram program)
    {
        var users = UserVariables.FromProgram(program.Program);
        var large = new VmMachine(program, new MachineOptions { StepBudget = int.MaxValue });
        bool Fits(int budget)
        {
            var call = NewCall(users, Monday10, "01707364143");
            Expect<CollectDigitsEffect>(large.Start(call, LoopStart, Monday10), "the loop flow's Start");
            var step = new VmMachine(program, new MachineOptions { StepBudget = budget }).Resume(call, KeyOne, Monday10);
            if (step.State == ExecutionState.Faulted && step.Fault?.Code == "VF6001")
                return false;
            Expect<CollectDigitsEffect>(step, $"the loop flow's Resume with StepBudget {budget}");
            return true;
        }
        var high = 1;
        while (!Fits(high))
        {
            if (high > 1 << 26)
                throw new InvalidOperationException("a Resume of the loop flow did not reach its menu within 2^26 instructions");
            high *= 2;
        }
        var low = high / 2; // does not fit (or 0)
        while (high - low > 1)
        {
            var middle = low + (high - low) / 2;
            if (Fits(middle))
                high = middle;
            else
                low = middle;
        }
        return high;
    }

    private static LoopRow MeasureLoop(string name, LoopParts parts, int smallPasses, int largePasses, bool quick)
    {
        var small = CompileLoop(smallPasses, parts);
        var large = CompileLoop(largePasses, parts);
        var mix = PassMix(large.Program);
        var perPass = mix.Values.Sum();
        var smallCount = InstructionsPerResume(small);
        var largeCount = InstructionsPerResume(large);
        if (largeCount - smallCount != perPass * (largePasses - smallPasses))
        {
            throw new InvalidOperationException($"loop '{name}': the VM ran {smallCount} and {largeCount} instructions for {smallPasses} and {largePasses} passes, " +
                $"{(double)(largeCount - smallCount) / (largePasses - smallPasses):F2} per pass; the program's pass has {perPass}");
        }
        var fixedPart = smallCount - perPass * smallPasses;
        var runs = new[] { new LoopCall(small, smallPasses), new LoopCall(large, largePasses) };
        foreach (var run in runs)
            run.WarmUp(quick ? 150 : 300);
        for (var s = 0; s < (quick ? 5 : 9); s++)
        {
            foreach (var run in runs)
                run.Sample();
        }
        foreach (var run in runs)
            run.Check(parts);
        return new LoopRow(name, mix, perPass, fixedPart, smallPasses, largePasses, runs[0].MedianNs, runs[1].MedianNs, runs[0].BytesPerResume, runs[1].BytesPerResume);
    }

    /// <summary>
    /// One call on a loop flow, resumed with key 1 over and over. The two runs of a variant (few and many passes) take
    /// their samples in turns, so that tiering, which still changes code (and what escape analysis keeps off the heap)
    /// for a while, drifts both alike.
    /// </summary>
    private sealed class LoopCall
    {
        private readonly VmMachine _machine;
        private readonly CallState _call;
        private readonly List<double> _times = [];
        private long _bytes;
        private long _resumes;
        private int _perSample = 10;

        public LoopCall(LoadedProgram program, int passes)
        {
            Passes = passes;
            _machine = new VmMachine(program, new MachineOptions { StepBudget = 100_000_000 });
            _call = NewCall(UserVariables.FromProgram(program.Program), Monday10, "01707364143");
            Expect<CollectDigitsEffect>(_machine.Start(_call, LoopStart, Monday10), "the loop flow's Start");
        }

        public int Passes { get; }
        public double MedianNs => Harness.Median(_times);
        public double BytesPerResume => (double)_bytes / _resumes;

        private void Resume()
        {
            var step = _machine.Resume(_call, KeyOne, Monday10);
            if (step.Effect is not CollectDigitsEffect)
                Expect<CollectDigitsEffect>(step, "a Resume of the loop flow");
        }

        /// <summary>Runs for <paramref name="milliseconds"/>, then sizes the samples to about 50 ms each.</summary>
        public void WarmUp(int milliseconds)
        {
            var watch = Stopwatch.StartNew();
            var resumes = 0;
            for (; resumes < 50 || watch.ElapsedMilliseconds < milliseconds; resumes++)
                Resume();
            _perSample = Math.Max(10, (int)(resumes * (50.0 / watch.ElapsedMilliseconds)));
        }

        public void Sample()
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var start = Stopwatch.GetTimestamp();
            for (var i = 0; i < _perSample; i++)
                Resume();
            var elapsed = Stopwatch.GetElapsedTime(start);
            _bytes += GC.GetAllocatedBytesForCurrentThread() - before;
            _resumes += _perSample;
            _times.Add(elapsed.TotalNanoseconds / _perSample);
        }

        /// <summary>The flow must have done its work, not skipped it: the pass counter ran to its end, and the registers hold what the passes wrote.</summary>
        public void Check(LoopParts parts)
        {
            var counted = _call.Variables.Get("$COUNTER1");
            if (counted != (Passes + 1).ToString(CultureInfo.InvariantCulture))
                throw new InvalidOperationException($"after a Resume of the loop flow $COUNTER1 is {counted}, expected {Passes + 1}");
            if ((parts & LoopParts.Generic) != 0 && _call.Variables.Get("$CP1") != "abc")
                throw new InvalidOperationException("the loop flow's generic CP1:abc did not set $CP1");
            if ((parts & LoopParts.CallReturn) != 0 && _call.Variables.Get("$CP2") != "abc")
                throw new InvalidOperationException("the loop flow's module Inner did not set $CP2");
        }
    }

    /// <summary>The plain C# loop: median ns per call of <see cref="PlainLoop.Run"/> with <paramref name="passes"/> passes.</summary>
    private static double MeasurePlain(int passes, bool quick)
    {
        var loop = new PlainLoop();
        var warm = Stopwatch.StartNew();
        var runs = 0;
        while (warm.ElapsedMilliseconds < (quick ? 150 : 300) || runs < 50)
        {
            loop.Run(passes, Monday10, Zone);
            runs++;
        }
        var perSample = Math.Max(10, (int)(runs * (50.0 / warm.ElapsedMilliseconds)));
        var times = new List<double>();
        var allocated = 0L;
        for (var s = 0; s < (quick ? 5 : 9); s++)
        {
            var before = GC.GetAllocatedBytesForCurrentThread();
            var start = Stopwatch.GetTimestamp();
            var ready = 0L;
            for (var i = 0; i < perSample; i++)
                ready += loop.Run(passes, Monday10, Zone);
            var elapsed = Stopwatch.GetElapsedTime(start);
            allocated += GC.GetAllocatedBytesForCurrentThread() - before;
            times.Add(elapsed.TotalNanoseconds / perSample);
            if (ready != (long)passes * perSample)
                throw new InvalidOperationException($"the plain C# loop found Ready true {ready} times in {(long)passes * perSample} passes");
        }
        if (allocated != 0)
            throw new InvalidOperationException($"the plain C# loop allocated {allocated} bytes");
        return Harness.Median(times);
    }

    private sealed record SuspendedMemory(double NewCall, double StateOnly, double WithStep, double CreateMs, List<ObjectCensus.Entry> Census);

    /// <summary>Memory per suspended call: <paramref name="count"/> calls brought to the attendant's main menu and kept.</summary>
    private static SuspendedMemory MeasureSuspended(LoadedProgram program, int count)
    {
        var users = UserVariables.FromProgram(program.Program);
        var options = new MachineOptions();
        var machine = new VmMachine(program, options);
        var played = new PlayedOutcome();
        var states = new CallState?[count];
        var steps = new Step?[count];

        // Warm up the paths (and fail early if the flow does not behave as expected).
        for (var i = 0; i < 1_000; i++)
            Expect<CollectDigitsEffect>(machine.Resume(Started(i), played, Monday10.AddSeconds(2)), "the attendant after its greeting");

        var before = Settled();
        var watch = Stopwatch.StartNew();
        for (var i = 0; i < count; i++)
        {
            var call = Started(i);
            states[i] = call;
            steps[i] = machine.Resume(call, played, Monday10.AddSeconds(2));
            if (steps[i]!.Effect is not CollectDigitsEffect)
                Expect<CollectDigitsEffect>(steps[i]!, "the attendant after its greeting");
        }
        watch.Stop();
        var withSteps = Settled();
        GC.KeepAlive(steps);

        // What one call holds: call 0 against calls 1 and 2 (whatever they also reach is shared) and the shared roots.
        object[] Roots(int i) => [states[i]!, steps[i]!];
        var census = ObjectCensus.Take(Roots(0), [Roots(1), Roots(2)], [machine, program, users, Zone, options, played]);
        var kept = new[] { Roots(0), Roots(1), Roots(2) };

        Array.Clear(steps);
        var statesOnly = Settled();
        GC.KeepAlive(states);

        Array.Clear(states);
        var beforeNew = Settled();
        for (var i = 0; i < count; i++)
            states[i] = NewCall(users, Monday10, "0170" + (7_000_000 + i).ToString(CultureInfo.InvariantCulture));
        var newCalls = Settled();
        GC.KeepAlive(states);
        GC.KeepAlive(kept);
        Array.Clear(states);

        return new SuspendedMemory((double)(newCalls - beforeNew) / count, (double)(statesOnly - before) / count, (double)(withSteps - before) / count,
            watch.Elapsed.TotalMilliseconds, census);

        CallState Started(int i)
        {
            var call = NewCall(users, Monday10, "0170" + (7_000_000 + i).ToString(CultureInfo.InvariantCulture));
            Expect<PlayEffect>(machine.Start(call, AttendantStart, Monday10), "the attendant's Start");
            return call;
        }
    }

    private static long Settled()
    {
        Harness.Settle();
        return GC.GetTotalMemory(true);
    }

    /// <summary>Bytes per instruction to two decimals; a difference of two measured averages can come out a hair below zero.</summary>
    private static string Bytes(double perInstruction) => Math.Abs(perInstruction) < 0.005 ? "0.00" : $"{perInstruction:F2}";

    private static string Rate(double perSecond) =>
        perSecond >= 1_000_000 ? $"{perSecond / 1_000_000:F1}M" : $"{perSecond / 1000:F0}k";

    /// <summary>
    /// The child side of the concurrent-calls run (<c>--vm-load calls workers</c>): compiles the samples, runs a warm-up
    /// of 5% of the calls (at least 2,000), then the measured run, and prints <c>VMLOAD ...</c>.
    /// </summary>
    public static int RunLoadChild(int calls, int workers)
    {
        var program = CompileSamples();
        CallLoad.Run(program, Math.Max(2_000, calls / 20), workers);
        var result = CallLoad.Run(program, calls, workers);
        Console.WriteLine(result.ToLine());
        return 0;
    }
}
