using System.Diagnostics;
using System.Globalization;
using CallFlow.Runtime.Evaluation;
using CallFlow.Runtime.Vm;
using VmMachine = CallFlow.Runtime.Vm.Machine;

namespace CallFlow.Bench;

/// <summary>The figures of one concurrent-calls run.</summary>
internal sealed record CallLoadResult(
    int Calls, int Workers, long Starts, long Resumes, double WallMs, double CpuMs, int VirtualSeconds, int PeakLive,
    long PeakWorkingSet, long WorkingSetBefore, long PeakManaged, long ManagedBefore, long AllocatedBytes,
    int Gen0, int Gen1, int Gen2, double PauseMs, double WorstTickMs, int[] EndsByScript)
{
    public double CallsPerSecond => Calls / (WallMs / 1000);
    public double EventsPerSecond => (Starts + Resumes) / (WallMs / 1000);

    /// <summary>One line for the parent process: <c>VMLOAD</c> and the fields in order.</summary>
    public string ToLine() => string.Create(CultureInfo.InvariantCulture,
        $"VMLOAD {Calls} {Workers} {Starts} {Resumes} {WallMs:F3} {CpuMs:F3} {VirtualSeconds} {PeakLive} {PeakWorkingSet} {WorkingSetBefore} {PeakManaged} {ManagedBefore} {AllocatedBytes} {Gen0} {Gen1} {Gen2} {PauseMs:F3} {WorstTickMs:F3} {string.Join(',', EndsByScript)}");

    public static CallLoadResult Parse(string line)
    {
        var p = line.Split(' ');
        double D(int i) => double.Parse(p[i], CultureInfo.InvariantCulture);
        long L(int i) => long.Parse(p[i], CultureInfo.InvariantCulture);
        return new CallLoadResult((int)L(1), (int)L(2), L(3), L(4), D(5), D(6), (int)L(7), (int)L(8), L(9), L(10), L(11), L(12), L(13),
            (int)L(14), (int)L(15), (int)L(16), D(17), D(18), [.. p[19].Split(',').Select(s => int.Parse(s, CultureInfo.InvariantCulture))]);
    }
}

/// <summary>
/// Many simulated calls on the sample attendant at once, on a virtual clock, on a few worker threads: no thread, timer
/// or task per call. Call i belongs to worker i mod W; each worker keeps its calls in a timing wheel of 100 ms slots.
/// All workers step the virtual clock together (a barrier per tick): in each tick a worker resumes every call of its
/// own whose effect is done (prompts played, keys pressed, request answered), with the answer its caller script gives.
/// The clock advances as fast as the work allows; nothing sleeps. Every call must ask for exactly the effects its
/// script expects and end as it says, or the run fails.
/// </summary>
internal sealed class CallLoad
{
    public const double TickSeconds = 0.1;
    private const int WheelSlots = 1024; // 102.4 s ahead: longer than any one effect takes
    private const int RampTicks = 20;    // calls start over the first 2 virtual seconds; the shortest call lasts 3 s
    private const int MaxTicks = 10 * 60 * 10; // 10 virtual minutes: a bounded run

    private readonly VmMachine _machine;
    private readonly UserVariables _users;
    private readonly int _calls;
    private readonly int _workers;
    private readonly CallState?[] _states;
    private readonly Step?[] _steps;
    private readonly byte[] _script;
    private readonly byte[] _position;
    private readonly Worker[] _shards;
    private int _tick;
    private volatile string? _failure;

    private CallLoad(LoadedProgram program, int calls, int workers)
    {
        _machine = new VmMachine(program, new MachineOptions());
        _users = UserVariables.FromProgram(program.Program);
        _calls = calls;
        _workers = workers;
        _states = new CallState?[calls];
        _steps = new Step?[calls];
        _script = new byte[calls];
        _position = new byte[calls];
        _shards = [.. Enumerable.Range(0, workers).Select(_ => new Worker())];
        for (var i = 0; i < calls; i++)
        {
            _script[i] = (byte)CallerScript.Of(i);
            // Starts spread evenly over the ramp; a start is an event in the wheel like any other.
            _shards[i % workers].Slots[(int)((long)i * RampTicks / calls)].Add(i);
        }
    }

    private sealed class Worker
    {
        public readonly List<int>[] Slots = [.. Enumerable.Range(0, WheelSlots).Select(_ => new List<int>())];
        public int Live;
        public int Ended;
        public long Starts;
        public long Resumes;
        public readonly int[] EndsByScript = new int[CallerScript.All.Length];
    }

    /// <summary>Runs <paramref name="calls"/> calls to their end on <paramref name="workers"/> threads and measures the run.</summary>
    public static CallLoadResult Run(LoadedProgram program, int calls, int workers)
    {
        var load = new CallLoad(program, calls, workers);
        Harness.Settle();
        using var process = Process.GetCurrentProcess();
        process.Refresh();
        var workingSetBefore = process.WorkingSet64;
        var managedBefore = GC.GetTotalMemory(false);
        var counts = new[] { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) };
        var pause = GC.GetTotalPauseDuration();
        var allocated = GC.GetTotalAllocatedBytes(precise: true);
        var cpu = process.TotalProcessorTime;
        var peakManaged = managedBefore;
        var peakLive = 0;
        var worstTick = 0.0;
        var tickStart = Stopwatch.GetTimestamp();
        var wall = Stopwatch.StartNew();

        using var barrier = new Barrier(workers, _ =>
        {
            // Between ticks, with every worker waiting: the clock moves on and the figures are sampled.
            var now = Stopwatch.GetTimestamp();
            worstTick = Math.Max(worstTick, Stopwatch.GetElapsedTime(tickStart, now).TotalMilliseconds);
            tickStart = now;
            peakLive = Math.Max(peakLive, load._shards.Sum(s => s.Live));
            peakManaged = Math.Max(peakManaged, GC.GetTotalMemory(false));
            load._tick++;
        });
        var threads = Enumerable.Range(0, workers).Select(w => new Thread(() => load.Work(w, barrier)) { Name = $"calls-{w}", IsBackground = true }).ToList();
        foreach (var thread in threads)
            thread.Start();
        foreach (var thread in threads)
            thread.Join();
        wall.Stop();
        process.Refresh();
        if (load._failure is { } failure)
            throw new InvalidOperationException(failure);
        var ended = load._shards.Sum(s => s.Ended);
        if (ended != calls)
            throw new InvalidOperationException($"{calls - ended} of {calls} calls had not ended after {MaxTicks * TickSeconds} virtual seconds");
        var ends = new int[CallerScript.All.Length];
        foreach (var shard in load._shards)
        {
            for (var s = 0; s < ends.Length; s++)
                ends[s] += shard.EndsByScript[s];
        }
        return new CallLoadResult(calls, workers, load._shards.Sum(s => s.Starts), load._shards.Sum(s => s.Resumes), wall.Elapsed.TotalMilliseconds,
            (process.TotalProcessorTime - cpu).TotalMilliseconds, (int)Math.Ceiling(load._tick * TickSeconds), peakLive,
            process.PeakWorkingSet64, workingSetBefore, peakManaged, managedBefore, GC.GetTotalAllocatedBytes(precise: true) - allocated,
            GC.CollectionCount(0) - counts[0], GC.CollectionCount(1) - counts[1], GC.CollectionCount(2) - counts[2],
            (GC.GetTotalPauseDuration() - pause).TotalMilliseconds, worstTick, ends);
    }

    private void Work(int worker, Barrier barrier)
    {
        var shard = _shards[worker];
        try
        {
            while (_failure is null && _tick < MaxTicks && Ended() < _calls)
            {
                var tick = _tick;
                var slot = shard.Slots[tick % WheelSlots];
                var now = VmWorkloads.Monday10.AddSeconds(tick * TickSeconds);
                // Calls added to this slot while it is worked on belong to a later round of the wheel, never to this tick.
                var count = slot.Count;
                for (var k = 0; k < count && _failure is null; k++)
                    Advance(shard, slot[k], tick, now);
                slot.RemoveRange(0, count);
                barrier.SignalAndWait();
            }
        }
        catch (Exception e)
        {
            _failure ??= $"worker {worker}: {e.GetType().Name}: {e.Message}";
        }
        finally
        {
            // Leave the barrier so the other workers do not wait for this one any more.
            barrier.RemoveParticipant();
        }
    }

    /// <summary>
    /// Calls that have ended, over all workers. A worker whose own calls have all ended keeps stepping the clock with
    /// the others until every call has ended (a barrier round needs every participant); when the last call ends, all
    /// workers see it after that tick's barrier and leave together.
    /// </summary>
    private int Ended()
    {
        var ended = 0;
        foreach (var shard in _shards)
            ended += Volatile.Read(ref shard.Ended);
        return ended;
    }

    /// <summary>Starts call <paramref name="call"/> or resumes it with its script's answer, and files it under the tick its next effect ends.</summary>
    private void Advance(Worker shard, int call, int tick, DateTimeOffset now)
    {
        var script = CallerScript.All[_script[call]];
        Step step;
        double seconds;
        if (_states[call] is not { } state)
        {
            state = VmWorkloads.NewCall(_users, now, "0170736" + (4000 + call % 6000).ToString(CultureInfo.InvariantCulture));
            _states[call] = state;
            step = _machine.Start(state, VmWorkloads.AttendantStart, now);
            shard.Starts++;
            shard.Live++;
        }
        else
        {
            var pending = _steps[call]!;
            var answer = script.Answer(_position[call], pending.Effect!) ?? throw new InvalidOperationException($"call {call}: {script.Describe(_position[call], pending.Effect!)}");
            _position[call]++;
            step = _machine.Resume(state, answer.Outcome, now);
            shard.Resumes++;
        }

        if (step.State == ExecutionState.Suspended)
        {
            var answer = script.Answer(_position[call], step.Effect!) ?? throw new InvalidOperationException($"call {call}: {script.Describe(_position[call], step.Effect!)}");
            seconds = answer.Seconds;
            _steps[call] = step;
            var due = tick + Math.Max(1, (int)Math.Ceiling(seconds / TickSeconds));
            shard.Slots[due % WheelSlots].Add(call);
            return;
        }
        if (step.State == ExecutionState.Faulted || step.EndReason != script.End || _position[call] != script.Steps.Length)
        {
            throw new InvalidOperationException($"call {call} (caller script '{script.Name}') {VmWorkloads.Describe(step)} after {_position[call]} of " +
                $"{script.Steps.Length} steps; the script expects it to end {script.End} after all of them");
        }
        _states[call] = null;
        _steps[call] = null;
        shard.Live--;
        shard.EndsByScript[_script[call]]++;
        Volatile.Write(ref shard.Ended, shard.Ended + 1);
    }
}
