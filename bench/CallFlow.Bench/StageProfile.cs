using System.Diagnostics;
using Antlr4.Runtime.Atn;
using CallFlow.Compiler;
using CallFlow.Compiler.Binding;
using CallFlow.Compiler.Checks;
using CallFlow.Compiler.Diagnostics;
using CallFlow.Compiler.Lowering;
using CallFlow.Compiler.Syntax;
using CallFlow.Compiler.Text;

namespace CallFlow.Bench;

/// <summary>
/// Where the time of Compilation.Create goes: the same stages it runs, driven one by one with a Stopwatch around
/// each (the bench sees the compiler's internals; SyntaxTree.Lex through <see cref="Workloads.CompilerLex"/>). The
/// parser set-up mirrors SyntaxTree.Parse; its depth guard is left out (one pass over the token list). "rest" is Compilation.Create's time minus the
/// stages, measured in the same iteration, so it also catches checks added to Compilation after this was written.
/// </summary>
internal static class StageProfile
{
    public static readonly string[] Stages =
        ["source text", "lex", "parse (SLL)", "syntax tree", "bind", "check: reachability", "check: unconnected", "check: loops",
         "check: module cycles", "check: menu keys", "lower", "sort diagnostics"];

    private static readonly IProgramCheck[] Checks =
        [new ReachabilityCheck(), new UnconnectedResultCheck(), new LoopWithoutInputCheck(), new ModuleCycleCheck(), new MenuKeyCheck()];

    /// <summary>
    /// One iteration: the elapsed ticks and allocated bytes of each stage, then Compilation.Create's total and the
    /// collections (gen0, gen1, gen2) and GC pause time during it.
    /// </summary>
    public static (long[] Stages, long[] Bytes, long Total, int[] Collections, double PauseMs) RunOnce(string text)
    {
        var ticks = new long[Stages.Length];
        var bytes = new long[Stages.Length];
        var step = 0;
        var allocated = GC.GetAllocatedBytesForCurrentThread();
        var watch = Stopwatch.StartNew();
        void Lap()
        {
            ticks[step] = watch.ElapsedTicks;
            var now = GC.GetAllocatedBytesForCurrentThread();
            bytes[step++] = now - allocated;
            allocated = now;
            watch.Restart();
        }

        var source = new SourceText("bench.vflow", text);
        Lap();
        var diagnostics = new DiagnosticBag();
        var tokens = Workloads.CompilerLex(source, diagnostics);
        Lap();
        var tree = Workloads.RawParse(tokens, PredictionMode.SLL);
        Lap();
        var unit = new SyntaxTreeBuilder(source, diagnostics).Build(tree);
        Lap();
        var program = Binder.Bind([unit], diagnostics);
        Lap();
        foreach (var check in Checks)
        {
            check.Run(program, diagnostics);
            Lap();
        }
        // Compilation.Create lowers too (so check and compile report the same diagnostics); Emit starts from this.
        var lowered = Lowerer.Lower(program, diagnostics);
        Lap();
        var sorted = diagnostics.ToImmutableSorted();
        Lap();
        if (!sorted.IsEmpty)
            throw new InvalidOperationException("the stage profile produced diagnostics on the generated input");

        sorted = default;
        lowered = null!;
        unit = null!;
        program = null!;
        tree = null!;
        tokens = null!;
        Harness.Settle();
        var before = new[] { GC.CollectionCount(0), GC.CollectionCount(1), GC.CollectionCount(2) };
        var pauseBefore = GC.GetTotalPauseDuration();
        watch.Restart();
        var compilation = Compilation.Create([new SourceText("bench.vflow", text)]);
        var total = watch.ElapsedTicks;
        var pause = (GC.GetTotalPauseDuration() - pauseBefore).TotalMilliseconds;
        var collections = new[] { GC.CollectionCount(0) - before[0], GC.CollectionCount(1) - before[1], GC.CollectionCount(2) - before[2] };
        GC.KeepAlive(compilation);
        return (ticks, bytes, total, collections, pause);
    }

    /// <summary>Medians over the iterations; collections and GC pause time are those of the median-time Create call.</summary>
    public static (double[] StageMs, long[] StageBytes, double TotalMs, int[] Collections, double PauseMs) Measure(string text, int warmup, int iterations)
    {
        for (var i = 0; i < warmup; i++)
            RunOnce(text);
        var stageSamples = Stages.Select(_ => new List<double>()).ToArray();
        var totals = new List<(double Ms, int[] Collections, double PauseMs)>();
        long[] stageBytes = [];
        for (var i = 0; i < iterations; i++)
        {
            Harness.Settle();
            var (stages, bytes, total, collections, pause) = RunOnce(text);
            stageBytes = bytes; // allocation is deterministic: any iteration's will do
            for (var s = 0; s < stages.Length; s++)
                stageSamples[s].Add(Harness.TicksToMs(stages[s]));
            totals.Add((Harness.TicksToMs(total), collections, pause));
        }
        var median = totals.OrderBy(t => t.Ms).ElementAt(totals.Count / 2);
        return ([.. stageSamples.Select(Harness.Median)], stageBytes, median.Ms, median.Collections, median.PauseMs);
    }

}
